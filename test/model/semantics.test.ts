// docs/routing.md, one test per rule, written from the Ingress specification.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ingress, modelOf, outcome } from '../helpers.js';

const one = (paths: [string, string, string][], host = 'foo.com') => modelOf(ingress('ing', host, paths));

// Host
test('exact host compares case-insensitively', () => {
  assert.is(outcome(one([['/', 'Prefix', 'a']]), 'http://FOO.Com/'), 'default/a:80');
});
test('exact host ignores the port in the Host header', () => {
  assert.is(outcome(one([['/', 'Prefix', 'a']]), 'http://foo.com:8080/'), 'default/a:80');
});
test('*.foo.com matches bar.foo.com', () => {
  assert.is(outcome(one([['/', 'Prefix', 'a']], '*.foo.com'), 'http://bar.foo.com/'), 'default/a:80');
});
test('*.foo.com does not match foo.com', () => {
  assert.is(outcome(one([['/', 'Prefix', 'a']], '*.foo.com'), 'http://foo.com/'), '404');
});
test('*.foo.com does not match baz.bar.foo.com', () => {
  assert.is(outcome(one([['/', 'Prefix', 'a']], '*.foo.com'), 'http://baz.bar.foo.com/'), '404');
});
test('a rule without host applies to every host', () => {
  assert.is(outcome(modelOf(ingress('ing', undefined, [['/', 'Prefix', 'a']])), 'http://anything.example/x'), 'default/a:80');
});
test('an exact host wins over a wildcard, a wildcard over host-less rules', () => {
  const m = modelOf(ingress('a', 'bar.foo.com', [['/', 'Prefix', 'exact']]) + ingress('b', '*.foo.com', [['/', 'Prefix', 'wild']]) + ingress('c', undefined, [['/', 'Prefix', 'any']]));
  assert.is(outcome(m, 'http://bar.foo.com/'), 'default/exact:80');
  assert.is(outcome(m, 'http://qux.foo.com/'), 'default/wild:80');
  assert.is(outcome(m, 'http://other.com/'), 'default/any:80');
});

// Exact
test('exact /foo does not match /foo/', () => {
  assert.is(outcome(one([['/foo', 'Exact', 'a']]), 'http://foo.com/foo/'), '404');
});
test('exact /foo/ does not match /foo', () => {
  assert.is(outcome(one([['/foo/', 'Exact', 'a']]), 'http://foo.com/foo'), '404');
});
test('exact matching is case-sensitive', () => {
  assert.is(outcome(one([['/foo', 'Exact', 'a']]), 'http://foo.com/FOO'), '404');
  assert.is(outcome(one([['/foo', 'Exact', 'a']]), 'http://foo.com/foo'), 'default/a:80');
});

// Prefix
test('prefix /foo matches /foo, /foo/ and /foo/bar', () => {
  const m = one([['/foo', 'Prefix', 'a']]);
  for (const p of ['/foo', '/foo/', '/foo/bar']) assert.is(outcome(m, `http://foo.com${p}`), 'default/a:80', p);
});
test('prefix /foo does not match /foobar', () => {
  assert.is(outcome(one([['/foo', 'Prefix', 'a']]), 'http://foo.com/foobar'), '404');
});
test('prefix ignores the trailing slash of the rule: /foo/ matches /foo', () => {
  assert.is(outcome(one([['/foo/', 'Prefix', 'a']]), 'http://foo.com/foo'), 'default/a:80');
});
test('prefix /aaa/bb does not match /aaa/bbb', () => {
  assert.is(outcome(one([['/aaa/bb', 'Prefix', 'a']]), 'http://foo.com/aaa/bbb'), '404');
});
test('prefix matching is case-sensitive', () => {
  assert.is(outcome(one([['/foo', 'Prefix', 'a']]), 'http://foo.com/Foo'), '404');
});
test('prefix / matches every path', () => {
  const m = one([['/', 'Prefix', 'a']]);
  for (const p of ['/', '/x', '/x/y/z', '/.well-known/acme']) assert.is(outcome(m, `http://foo.com${p}`), 'default/a:80', p);
});

