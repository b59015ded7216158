// The annotation set in the route model and the reference Matcher: what every target must
// reproduce (canary, redirects, access, CORS, compat mode).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isRedirect, Matcher, type Decision, type Request } from '../../src/model/match.js';
import { ingress, modelOf } from '../helpers.js';

const A = 'nginx.ingress.kubernetes.io/';
const get = (d: Decision) => (d.status === 200 ? `${d.backend.service}` : isRedirect(d) ? `${d.status} ${d.location}` : String(d.status));
function send(yaml: string, url: string, extra: Partial<Request> = {}, random?: () => number): Decision {
  const m = /^(https?):\/\/([^/]+)(.*)$/.exec(url)!;
  return new Matcher(modelOf(yaml), { random }).match({ scheme: m[1] as 'http', host: m[2], target: m[3] || '/', ...extra });
}

export const htpasswdSecret = (name: string, lines: string) => `---
apiVersion: v1
kind: Secret
metadata:
  name: ${name}
type: Opaque
data:
  auth: ${Buffer.from(lines).toString('base64')}
`;
// "secret" as openssl passwd -apr1 -salt abcdefgh
export const ALICE = 'alice:$apr1$abcdefgh$h9FWgUz3n9YxylKLlR5SQ/\n';
const basic = (user: string, pw: string) => `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`;

const main = ingress('main', 'shop.example.com', [['/api', 'Prefix', 'api']], { created: '2024-01-01T00:00:00Z' });
const canary = (annotations: Record<string, string>, path = '/api') => ingress('api-canary', 'shop.example.com', [[path, 'Prefix', 'api-v2']], { annotations: { [`${A}canary`]: 'true', ...annotations } });

test('a canary Ingress is an alternative backend of the main route, never a duplicate', () => {
  const m = modelOf(main + canary({ [`${A}canary-weight`]: '30' }));
  assert.is(m.hosts[0].routes.length, 1);
  assert.is(m.hosts[0].routes[0].canary!.backend.service, 'api-v2');
  assert.equal([m.hosts[0].routes[0].canary!.weight, m.hosts[0].routes[0].canary!.weightTotal], [30, 100]);
  assert.not.ok(m.findings.some((f) => f.ruleId === 'duplicate-route'));
});

test('canary order: header, then cookie, then weight', () => {
  const y = main + canary({ [`${A}canary-by-header`]: 'X-Canary', [`${A}canary-by-cookie`]: 'beta', [`${A}canary-weight`]: '50' });
  const at = (headers: Record<string, string>, r?: () => number) => get(send(y, 'http://shop.example.com/api', { headers }, r));
  assert.is(at({ 'x-canary': 'always' }), 'api-v2');
  assert.is(at({ 'x-canary': 'never', cookie: 'beta=always' }), 'api');
  assert.is(at({ 'x-canary': 'other', cookie: 'a=1; beta=always' }), 'api-v2');
  assert.is(at({ cookie: 'beta=never' }, () => 0), 'api');
  assert.is(at({}, () => 0.49), 'api-v2');
  assert.is(at({}, () => 0.5), 'api');
  const split = send(y, 'http://shop.example.com/api');
  assert.ok(split.status === 200 && split.split && split.split.weight === 50 && split.split.canary.service === 'api-v2');
});

test('canary-by-header-value and -pattern match exactly / anywhere, case-sensitive', () => {
  const v = main + canary({ [`${A}canary-by-header`]: 'X-Region', [`${A}canary-by-header-value`]: 'eu-1' });
  assert.is(get(send(v, 'http://shop.example.com/api', { headers: { 'x-region': 'eu-1' } })), 'api-v2');
  assert.is(get(send(v, 'http://shop.example.com/api', { headers: { 'x-region': 'EU-1' } })), 'api');
  assert.is(get(send(v, 'http://shop.example.com/api', { headers: { 'x-region': 'always' } })), 'api');
  const p = main + canary({ [`${A}canary-by-header`]: 'X-Ver', [`${A}canary-by-header-pattern`]: 'v[2-3]' });
  assert.is(get(send(p, 'http://shop.example.com/api', { headers: { 'x-ver': 'app-v3' } })), 'api-v2');
  assert.is(get(send(p, 'http://shop.example.com/api', { headers: { 'x-ver': 'V3' } })), 'api');
});

test('a canary without a main route, or a second one, is ignored with a finding', () => {
  const m = modelOf(main + canary({}, '/other') + ingress('second', 'shop.example.com', [['/api', 'Prefix', 'x']], { annotations: { [`${A}canary`]: 'true' } }) + canary({}));
  const msgs = m.findings.filter((f) => f.ruleId === 'canary-ingress').map((f) => f.message);
  assert.ok(msgs.some((x) => /no Ingress without canary/.test(x)));
  assert.ok(msgs.some((x) => /already has a canary/.test(x)));
  assert.is(m.hosts.length, 1);
});

