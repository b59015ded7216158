// Values are built in the same pass as the positions (src/load/positions.ts indexDocument),
// not by js-yaml's constructor, for documents without tags, anchors, aliases or merge keys.
// Whatever the route, each chunk must come out exactly as js-yaml's constructFromEvents with
// kubectlSchema makes it: the same values (types, -0, NaN, key order, own __proto__ keys), or
// the same error at the same position.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseEvents, constructFromEvents, YAMLException } from 'js-yaml';
import { readChunk, splitDocuments } from '../../src/load/yaml-chunks.js';
import { kubectlSchema } from '../../src/load/yaml-schema.js';
import { corpusTest } from '../corpus.js';
import { ROOT, canon } from '../helpers.js';

/** js-yaml's own reading of a chunk, as readChunk read it before values were built in the index pass. */
function reference(text: string): string {
  try {
    const values = constructFromEvents(parseEvents(text, { maxDepth: 64 }), { source: text, schema: kubectlSchema, maxAliases: 10_000 });
    return values.filter((v) => v !== null && v !== undefined).map(canon).join('\n');
  } catch (err) {
    if (err instanceof YAMLException && err.mark) return `error ${err.mark.position}: ${err.reason}`;
    return `error 0: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** readChunk's reading of the same chunk (an alias bomb's value is left out by readChunk itself: compared as js-yaml's). */
function read(text: string): string {
  const data = readChunk(text, 0, text.length);
  if (!data.ok) return `error ${data.position}: ${data.reason}`;
  return data.docs.map((d) => (d.aliasBomb ? 'bomb' : canon(d.value))).join('\n');
}

function same(text: string, label: string): void {
  const mine = read(text);
  const theirs = reference(text);
  // a refused alias bomb: readChunk leaves its value out, the rest must match
  if (mine.includes('bomb')) return;
  assert.is(mine, theirs, label);
}

const CASES: string[] = [
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: plain\n  labels: {flag: yes, mode: 0755, big: 1_000, other: off}\nspec:\n  ports:\n    - port: 80\n      targetPort: "80"\n',
  'data:\n  nan: .nan\n  inf: .inf\n  ninf: -.inf\n  negzero: -0.0\n  negzeroint: -0\n  octal: 0o17\n  hex: 0x1F\n  sexagesimal: 1:30\n  huge: 1e400\n  tiny: 5e-324\n  n1: ~\n  n2: null\n  n3:\n  t: 2001-12-14t21:59:43.10-05:00\n',
  'data:\n  bytes: !!binary aGVsbG8=\n',
  'extra:\n  __proto__: {polluted: yes}\n  "__proto__x": 1\n  constructor: c\n  "10": ten\n  "2": two\n  b: 1\n  a: 2\n',
  'extra:\n  nested:\n    list:\n      - __proto__: 1\n',
  'metadata: &meta\n  name: aliased\n  labels: &labels {a: b}\ndata:\n  base: &base {x: 1, y: [1, 2]}\n  merged:\n    <<: *base\n    z: 3\n  again: *base\n  labels: *labels\n',
  'a: <<\nb: [<<, "<<"]\n"<<": quoted merge key\n',
  'data: &self\n  me: *self\n',
  'kind: [broken\n',
  'data: {a: 1, a: 2}\n',
  'data:\n  a: 1\n  b: {c: 2}\n  a: 3\n',
  'data:\n  - {x: 1, x: 1}\n',
  'true: t\nfalse: f\n1: one\n0x10: sixteen\n~: tilde\nnull: n\n"": empty\n1.5: float\n.inf: inf\n',
  'a: 1\n1: b\n"1": c\n',
  'y: yes\nn: no\noff: off\n',
  '? complex\n: value\n? [a, b]\n: seq key\n',
  '? {a: 1}\n: map key\n',
  'multi\n line: key\nblock: |\n  text\n   more\nfolded: >-\n  a\n  b\nkeep: |+\n  k\n\nsingle: \'it\'\'s\'\ndouble: "tab\\t\\u00e9 \\x41"\n',
  '# only a comment\n',
  '',
  'just a scalar\n',
  '- a sequence\n- - nested\n  - [flow, {m: 1}]\n',
  'name: "ünïcode ✓ 🦄 \\ud800 lone"\nemoji: "🦄🦄"\n',
  '%YAML 1.1\n%TAG !k! tag:example.com,2000:\n--- !!map\napiVersion: v1\ndata: {tagged: !!str 123, int: !!int "7"}\n...\n',
  'data: {local: !k 1}\n',
  's: "no end\n',
  'a: 1\n---\nb: 2\n---\n---\nc: {d: [1, 2, {e: f}]}\n...\n---\n- x\n',
  'a: 1\n---\nb: {b: 1, b: 2}\n---\nc: 3\n',
  '{a: 1, b: [x, y], c: {d: e}}\n',
  'a: !!str\nb: !!null\nc: !!seq []\nd: !!map {}\n',
  'anchored: &x 1\nref: *x\n',
  'seq: &s [1]\n',
  'key with spaces: v\n"quoted: colon": v\n\'single\': v\n',
  'x: [1, 2, 3, -1, +1, 1_0, 0b101, 012, 09, 1e3, 1.0e+3, 190:20:30, -190:20:30.15]\n',
  'bools: [y, Y, yes, Yes, YES, n, N, no, No, NO, true, True, TRUE, false, on, On, ON, off, Off, OFF]\n',
  'nulls: [~, null, Null, NULL, "", \'\']\n',
  'deep: ' + '['.repeat(40) + ']'.repeat(40) + '\n',
  'deeper: ' + '['.repeat(80) + ']'.repeat(80) + '\n',
];

test('each case reads as js-yaml constructs it (values, or the same error)', () => {
  CASES.forEach((c, i) => same(c, `case ${i}: ${JSON.stringify(c.slice(0, 60))}`));
});

test('documents built in the index pass mix with documents js-yaml constructs, in one chunk', () => {
  const text = CASES.filter((c) => !c.startsWith('%')).join('\n---\n');
  same(text, 'all cases as one chunk');
  // each document of the chunks a file is split into, as parseText reads them
  for (const { start, end } of splitDocuments(text)) same(text.slice(start, end), `chunk at ${start}`);
});

/** Manifests in the repository: fixtures and test cases. */
function repoManifests(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(name)) out.push(full);
    }
  };
  walk(join(ROOT, 'fixtures'));
  walk(join(ROOT, 'test', 'cases'));
  return out;
}

test('the repository fixtures and test cases read as js-yaml constructs them', () => {
  const files = repoManifests();
  assert.ok(files.length > 10, `${files.length} files`);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const { start, end } of splitDocuments(text)) same(text.slice(start, end), `${file} at ${start}`);
  }
});

corpusTest(test, 'the corpus reads as js-yaml constructs it', (files) => {
  for (const file of files) {
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    for (const { start, end } of splitDocuments(text)) same(text.slice(start, end), `${file} at ${start}`);
  }
  return files.length;
});

test.run();