// Precedence
test('the longest matching path wins, whatever the list order', () => {
  const m = one([['/', 'Prefix', 'root'], ['/foo', 'Prefix', 'foo'], ['/foo/bar', 'Prefix', 'foobar']]);
  assert.is(outcome(m, 'http://foo.com/foo/bar/baz'), 'default/foobar:80');
  assert.is(outcome(m, 'http://foo.com/foo/baz'), 'default/foo:80');
  assert.is(outcome(m, 'http://foo.com/other'), 'default/root:80');
});
test('at equal length Exact beats Prefix', () => {
  const m = one([['/foo', 'Prefix', 'prefix'], ['/foo', 'Exact', 'exact']]);
  assert.is(outcome(m, 'http://foo.com/foo'), 'default/exact:80');
  assert.is(outcome(m, 'http://foo.com/foo/x'), 'default/prefix:80');
});
test('precedence spans Ingresses that name the same host', () => {
  const m = modelOf(ingress('a', 'foo.com', [['/', 'Prefix', 'root']]) + ingress('b', 'foo.com', [['/api', 'Prefix', 'api']]));
  assert.is(outcome(m, 'http://foo.com/api/v1'), 'default/api:80');
  assert.is(outcome(m, 'http://foo.com/x'), 'default/root:80');
});

