import { test } from 'uvu';
import { checkRows, type RoutingRow } from './routing-table.js';
import { modelFrom } from './helpers.js';

// docs/routing.md, row by row, against test/serve/fixtures/semantics.
const rows: RoutingRow[] = [
  // Exact and Prefix, precedence
  { scheme: 'http', host: 'shop.example.com', path: '/foo', expected: 'default/exact-foo:80' },
  { scheme: 'http', host: 'shop.example.com', path: '/foo/', expected: 'default/prefix-foo:80' },
  { scheme: 'http', host: 'shop.example.com', path: '/foo/x', expected: 'default/prefix-foo:80' },
  { scheme: 'http', host: 'shop.example.com', path: '/foobar', expected: 'default/root:80' },
  { scheme: 'http', host: 'shop.example.com', path: '/foo/bar', expected: 'default/foo-bar:8080' },
  { scheme: 'http', host: 'shop.example.com', path: '/foo/bar/baz', expected: 'default/foo-bar:8080' },
  { scheme: 'http', host: 'shop.example.com', path: '/foo/barx', expected: 'default/prefix-foo:80' },
  { scheme: 'http', host: 'shop.example.com', path: '/aaa/bbb', expected: 'default/root:80' },
  { scheme: 'http', host: 'shop.example.com', path: '/aaa/bb/c', expected: 'default/aaa-bb:80' },
  { scheme: 'http', host: 'shop.example.com', path: '/FOO', expected: 'default/root:80' },
  { scheme: 'http', host: 'shop.example.com', path: '/impl/x', expected: 'default/impl:80' },
  { scheme: 'http', host: 'shop.example.com', path: '/implx', expected: 'default/root:80' },
  // hosts: case, port, wildcard depth, precedence, no fall-through
  { scheme: 'http', host: 'SHOP.Example.COM:8080', path: '/foo', expected: 'default/exact-foo:80' },
  { scheme: 'https', host: 'shop.example.com', path: '/foo', expected: 'default/exact-foo:80' },
  { scheme: 'http', host: 'a.example.com', path: '/x', expected: 'web/wild:80' },
  { scheme: 'http', host: 'a.b.example.com', path: '/any', expected: 'default/anyhost:80' },
  { scheme: 'http', host: 'example.com', path: '/any', expected: 'default/anyhost:80' },
  { scheme: 'http', host: 'app.example.com', path: '/app/1', expected: 'web/app:80' },
  { scheme: 'http', host: 'app.example.com', path: '/any', expected: 'web/app-default:80' },
  { scheme: 'http', host: 'unknown.test', path: '/any/thing', expected: 'default/anyhost:80' },
  { scheme: 'http', host: 'unknown.test', path: '/nothing', expected: 'default/fallback:80' },
  // regex paths
  { scheme: 'http', host: 'regex.example.com', path: '/API/V2/users', expected: 'default/api:80' },
  { scheme: 'http', host: 'regex.example.com', path: '/x/api/v2', expected: 'default/fallback:80' },
  { scheme: 'http', host: 'regex.example.com', path: '/static.css', expected: 'default/static:80' },
  // TLS redirect
  { scheme: 'http', host: 'secure.example.com', path: '/s?q=1', expected: '308 https://secure.example.com/s?q=1' },
  { scheme: 'https', host: 'secure.example.com', path: '/s', expected: 'default/secure:80' },
  { scheme: 'http', host: 'plain.example.com', path: '/p', expected: 'default/plain:80' },
  // conflicts: the older Ingress wins
  { scheme: 'http', host: 'conflict.example.com', path: '/c', expected: 'default/older:80' },
  // the canonical path; the query never matches
  { scheme: 'http', host: 'shop.example.com', path: '/foo?x=/foo/bar', expected: 'default/exact-foo:80' },
  { scheme: 'http', host: 'shop.example.com', path: '//foo', expected: 'default/exact-foo:80' },
  { scheme: 'http', host: 'shop.example.com', path: '/x/../foo', expected: 'default/exact-foo:80' },
  { scheme: 'http', host: 'shop.example.com', path: '/./foo/bar', expected: 'default/foo-bar:8080' },
  { scheme: 'http', host: 'shop.example.com', path: '/%66oo', expected: 'default/exact-foo:80' },
  { scheme: 'http', host: 'shop.example.com', path: '/foo%2Fbar', expected: '400' },
  { scheme: 'http', host: 'shop.example.com', path: '/foo%5cbar', expected: '400' },
  { scheme: 'http', host: 'shop.example.com', path: '/foo%00', expected: '400' },
  { scheme: 'http', host: 'shop.example.com', path: '/../foo', expected: '400' },
  { scheme: 'http', host: 'bad_host!', path: '/foo', expected: '400' },
];

test(`serve routes ${rows.length} requests exactly as explain does`, async () => {
  await checkRows(modelFrom(['test/serve/fixtures/semantics']), rows);
});

test.run();
