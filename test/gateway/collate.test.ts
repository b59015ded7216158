// collate() orders names and hostnames by code units where that is the collator's order:
// it must give Intl.Collator's answer for every pair, simple characters or not.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { collate } from '../../src/gateway/precedence.js';

const collator = new Intl.Collator().compare;
const SIMPLE = '-./0123456789abcdefghijklmnopqrstuvwxyz';

function agree(a: string, b: string): void {
  const want = Math.sign(collator(a, b));
  const got = Math.sign(collate(a, b));
  if (got !== want) assert.unreachable(`collate(${JSON.stringify(a)}, ${JSON.stringify(b)}) = ${got}, the collator says ${want}`);
}

test('every pair of one- and two-character strings of the simple characters', () => {
  for (const p of SIMPLE) for (const q of ['', ...SIMPLE]) for (const r of SIMPLE) for (const s of ['', ...SIMPLE]) agree(p + q, r + s);
});

test('random names with a shared prefix (seeded)', () => {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const word = (n: number) => Array.from({ length: n }, () => SIMPLE[Math.floor(next() * SIMPLE.length)]).join('');
  for (let i = 0; i < 100_000; i++) {
    const base = word(Math.floor(next() * 6));
    agree(base + word(Math.floor(next() * 6)), base + word(Math.floor(next() * 6)));
  }
});

test('strings with other characters go to the collator', () => {
  const others = ['*.example.com', 'a.example.com', 'A', 'a', 'B', 'b', 'team-1/route_2', 'team-1/route-2', '2026-01-01T00:00:00Z', '2026-01-01t00:00:00z', 'é', 'e', 'f', 'café', 'cafe', ''];
  for (const a of others) for (const b of others) agree(a, b);
  // the collator and code units disagree here: the fast path must not be taken
  assert.ok(collate('*.a', '-.a') > 0 && '*.a' < '-.a');
  assert.ok(collate('a', 'B') < 0 && 'B' < 'a');
});

test.run();