// ImplementationSpecific and regex
test('ImplementationSpecific is element-wise Prefix without regex', () => {
  const m = one([['/foo', 'ImplementationSpecific', 'a']]);
  assert.is(outcome(m, 'http://foo.com/foo/x'), 'default/a:80');
  assert.is(outcome(m, 'http://foo.com/foobar'), '404');
});
test('ImplementationSpecific with use-regex is a case-insensitive regex anchored at the start', () => {
  const m = modelOf(ingress('r', 'foo.com', [['/api/v[0-9]+', 'ImplementationSpecific', 'a']], { annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } }));
  assert.is(m.hosts[0].routes[0].match.kind, 'Regex');
  assert.is(outcome(m, 'http://foo.com/API/V2/users'), 'default/a:80');
  assert.is(outcome(m, 'http://foo.com/x/api/v2'), '404');
});
test('rewrite-target makes ImplementationSpecific paths regex', () => {
  const m = modelOf(ingress('r', 'foo.com', [['/s(/|$)(.*)', 'ImplementationSpecific', 'a']], { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' } }));
  assert.is(m.hosts[0].routes[0].match.kind, 'Regex');
  assert.is(m.hosts[0].routes[0].filters?.rewrite?.path?.value, '/$2');
});
test('regex syntax that engines read differently is refused with a finding', () => {
  for (const bad of ['/(?=x)', '/(a)\\1', '/a++', '/(?<n>x)']) {
    const m = modelOf(ingress('r', 'foo.com', [[bad, 'ImplementationSpecific', 'a']], { annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } }));
    assert.is(m.hosts.length, 0, bad);
    assert.ok(m.findings.some((f) => f.ruleId === 'invalid-path'), bad);
  }
});

// Virtual host first
test('a request whose host has a virtual host never falls through to host-less rules', () => {
  const m = modelOf(ingress('a', 'foo.com', [['/a', 'Prefix', 'a']]) + ingress('b', undefined, [['/b', 'Prefix', 'b']]));
  assert.is(outcome(m, 'http://foo.com/b'), '404');
  assert.is(outcome(m, 'http://bar.com/b'), 'default/b:80');
});

// Default backend
const withDefault = (name: string, host: string | undefined, svc: string, paths: [string, string, string][]) =>
  ingress(name, host, paths).replace('spec:\n', `spec:\n  defaultBackend:\n    service:\n      name: ${svc}\n      port:\n        number: 80\n`);
test('an unmatched path goes to the defaultBackend of the Ingress that defines the host', () => {
  const m = modelOf(withDefault('a', 'foo.com', 'fallback', [['/a', 'Prefix', 'a']]));
  assert.is(outcome(m, 'http://foo.com/zzz'), 'default/fallback:80');
});
test('else to the defaultBackend of an Ingress without rules (the catch-all)', () => {
  const catchAll = `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: catch-all}
spec:
  defaultBackend:
    service: {name: catchall, port: {number: 8080}}
`;
  const m = modelOf(ingress('a', 'foo.com', [['/a', 'Prefix', 'a']]) + catchAll);
  assert.is(outcome(m, 'http://foo.com/zzz'), 'default/catchall:8080');
  assert.is(outcome(m, 'http://unknown.com/'), 'default/catchall:8080');
});
test('else to --default-backend, else 404', () => {
  const yaml = ingress('a', 'foo.com', [['/a', 'Prefix', 'a']]);
  assert.is(outcome(modelOf(yaml, { defaultBackend: { namespace: 'ops', service: 'fallback', port: 81 } }), 'http://foo.com/zzz'), 'ops/fallback:81');
  assert.is(outcome(modelOf(yaml), 'http://foo.com/zzz'), '404');
});

// Several Ingresses
test('identical host, path and pathType: the older creationTimestamp wins and a finding says so', () => {
  const m = modelOf(ingress('new', 'foo.com', [['/x', 'Prefix', 'new']], { created: '2024-01-02T00:00:00Z' }) + ingress('old', 'foo.com', [['/x', 'Prefix', 'old']], { created: '2023-01-01T00:00:00Z' }));
  assert.is(outcome(m, 'http://foo.com/x'), 'default/old:80');
  const f = m.findings.find((x) => x.ruleId === 'duplicate-route');
  assert.ok(f);
  assert.match(f!.message, /default\/old/);
  assert.match(f!.message, /older creationTimestamp/);
});
test('identical routes with equal timestamps: namespace/name order decides', () => {
  const m = modelOf(ingress('zeta', 'foo.com', [['/x', 'Prefix', 'zeta']]) + ingress('alpha', 'foo.com', [['/x', 'Prefix', 'alpha']]));
  assert.is(outcome(m, 'http://foo.com/x'), 'default/alpha:80');
});
test('duplicates are found on a host with few routes and on one with many (Prefix ignores a trailing slash; Exact and Prefix differ)', () => {
  for (const n of [3, 40]) {
    const own: [string, string, string][] = Array.from({ length: n }, (_, i) => [`/p${i}`, 'Prefix', 'first']);
    const m = modelOf(ingress('a', 'foo.com', own, { created: '2023-01-01T00:00:00Z' }) + ingress('b', 'foo.com', [['/p1/', 'Prefix', 'second'], ['/p0', 'Exact', 'second'], [`/p${n - 1}`, 'Prefix', 'second']], { created: '2024-01-01T00:00:00Z' }));
    const dups = m.findings.filter((f) => f.ruleId === 'duplicate-route');
    assert.is(dups.length, 2, `${n} routes`);
    assert.is(outcome(m, 'http://foo.com/p1'), 'default/first:80');
    assert.is(outcome(m, `http://foo.com/p${n - 1}`), 'default/first:80');
    assert.is(outcome(m, 'http://foo.com/p0'), 'default/second:80');
    assert.is(m.hosts[0].routes.length, n + 1);
  }
});

// The request path
test('the query string never takes part in matching', () => {
  assert.is(outcome(one([['/foo', 'Exact', 'a']]), 'http://foo.com/foo?x=/bar'), 'default/a:80');
});
test('repeated slashes are merged and dot segments resolved before matching', () => {
  const m = one([['/foo', 'Exact', 'a'], ['/bar', 'Prefix', 'b']]);
  assert.is(outcome(m, 'http://foo.com//foo'), 'default/a:80');
  assert.is(outcome(m, 'http://foo.com/bar/../foo'), 'default/a:80');
  assert.is(outcome(m, 'http://foo.com/./bar/x'), 'default/b:80');
});
test('percent-encoded unreserved characters are decoded before matching', () => {
  assert.is(outcome(one([['/foo', 'Exact', 'a']]), 'http://foo.com/%66oo'), 'default/a:80');
});
test('an encoded slash, backslash, raw backslash or %00 is refused with 400', () => {
  const m = one([['/', 'Prefix', 'a']]);
  for (const p of ['/a%2Fb', '/a%2fb', '/a%5Cb', '/a\\b', '/a%00']) assert.is(outcome(m, `http://foo.com${p}`), '400', p);
});
test('a path that climbs above the root is refused with 400', () => {
  assert.is(outcome(one([['/', 'Prefix', 'a']]), 'http://foo.com/../etc/passwd'), '400');
});

test.run();