test('permanent and temporal redirects, with codes; temporal wins', () => {
  const y = (a: Record<string, string>) => ingress('r', 'old.example.com', [['/', 'Prefix', 'x']], { annotations: a });
  assert.is(get(send(y({ [`${A}permanent-redirect`]: 'https://new.example.com/' }), 'http://old.example.com/a')), '301 https://new.example.com/');
  assert.is(get(send(y({ [`${A}permanent-redirect`]: 'https://new.example.com/', [`${A}permanent-redirect-code`]: '308' }), 'http://old.example.com/a')), '308 https://new.example.com/');
  assert.is(get(send(y({ [`${A}permanent-redirect`]: 'https://a.example/', [`${A}temporal-redirect`]: 'https://b.example/' }), 'http://old.example.com/')), '302 https://b.example/');
});

test('app-root answers "/" on the host, whatever route would match', () => {
  const y = ingress('r', 'app.example.com', [['/', 'Prefix', 'x']], { annotations: { [`${A}app-root`]: '/app1' } });
  assert.is(get(send(y, 'http://App.example.com:8080/')), '302 http://App.example.com:8080/app1');
  assert.is(get(send(y, 'http://app.example.com/x')), 'x');
});

test('from-to-www-redirect: the other name redirects (308) unless a rule names it', () => {
  const y = ingress('r', 'shop.example.com', [['/', 'Prefix', 'x']], { annotations: { [`${A}from-to-www-redirect`]: 'true' } });
  assert.is(get(send(y, 'https://www.shop.example.com/a?b=1')), '308 https://shop.example.com/a?b=1');
  const named = y + ingress('w', 'www.shop.example.com', [['/', 'Prefix', 'www']]);
  assert.is(get(send(named, 'https://www.shop.example.com/a')), 'www');
});

test('source ranges: denied first, then the allow-list (403); unknown client not judged', () => {
  const y = ingress('r', 'in.example.com', [['/', 'Prefix', 'x']], { annotations: { [`${A}allowlist-source-range`]: '10.0.0.0/8', [`${A}denylist-source-range`]: '10.0.0.7' } });
  assert.is(get(send(y, 'http://in.example.com/', { clientIp: '10.1.1.1' })), 'x');
  assert.is(get(send(y, 'http://in.example.com/', { clientIp: '10.0.0.7' })), '403');
  assert.is(get(send(y, 'http://in.example.com/', { clientIp: '192.168.1.1' })), '403');
  assert.is(get(send(y, 'http://in.example.com/')), 'x');
  const broken = ingress('r', 'in.example.com', [['/', 'Prefix', 'x']], { annotations: { [`${A}allowlist-source-range`]: '10.0.0.0/80' } });
  assert.is(get(send(broken, 'http://in.example.com/', { clientIp: '10.1.1.1' })), '503');
});

test('basic auth: 401 with the realm, the right password passes, a missing Secret closes the route', () => {
  const y = ingress('r', 'auth.example.com', [['/', 'Prefix', 'x']], { annotations: { [`${A}auth-type`]: 'basic', [`${A}auth-secret`]: 'users', [`${A}auth-realm`]: 'Staff only' } });
  const d = send(y + htpasswdSecret('users', ALICE), 'http://auth.example.com/');
  assert.ok(d.status === 401 && d.headers?.['www-authenticate'] === 'Basic realm="Staff only"');
  assert.is(get(send(y + htpasswdSecret('users', ALICE), 'http://auth.example.com/', { headers: { authorization: basic('alice', 'secret') } })), 'x');
  assert.is(get(send(y + htpasswdSecret('users', ALICE), 'http://auth.example.com/', { headers: { authorization: basic('alice', 'wrong') } })), '401');
  const m = modelOf(y);
  assert.is(get(new Matcher(m).match({ scheme: 'http', host: 'auth.example.com', target: '/' })), '503');
  assert.ok(m.findings.some((f) => f.ruleId === 'auth-secret' && /not in the input/.test(f.message)));
});

test('CORS: preflight answered with 204 for an allowed origin; headers on answers', () => {
  const y = ingress('r', 'api.example.com', [['/', 'Prefix', 'x']], { annotations: { [`${A}enable-cors`]: 'true', [`${A}cors-allow-origin`]: 'https://*.app.example', [`${A}cors-allow-credentials`]: 'false' } });
  const pre = send(y, 'http://api.example.com/v1', { method: 'OPTIONS', headers: { origin: 'https://web.app.example' } });
  assert.is(pre.status, 204);
  assert.equal(pre.headers, {
    'access-control-allow-origin': 'https://web.app.example',
    'access-control-allow-methods': 'GET, PUT, POST, DELETE, PATCH, OPTIONS',
    'access-control-allow-headers': 'DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization',
    'access-control-max-age': '1728000',
  });
  const other = send(y, 'http://api.example.com/v1', { method: 'OPTIONS', headers: { origin: 'https://a.b.app.example' } });
  assert.ok(other.status === 200 && !other.headers);
  const get1 = send(y, 'http://api.example.com/v1', { headers: { origin: 'https://web.app.example' } });
  assert.is(get1.headers?.['access-control-allow-origin'], 'https://web.app.example');
});

