// docs/routing.md on Envoy: each row is answered by the model's Matcher and by the emitted
// envoy.yaml (through the evaluator of Envoy's documented matching); both must give
// the expected backend, redirect or status.
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers.js';
import { EMIT_DEFAULTS, modelOfFixture, rendered, routingMismatches, type RoutingRow } from '../envoy/routing.js';
import { evaluate } from '../envoy/evaluate.js';

const fixture = (name: string) => join(ROOT, 'test/envoy/fixtures', name);
const row = (scheme: 'http' | 'https', host: string, path: string, expected: string): RoutingRow => ({ scheme, host, path, expected });
const d = (svc: string, port = 80) => `default/${svc}:${port}`;

const TABLES: Record<string, RoutingRow[]> = {
  hosts: [
    row('http', 'foo.com', '/exact', d('exact-svc')),
    row('http', 'foo.com', '/exact/', '404'), // Exact /foo does not match /foo/
    row('http', 'foo.com', '/EXACT', '404'), // case-sensitive
    row('http', 'FOO.com:8080', '/exact', d('exact-svc')), // host case and port ignored
    row('http', 'foo.com.', '/exact', d('exact-svc')), // trailing dot
    row('http', 'foo.com', '/pre', d('pre')),
    row('http', 'foo.com', '/pre/', d('pre')),
    row('http', 'foo.com', '/pre/x', d('pre')),
    row('http', 'foo.com', '/prefix', '404'), // never /foo → /foobar
    row('http', 'foo.com', '/Pre/x', '404'),
    row('http', 'foo.com', '/pre/sub/deeper', d('sub')), // longest wins, across Ingresses
    row('http', 'foo.com', '/aaa/bbb', '404'),
    row('http', 'foo.com', '/aaa/bb/c', d('aaa')),
    row('http', 'foo.com', '/trail', d('trail')), // the rule's trailing slash is ignored
    row('http', 'foo.com', '/trail/x', d('trail')),
    row('http', 'foo.com', '/x', d('x-exact')), // equal length: Exact beats Prefix
    row('http', 'foo.com', '/x/y', d('x-prefix')),
    row('http', 'foo.com', '/any', '404'), // a host with rules never falls through
    row('http', 'a.foo.com', '/', d('wild')),
    row('http', 'A.Foo.COM:81', '/z', d('wild')),
    row('http', 'bar.foo.com', '/', d('bar')), // exact beats wildcard
    row('http', 'x.bar.foo.com', '/any/1', d('any')), // two labels: not the wildcard, so host-less rules
    row('http', 'x.y.foo.com', '/z', '404'),
    row('http', 'foo.foo.com.', '/q', d('wild')),
    row('http', 'other.com', '/any/thing', d('any')),
    row('http', 'other.com', '/Exactly', d('anyexact')),
    row('http', 'other.com', '/nothing', '404'),
    row('http', 'foo.com', '//exact', d('exact-svc')), // canonical path: slashes merged
    row('http', 'foo.com', '/pre/../exact', d('exact-svc')), // dot segments resolved
    row('http', 'foo.com', '/./pre/./x', d('pre')),
    row('http', 'foo.com', '/%65xact', d('exact-svc')), // unreserved escapes decoded
    row('http', 'foo.com', '/exact?q=/pre', d('exact-svc')), // the query never matches
    row('http', 'foo.com', '/a%2Fb', '400'),
    row('http', 'foo.com', '/pre%2fx', '400'),
    row('http', 'foo.com', '/a%5cb', '400'),
    row('http', 'foo.com', '/a%00', '400'),
    row('http', 'a.foo.com', '/x%2F', '400'),
  ],
  defaults: [
    row('http', 'a.com', '/app/x', d('app')),
    row('http', 'a.com', '/zzz', d('a-default')), // the host's own defaultBackend
    row('http', 'b.com', '/zzz', d('catchall', 8080)), // else the catch-all
    row('http', 'unknown.com', '/', d('catchall', 8080)),
  ],
  regex: [
    row('http', 'r.com', '/API/V2/users', d('api')), // case-insensitive
    row('http', 'r.com', '/api/v', '404'),
    row('http', 'r.com', '/x/api/v2', '404'), // anchored at the start
    row('http', 'r.com', '/foo', d('alt')),
    row('http', 'r.com', '/x/bar', d('alt')), // "^/foo|/bar": the "^" binds to /foo only, as in ingress-nginx
    row('http', 'r.com', '/s/abc', d('rw')),
    row('http', 'r.com', '/S', d('rw')),
    row('http', 'n.com', '/', '503'), // a named port without its Service
  ],
  tls: [
    row('http', 'secure.test', '/a', '308 https://secure.test/a'),
    row('http', 'secure.test:80', '/a/../b?x=1', '308 https://secure.test/b?x=1'),
    row('https', 'secure.test', '/a', d('secure')),
    row('http', 'open.test', '/a', d('open')), // ssl-redirect: "false"
    row('https', 'open.test', '/a', d('open')),
    row('http', 'forced.test', '/x?y=1', '308 https://forced.test/x?y=1'), // force-ssl-redirect without TLS
    row('http', 'a.wild.test', '/', '308 https://a.wild.test/'),
    row('https', 'a.wild.test', '/', d('wildsvc')),
    row('https', 'a.b.wild.test', '/', '404'),
  ],
};

for (const [name, rows] of Object.entries(TABLES)) {
  test(`${name}: the model and the emitted Envoy config route ${rows.length} requests alike`, () => {
    const mismatches = routingMismatches(modelOfFixture(fixture(name)), rows);
    assert.equal(mismatches, []);
  });
}

test('at least 30 rows cover §4', () => {
  assert.ok(Object.values(TABLES).flat().length >= 30);
});

test('with --https-port 8443 the redirect names the port', () => {
  const options = { ...EMIT_DEFAULTS, httpsPort: 8443 };
  const rows = [row('http', 'secure.test', '/a?b', '308 https://secure.test:8443/a?b'), row('http', 'secure.test:8080', '/', '308 https://secure.test:8443/'), row('https', 'secure.test', '/a', d('secure'))];
  assert.equal(routingMismatches(modelOfFixture(fixture('tls')), rows, options), []);
});

test('rewrite-target: the upstream path is the target with the captures of the match', () => {
  const { bootstrap } = rendered(modelOfFixture(fixture('regex')));
  const a = evaluate(bootstrap, { scheme: 'http', host: 'r.com', target: '/s/abc/d?q=1' }, EMIT_DEFAULTS);
  assert.is(a.status, 200);
  assert.is('upstreamPath' in a && a.upstreamPath, '/abc/d');
  const b = evaluate(bootstrap, { scheme: 'http', host: 'r.com', target: '/s' }, EMIT_DEFAULTS);
  assert.is('upstreamPath' in b && b.upstreamPath, '/');
});

test('HTTPS picks the certificate by SNI: one chain for the Secret, names from its hosts, and a default chain', () => {
  const { bootstrap } = rendered(modelOfFixture(fixture('tls')));
  const https = bootstrap.static_resources.listeners.find((l: any) => l.name === 'https');
  const names = https.filter_chains.map((c: any) => c.filter_chain_match.server_names);
  assert.equal(names, [['open.test', 'secure.test', '*.wild.test']]);
  assert.ok(https.default_filter_chain);
});

test('the checks can fail: a route sent elsewhere is caught', () => {
  const model = modelOfFixture(fixture('hosts'));
  const wrong = routingMismatches(model, [row('http', 'foo.com', '/pre/x', d('sub'))]);
  assert.is(wrong.length, 1);
  assert.is(wrong[0].envoy, d('pre'));
});

test.run();
