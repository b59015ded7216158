// The annotation set on Envoy: the emitted bootstrap (validated against Envoy's API in
// envoy-validate.test.ts) run through the evaluator, request by request, beside the
// Matcher's decision for the same request.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderEnvoy } from '../../src/emit/envoy/index.js';
import type { EmitOptions } from '../../src/emit/types.js';
import { isRedirect, Matcher, type Decision } from '../../src/model/match.js';
import { defaultPolicy } from '../../src/model/policy.js';
import type { RouteFilters, RouteModel } from '../../src/model/types.js';
import { fixedRedirect } from '../../src/model/redirect.js';
import { evaluate, type EnvoyAnswer, type EnvoyRequest } from '../envoy/evaluate.js';
import { EMIT_DEFAULTS, modelOfFixture, rendered } from '../envoy/routing.js';
import { validateBootstrap } from '../envoy/validate.js';
import { HASHES } from '../../src/support/matrix.js';
import { ingress, modelOf, ROOT } from '../helpers.js';
import { parse } from 'yaml';

const model = modelOfFixture(`${ROOT}/test/envoy/fixtures/annotations`);
const PORTS: EmitOptions = { ...EMIT_DEFAULTS, httpPort: 8080, httpsPort: 8443 };
const { result, bootstrap } = rendered(model, PORTS);

type Req = Omit<EnvoyRequest, 'scheme'> & { scheme?: 'http' | 'https' };
const full = (r: Req): EnvoyRequest => ({ scheme: 'http', clientIp: '127.0.0.1', ...r });
const envoy = (r: Req, state?: Map<string, number>, random?: () => number) => evaluate(bootstrap, full(r), { ...PORTS, ...(state ? { state } : {}), ...(random ? { random } : {}) });

