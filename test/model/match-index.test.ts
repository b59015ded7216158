// The matcher's shortcuts must not change a single answer: the route index (hosts without
// regex routes) against the scan in precedence order that explain runs, and the
// already-canonical path check against the full canonical-path pass.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Matcher } from '../../src/model/match.js';
import { canonicalizePath } from '../../src/model/path.js';
import { ingress, modelOf } from '../helpers.js';

/** A fixed pseudo-random sequence: the same cases on every run. */
function random(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const pick = <T>(next: () => number, xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];

const RULE_PATHS = ['/', '/a', '/a/', '/a/b', '/a/b/', '/a/bc', '/ab', '/a/b/c', '/b', '/b/a', '/a.b', '/a/b/c/d', '/x/y/'];
const REQUEST_PATHS = ['/', '/a', '/a/', '/a/b', '/a/b/', '/a/bc', '/ab', '/abc', '/a/b/c', '/a/b/c/', '/a/b/c/d/e', '/b', '/b/', '/b/a', '/a.b', '/a.b/c', '/x/y', '/x/y/', '/x', '/A', '/a//b', '/a/./b', '/a/../b', '/%61/b', '/a?q=1'];

test('the route index picks the route the scan in precedence order picks, for every request', () => {
  const next = random(7);
  for (let model = 0; model < 40; model++) {
    const docs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const paths = Array.from({ length: 1 + Math.floor(next() * 6) }, (): [string, string, string] => [pick(next, RULE_PATHS), pick(next, ['Exact', 'Prefix', 'ImplementationSpecific']), `svc-${i}`]);
      docs.push(ingress(`ing-${model}-${i}`, pick(next, ['a.example.com', 'b.example.com', '*.example.com', undefined]), paths, { created: `2024-01-0${i + 1}T00:00:00Z` }));
    }
    const m = new Matcher(modelOf(docs.join('')));
    for (const host of ['a.example.com', 'b.example.com', 'c.example.com', 'other.test']) {
      for (const target of REQUEST_PATHS) {
        const req = { scheme: 'https' as const, host, target };
        const fast = m.match(req);
        const scan = m.match(req, true);
        const id = (d: typeof fast) => `${d.status} ${'route' in d && d.route ? d.route.id : '-'}`;
        assert.is(id(fast), id(scan), `${host}${target} in model ${model}:\n${docs.join('')}`);
      }
    }
  }
});

test('a path already in canonical form is returned as the full pass would return it', () => {
  const next = random(11);
  const segments = ['a', 'b', 'a.b', '.a', 'a.', '..a', '...', '.', '..', '', '~x', 'é', '%41', '%2f', '%2F', '%5c', '%00', '%zz', 'a b', '\\', '\x01', 'a;b', "a'b"];
  let checked = 0;
  for (let i = 0; i < 3000; i++) {
    const path = '/' + Array.from({ length: 1 + Math.floor(next() * 5) }, () => pick(next, segments)).join('/');
    if (!path.includes('a')) continue;
    // "%61" is "a" once decoded, but only the full pass decodes: it cannot take the shortcut
    assert.equal(canonicalizePath(path), canonicalizePath(path.replace('a', '%61')), path);
    checked++;
  }
  assert.ok(checked > 1000);
});

test('a regex route in the host keeps the scan: the index never answers for it', () => {
  const yaml = ingress('re', 'r.example.com', [['/a/[0-9]+', 'ImplementationSpecific', 'numbers'], ['/a', 'Prefix', 'plain']], { annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } });
  const m = new Matcher(modelOf(yaml));
  const d = m.match({ scheme: 'https', host: 'r.example.com', target: '/a/42' });
  assert.is(d.status === 200 && d.backend.service, 'numbers');
});

test.run();
