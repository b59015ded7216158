// The one validators module: what each kind of value may hold, the same for the model,
// lint and every emitter.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addressProblem, cookiePath, headerValueProblem, ipVersion, isCookieName, isDnsLabel, isDnsName, isDnsSubdomain, isHeaderName, isHostHeader, isPlainPath, isUrlPath, isWildcardHost, listenAddressProblem, nonPlainCharacters } from '../../src/model/validate-values.js';

test('a rule path holds RFC 3986 path characters: ";", "=" and "$" are legal and stay routable', () => {
  for (const ok of ['/', '/a;b=c', '/y$host', "/a!$&'()*+,;=:@", '/%0d%0a', '/~user/x.y_z-']) assert.ok(isUrlPath(ok), ok);
  for (const bad of ['', 'a', '/a b', '/a"b', '/a{b}', '/a\\b', '/a#b', '/a?b', '/a[b]', '/a<b>', '/a^b', '/a`b', '/a|b', '/%zz', '/a\nb', '/caf\u00e9']) assert.not.ok(isUrlPath(bad), JSON.stringify(bad));
});

test('a plain path (the only kind copied into a header as it is) has no ";", "=", "$" or quotes', () => {
  assert.ok(isPlainPath('/a/b-c.d_e~f/%2F'));
  for (const bad of ['/a;b', '/a=b', '/a$b', '/a"b', 'a', '/a%2']) assert.not.ok(isPlainPath(bad), bad);
  assert.equal(nonPlainCharacters('/a;b=c;d'), [';', '=']);
});

test('the affinity cookie Path: a plain path as it is, else its longest run of whole plain segments', () => {
  assert.equal(cookiePath('/shop/cart'), { path: '/shop/cart', trimmed: false });
  assert.equal(cookiePath('/x;Domain=evil.example'), { path: '/', trimmed: true });
  assert.equal(cookiePath('/a/b$host/c'), { path: '/a', trimmed: true });
  assert.equal(cookiePath('/a/b;c'), { path: '/a', trimmed: true });
  assert.equal(cookiePath('/a//b;c'), { path: '/a', trimmed: true });
  assert.is(cookiePath('/' + 'a'.repeat(300)).path, '/');
  for (const p of ['/z$uri', '/q;Secure', '/a=b', "/a'b"]) assert.ok(isPlainPath(cookiePath(p).path), p);
});

test('DNS names as the API server checks them, and as a resolver reads them', () => {
  assert.ok(isDnsLabel('a-1'));
  assert.not.ok(isDnsLabel('a'.repeat(64)));
  assert.not.ok(isDnsLabel('A'));
  assert.ok(isDnsSubdomain('a.b-c.d'));
  assert.ok(isDnsSubdomain(`${'a'.repeat(70)}.com`), 'the API server does not limit subdomain labels one by one');
  assert.not.ok(isDnsSubdomain('a..b'));
  assert.not.ok(isDnsSubdomain('a'.repeat(254)));
  assert.ok(isWildcardHost('*.foo.com'));
  assert.not.ok(isWildcardHost('*.*.foo.com'));
  assert.ok(isDnsName('Example.COM.'));
  assert.not.ok(isDnsName(`${'a'.repeat(64)}.com`));
  assert.ok(isHostHeader('in.example:8080'));
  assert.not.ok(isHostHeader('in.example:99999'));
  assert.not.ok(isHostHeader('in.example;x'));
});

test('IP addresses: no leading zeros, no IPv6 zone ids', () => {
  assert.is(ipVersion('10.0.0.1'), 4);
  assert.is(ipVersion('fd00::1'), 6);
  assert.is(ipVersion('01.2.3.4'), 0);
  assert.is(ipVersion('fe80::1%eth0'), 0);
  assert.is(ipVersion('::::'), 0);
  assert.is(listenAddressProblem('127.0.0.1'), undefined);
  assert.match(listenAddressProblem('localhost')!, /not an IP address/);
  assert.is(addressProblem('svc.ns.svc.cluster.local', 80), undefined);
  assert.match(addressProblem('a;b', 80)!, /neither/);
  assert.match(addressProblem('10.0.0.1', 0)!, /port/);
});

test('cookie names, header names and header values', () => {
  assert.ok(isCookieName('INGRESSCOOKIE'));
  for (const bad of ['a;b', 'a=b', 'a b', '', 'a'.repeat(65)]) assert.not.ok(isCookieName(bad), bad);
  assert.ok(isHeaderName('X-Canary'));
  assert.not.ok(isHeaderName('X_Canary'));
  assert.is(headerValueProblem('a; b=c'), undefined);
  assert.match(headerValueProblem('a\r\nX-Injected: 1')!, /line break/);
  assert.match(headerValueProblem('caf\u00e9')!, /non-ASCII/);
});

test.run();