function decide(r: Req, random?: () => number): Decision {
  const q = full(r);
  const headers = Object.fromEntries(Object.entries(q.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return new Matcher(model, { httpsPort: PORTS.httpsPort, ...(random ? { random } : {}) }).match({ scheme: q.scheme, host: q.host, target: q.target, method: q.method ?? 'GET', headers, clientIp: q.clientIp });
}

/** "ns/svc:port" (the cluster's backend), "status location" or "status". */
function envoyOutcome(a: EnvoyAnswer): string {
  if (a.status === 200 && 'cluster' in a) return a.cluster.split('~')[0];
  if ('location' in a) return `${a.status} ${a.location}`;
  return String(a.status);
}
function modelOutcome(d: Decision): string {
  if (d.status === 200) return `${d.backend.namespace}/${d.backend.service}:${d.backend.port}`;
  if (isRedirect(d)) return `${d.status} ${d.location}`;
  return String(d.status);
}

function agree(r: Req, expected: string, random?: () => number): EnvoyAnswer {
  const a = envoy(r, undefined, random);
  assert.is(envoyOutcome(a), expected, `envoy: ${r.method ?? 'GET'} ${r.host}${r.target}`);
  assert.is(modelOutcome(decide(r, random)), expected, `model: ${r.method ?? 'GET'} ${r.host}${r.target}`);
  return a;
}

const basic = (user: string, pw: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}` });
const findings = (re: RegExp) => result.findings.filter((f) => re.test(f.message));

test('the bootstrap with every annotation satisfies Envoy\'s API definitions, on any ports', () => {
  assert.equal(validateBootstrap(bootstrap), []);
  assert.equal(validateBootstrap(rendered(model).bootstrap), []);
});

test('permanent-/temporal-redirect: every code from 300 to 308, Location as written', () => {
  agree({ host: 'redirect.example.com', target: '/old/x?y=1' }, '308 https://new.example.com/landing?from=old');
  agree({ host: 'redirect.example.com', target: '/tmp' }, '302 http://other.example.com/t%20x');
  agree({ host: 'redirect.example.com', target: '/see' }, '303 https://other.example.com/see');
});

test('from-to-www-redirect, app-root, force-ssl-redirect and ssl-redirect "false"', () => {
  agree({ host: 'www.example.org', target: '/a/../b?q=1' }, '308 http://example.org/b?q=1');
  agree({ scheme: 'https', host: 'www.example.org', target: '/' }, '308 https://example.org/');
  agree({ host: 'app.example.com:8080', target: '/?x=1' }, '302 http://app.example.com:8080/dashboard');
  agree({ host: 'app.example.com', target: '/other' }, 'default/app-svc:80');
  agree({ host: 'force.example.com', target: '/x?a=b' }, '308 https://force.example.com:8443/x?a=b');
  agree({ host: 'tls.example.com', target: '/' }, 'default/tls-svc:80');
});

test('rewrite-target with capture groups, upstream-vhost and x-forwarded-prefix', () => {
  const a = agree({ host: 'rewrite.example.com', target: '/API/users/7?x=1' }, 'default/rw-svc:80');
  assert.ok(a.status === 200 && 'upstreamPath' in a);
  if (a.status === 200 && 'upstreamPath' in a) {
    assert.equal([a.upstreamPath, a.upstreamHost, a.upstreamHeaders['x-forwarded-prefix']], ['/users/7', 'internal.example.svc:8080', '/api']);
  }
});

test('backend-protocol: TLS to HTTPS and GRPCS upstreams, HTTP/2 to GRPC and GRPCS', () => {
  const cluster = (name: string) => bootstrap.static_resources.clusters.find((c: any) => c.name.startsWith(name));
  const h2 = (c: any) => Boolean(c.typed_extension_protocol_options['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'].explicit_http_config.http2_protocol_options);
  for (const [name, tls, http2] of [['default/https-svc:80~https', true, false], ['default/grpc-svc:80~grpc', false, true], ['default/grpcs-svc:80~grpcs', true, true]] as const) {
    const c = cluster(name);
    assert.ok(c, name);
    assert.equal([Boolean(c.transport_socket), h2(c)], [tls, http2], name);
  }
  agree({ host: 'grpcs.example.com', target: '/svc.Method' }, 'default/grpcs-svc:80');
});

test('proxy-body-size (413) and proxy timeouts', () => {
  const post = (n: number) => envoy({ host: 'upload.example.com', target: '/', method: 'POST', headers: { 'content-length': String(n) } });
  assert.is(post(1025).status, 413);
  assert.is(post(1024).status, 200);
  const slow = bootstrap.static_resources.clusters.find((c: any) => c.name.startsWith('default/slow-svc:80'));
  assert.is(slow.connect_timeout, '2s');
  assert.is(envoy({ host: 'slow.example.com', target: '/' }).route, 'slow.example.com/ (Prefix)');
  const route = bootstrap.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts.flatMap((v: any) => v.routes).find((r: any) => r.name === 'slow.example.com/ (Prefix)');
  assert.is(route.route.idle_timeout, '1s');
});

test('source ranges: 403 by the client address, as the model decides, for clients in and out of each range', () => {
  for (const ip of ['127.0.0.1', '10.1.2.3', '10.2.0.1', '192.168.7.7', '::1', '8.8.8.8']) {
    for (const host of ['private.example.com', 'blocked.example.com', 'open.example.com']) {
      const r = { host, target: '/', clientIp: ip };
      assert.is(envoyOutcome(envoy(r)), modelOutcome(decide(r)), `${host} from ${ip}`);
    }
  }
  assert.is(envoy({ host: 'private.example.com', target: '/' }).status, 403);
  assert.is(envoy({ host: 'open.example.com', target: '/', clientIp: '10.1.2.3' }).status, 403);
});

test('basic auth: {SHA} users log in; others cannot, reported at the auth-secret annotation', () => {
  agree({ host: 'auth.example.com', target: '/' }, '401');
  agree({ host: 'auth.example.com', target: '/', headers: basic('carol', 'carol-pw') }, 'default/staff-svc:80');
  agree({ host: 'auth.example.com', target: '/', headers: basic('carol', 'wrong') }, '401');
  for (const user of ['alice', 'bob', 'dave', 'erin']) assert.is(envoy({ host: 'auth.example.com', target: '/', headers: basic(user, `${user}-pw`) }).status, 401, user);
  const [f] = findings(/basic_auth checks \{SHA\}/);
  assert.ok(f && (f.ruleId === 'target-unsupported' || f.ruleId === 'target-unsafe-value'));
  assert.match(f.message, 'alice (sha512-crypt), bob (apr1), dave (plain), erin (md5-crypt)');
  assert.equal([f.file, f.line, f.path], ['test/envoy/fixtures/annotations/ingresses.yaml'.replace(/^/, `${ROOT}/`), 307, 'metadata.annotations[nginx.ingress.kubernetes.io/auth-secret]']);
  agree({ host: 'closed.example.com', target: '/' }, '503');
});

test('the users Envoy can check are exactly the formats the support matrix marks for it', () => {
  const auth = model.hosts.flatMap((v) => v.routes).find((r) => r.policy.basicAuth)!.policy.basicAuth!;
  for (const u of auth.users) {
    const status = envoy({ host: 'auth.example.com', target: '/', headers: basic(u.name, `${u.name}-pw`) }).status;
    assert.is(status === 200, HASHES[u.format].envoy, `${u.name} (${u.format})`);
  }
});

test('CORS: the preflight (204) and the headers of allowed origins are the model\'s; other origins get none', () => {
  const pre = { host: 'cors.example.com', target: '/x', method: 'OPTIONS', headers: { origin: 'https://shop.EXAMPLE.net:8443' } };
  const a = agree(pre, '204');
  assert.equal(a.headers, decide(pre).headers);
  const get = agree({ host: 'cors.example.com', target: '/', headers: { origin: 'https://app.example.com' } }, 'default/cors-svc:80');
  assert.equal(get.headers, decide({ host: 'cors.example.com', target: '/', headers: { origin: 'https://app.example.com' } }).headers);
  for (const origin of ['https://evil.com', 'https://app.example.com.evil.com', 'https://a.b.example.net:8443', 'http://app.example.com']) {
    const other = agree({ ...pre, headers: { origin } }, 'default/cors-svc:80');
    assert.is(other.headers, undefined, origin);
  }
  const any = agree({ host: 'cors-any.example.com', target: '/', method: 'options' }, '204');
  assert.equal([any.headers?.['access-control-allow-origin'], any.headers?.['access-control-allow-credentials']], ['*', undefined]);
});

test('canary: header always/never, then cookie, then weight; header value and pattern', () => {
  // a draw that would go to the main backend, should the weight decide
  const api = (headers: Record<string, string>, v: string) => agree({ host: 'canary.example.com', target: '/api', headers }, `default/api-${v}:80`, () => 0.99);
  api({ 'x-canary': 'always' }, 'v2');
  api({ 'x-canary': 'never', cookie: 'beta=always' }, 'v1');
  api({ 'x-canary': 'other', cookie: 'a=1; beta=always' }, 'v2');
  api({ cookie: 'beta=never', 'x-canary': 'maybe' }, 'v1');
  api({ cookie: 'xbeta=always' }, 'v1');
  api({ cookie: 'a=beta=always' }, 'v1');
  agree({ host: 'canary.example.com', target: '/value', headers: { 'x-region': 'eu-1' } }, 'default/value-v2:80');
  agree({ host: 'canary.example.com', target: '/value', headers: { 'x-region': 'EU-1' } }, 'default/value-v1:80');
  agree({ host: 'canary.example.com', target: '/pattern', headers: { 'x-ver': 'v3-beta' } }, 'default/pattern-v2:80');
  agree({ host: 'canary.example.com', target: '/pattern', headers: { 'x-ver': 'xv3' } }, 'default/pattern-v1:80');
});

test('canary-weight 30 of 100: the same draw goes to the same backend as in the model; 200 evenly spread draws give 60', () => {
  let canary = 0;
  for (let i = 0; i < 200; i++) {
    const draw = () => i / 200;
    const a = envoyOutcome(envoy({ host: 'canary.example.com', target: '/api' }, undefined, draw));
    assert.is(a, modelOutcome(decide({ host: 'canary.example.com', target: '/api' }, draw)), `draw ${i / 200}`);
    if (a === 'default/api-v2:80') canary++;
  }
  assert.is(canary, 60);
});

test('affinity: the cookie is set (name, Max-Age, Path) on a consistent-hash cluster and brings the client back', () => {
  // the fixture's sticky-svc has two endpoints
  const first = envoy({ host: 'sticky.example.com', target: '/' });
  assert.ok(first.status === 200 && 'setCookie' in first && first.setCookie);
  if (first.status !== 200 || !('setCookie' in first) || !first.setCookie) return;
  assert.match(first.setCookie, /^STICK="[0-9a-f]+"; Max-Age=3600; Path=\/; HttpOnly$/);
  // over HTTPS the cookie is Secure, as the model's cookie
  const tls = envoy({ scheme: 'https', host: 'sticky.example.com', target: '/' });
  assert.ok(tls.status === 200 && 'setCookie' in tls && /; HttpOnly; Secure$/.test(tls.setCookie!));
  const cookie = first.setCookie.split(';')[0];
  for (let i = 0; i < 5; i++) {
    const again = envoy({ host: 'sticky.example.com', target: '/', headers: { cookie } });
    assert.ok(again.status === 200 && 'endpoint' in again && again.endpoint === first.endpoint && !again.setCookie);
  }
  const spread = new Set(Array.from({ length: 20 }, (_, i) => {
    const a = envoy({ host: 'sticky.example.com', target: '/', headers: { cookie: `STICK=v${i}` } });
    return a.status === 200 && 'endpoint' in a ? a.endpoint : '';
  }));
  assert.equal([...spread].sort(), ['10.1.0.10:8080', '10.1.0.11:8080']);
});

test('limit-rps 1 (burst 5): 6 requests on one connection, then 503; counted per connection (reported)', () => {
  const state = new Map<string, number>();
  const statuses = Array.from({ length: 8 }, () => envoy({ host: 'rps.example.com', target: '/', connection: 'c1' }, state).status);
  assert.equal(statuses, [200, 200, 200, 200, 200, 200, 503, 503]);
  assert.is(envoy({ host: 'rps.example.com', target: '/', connection: 'c2' }, state).status, 200);
  assert.ok(findings(/limit-rps 1 \(burst 5\) is counted per connection/).length === 1);
  // limit-connections cannot be expressed: nothing is rendered, and that is reported
  assert.is(envoy({ host: 'conn.example.com', target: '/' }).status, 200);
  assert.equal(findings(/limit-connections 2 is not rendered/).map((f) => f.ruleId), ['target-unsupported']);
});

test('default-backend: a backend with nowhere to go is replaced by the annotation\'s Service', () => {
  agree({ host: 'fallback.example.com', target: '/x' }, 'default/fallback-svc:80');
});

test('a host\'s default backend is guarded by its Ingress\'s annotations too (source ranges, CORS, upstream headers)', () => {
  agree({ host: 'guarded.example.com', target: '/api' }, '403');
  agree({ host: 'guarded.example.com', target: '/elsewhere' }, '403');
  const inside = agree({ host: 'guarded.example.com', target: '/elsewhere', clientIp: '10.0.0.1' }, 'default/guarded-default-svc:80');
  assert.ok(inside.status === 200 && 'upstreamHeaders' in inside && inside.upstreamHeaders['x-forwarded-prefix'] === '/guarded');
  agree({ host: 'cors-default.example.com', target: '/elsewhere', method: 'OPTIONS' }, '204');
  const a = agree({ host: 'cors-default.example.com', target: '/elsewhere' }, 'default/cors-default-svc:80');
  assert.equal([a.status === 200 && 'upstreamHost' in a ? a.upstreamHost : undefined, a.headers?.['access-control-allow-origin']], ['default.internal', '*']);
});

test('a wildcard host keeps the CORS and canary header matchers beside its one-label check', () => {
  const A = 'nginx.ingress.kubernetes.io/';
  const m = modelOf(
    ingress('w', '*.shop.test', [['/api', 'Prefix', 'v1']], { annotations: { [`${A}enable-cors`]: 'true', [`${A}cors-allow-origin`]: 'https://a.test' }, created: '2024-01-01T00:00:00Z' }) +
      ingress('w-canary', '*.shop.test', [['/api', 'Prefix', 'v2']], { annotations: { [`${A}canary`]: 'true', [`${A}canary-by-header`]: 'X-Canary' } }),
  );
  const b = parse(renderEnvoy(m, EMIT_DEFAULTS).files[0].content);
  assert.equal(validateBootstrap(b), []);
  const at = (host: string, headers: Record<string, string>, method = 'GET') => evaluate(b, { scheme: 'http', host, target: '/api', method, headers }, EMIT_DEFAULTS);
  const canary = at('eu.shop.test', { 'x-canary': 'always' });
  assert.ok(canary.status === 200 && 'cluster' in canary && canary.cluster === 'default/v2:80');
  assert.is(at('eu.shop.test', { origin: 'https://a.test' }, 'OPTIONS').status, 204);
  assert.is(at('eu.shop.test', { origin: 'https://b.test' }, 'OPTIONS').status, 200);
  // two labels: not the wildcard's (no host-less rules here: 404)
  assert.is(at('a.eu.shop.test', { 'x-canary': 'always' }).status, 404);
});

test('--compat ingress-nginx plain string prefixes are Envoy prefixes', () => {
  const r = renderEnvoy(modelOf(ingress('a', 'a.test', [['/foo', 'ImplementationSpecific', 'svc']]), { compat: 'ingress-nginx' }), EMIT_DEFAULTS);
  const { parse } = require('yaml') as typeof import('yaml');
  const routes = parse(r.files[0].content).static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes;
  assert.ok(routes.some((x: any) => x.match.prefix === '/foo' && !('path' in x.match) && x.route), JSON.stringify(routes.map((x: any) => x.match)));
});

// Hand-built policies, as a buggy or hostile producer could make them.
function oneRoute({ filters, ...policy }: Partial<ReturnType<typeof defaultPolicy>> & { filters?: RouteFilters }): RouteModel {
  const origin = { kind: 'Ingress', namespace: 'default', name: 'evil', file: 'evil.yaml', line: 3, column: 1, field: 'spec' };
  return {
    hosts: [{ host: 'evil.com', kind: 'exact', routes: [{ id: 'evil.com/ (Prefix)', match: { kind: 'Prefix', value: '/', pathType: 'Prefix' }, backend: { namespace: 'default', service: 'svc', port: 80, protocol: 'http', upstream: { kind: 'dns', host: 'svc.default.svc.cluster.local', port: 80 } }, policy: { ...defaultPolicy(), ...policy }, origin, ...(filters ? { filters } : {}) }] }],
    findings: [],
  };
}

test('hostile values: refused with a finding or carried as exact strings, never as YAML structure or formatter syntax', () => {
  const cases: (Partial<ReturnType<typeof defaultPolicy>> & { filters?: RouteFilters })[] = [
    { filters: { redirect: fixedRedirect('https://x.com/\n  cluster: evil', 301, 'permanent-redirect') } },
    { upstreamHost: 'a.com\r\nx-evil: 1' },
    { forwardedPrefix: '/%REQ(authorization)%' },
    { cors: { origins: [{ scheme: 'https', host: 'a.com' }], methods: 'GET\n- evil', headers: 'X', exposeHeaders: '', credentials: false, maxAge: 1 } },
    { affinity: { cookieName: 'a; Domain=evil.com', path: '/x; Domain=evil.com' } },
  ];
  for (const policy of cases) {
    const r = renderEnvoy(oneRoute(policy), EMIT_DEFAULTS);
    const text = r.files[0].content;
    const b = parse(text);
    assert.equal(validateBootstrap(b), [], JSON.stringify(policy));
    assert.not.match(text, /evil: 1|cluster: evil|Domain=evil|%REQ\(authorization\)%[^%]/, JSON.stringify(policy));
    assert.ok(r.findings.some((f) => f.ruleId === 'target-unsupported' || f.ruleId === 'target-unsafe-value' || f.ruleId === 'target-approximate'), JSON.stringify(policy));
  }
  // a prefix with "%" is escaped for Envoy's formatter, so the upstream gets it as written
  const escaped = renderEnvoy(oneRoute({ forwardedPrefix: '/a%20b' }), EMIT_DEFAULTS);
  const a = evaluate(parse(escaped.files[0].content), { scheme: 'http', host: 'evil.com', target: '/' }, EMIT_DEFAULTS);
  assert.ok(a.status === 200 && 'upstreamHeaders' in a && a.upstreamHeaders['x-forwarded-prefix'] === '/a%20b');
});

test.run();