test('default-backend answers when the route\'s backend has nowhere to go', () => {
  const svc = `---
apiVersion: v1
kind: Service
metadata: {name: fallback}
spec: {ports: [{port: 8080}]}
`;
  const y = `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: r
  annotations: {${A}default-backend: fallback}
spec:
  rules:
    - host: d.example.com
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: gone, port: {name: web}}}}
` + svc;
  const d = send(y, 'http://d.example.com/');
  assert.ok(d.status === 200 && d.backend.service === 'fallback' && d.backend.port === 8080, JSON.stringify(d.reason));
});

test('service-upstream: the Service address instead of its endpoints', () => {
  const objs = `---
apiVersion: v1
kind: Service
metadata: {name: svc}
spec: {clusterIP: 10.96.3.4, ports: [{port: 80, name: http}]}
---
apiVersion: v1
kind: Endpoints
metadata: {name: svc}
subsets: [{addresses: [{ip: 10.1.0.1}], ports: [{port: 8080, name: http}]}]
`;
  const plain = modelOf(ingress('r', 's.example.com', [['/', 'Prefix', 'svc']]) + objs);
  assert.is(plain.hosts[0].routes[0].backend.upstream.kind, 'endpoints');
  const su = modelOf(ingress('r', 's.example.com', [['/', 'Prefix', 'svc']], { annotations: { [`${A}service-upstream`]: 'true' } }) + objs);
  assert.equal(su.hosts[0].routes[0].backend.upstream, { kind: 'dns', host: '10.96.3.4', port: 80 });
});

test('--compat ingress-nginx: ImplementationSpecific is a plain string prefix', () => {
  const y = ingress('r', 'c.example.com', [['/foo', 'ImplementationSpecific', 'foo'], ['/foo/bar', 'Prefix', 'bar']]);
  const compat = new Matcher(modelOf(y, { compat: 'ingress-nginx' }));
  const std = new Matcher(modelOf(y));
  const at = (m: Matcher, p: string) => get(m.match({ scheme: 'http', host: 'c.example.com', target: p }));
  assert.is(at(compat, '/foobar'), 'foo');
  assert.is(at(std, '/foobar'), '404');
  assert.is(at(compat, '/foo/bar/x'), 'bar');
  assert.is(at(compat, '/FOO'), '404');
});

test('--compat ingress-nginx: one regex Ingress turns every path of the host into a case-insensitive regex', () => {
  const y = ingress('plain', 'r.example.com', [['/exact', 'Exact', 'exact'], ['/p.x', 'Prefix', 'dot']]) + ingress('rx', 'r.example.com', [['/api/v[0-9]+', 'ImplementationSpecific', 'rx']], { annotations: { [`${A}use-regex`]: 'true' } });
  const compat = new Matcher(modelOf(y, { compat: 'ingress-nginx' }));
  const at = (p: string) => get(compat.match({ scheme: 'http', host: 'r.example.com', target: p }));
  assert.is(at('/EXACT/more'), 'exact');
  assert.is(at('/pAx'), 'dot');
  assert.is(at('/api/v2'), 'rx');
  assert.is(get(new Matcher(modelOf(y)).match({ scheme: 'http', host: 'r.example.com', target: '/EXACT/more' })), '404');
});

test('a host\'s default backend is guarded by its Ingress\'s access annotations too', () => {
  const y = `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: d
  annotations: {${A}allowlist-source-range: 10.0.0.0/8}
spec:
  defaultBackend: {service: {name: dflt, port: {number: 80}}}
  rules: [{host: d.example.com, http: {paths: [{path: /app, pathType: Prefix, backend: {service: {name: app, port: {number: 80}}}}]}}]
`;
  assert.is(get(send(y, 'http://d.example.com/other', { clientIp: '192.0.2.1' })), '403');
  assert.is(get(send(y, 'http://d.example.com/other', { clientIp: '10.0.0.1' })), 'dflt');
});

test('annotations on a canary Ingress other than canary-* are reported as having no effect', () => {
  const m = modelOf(main + canary({ [`${A}proxy-body-size`]: '10m' }));
  assert.ok(m.findings.some((f) => f.ruleId === 'canary-ingress' && /proxy-body-size has no effect on a canary/.test(f.message)));
});

test.run();
