// Every annotation of the set on a real HAProxy over loopback, checked against what the
// request really got (status, Location, headers, the path and Host at the echo backend)
// and, where the Matcher decides the same thing, against the Matcher too.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { haproxyTest, haproxyAvailable } from './haproxy-engine.js';
import { decisionOutcome, outcomeOf, startAnnotatedHaproxy, STICKY, type AnnotatedHaproxy, type Request } from './haproxy-annotations.js';

const it = haproxyTest(); // skipped without HAProxy, failed under INGRESSCTL_REQUIRE_ENGINES=1

let h: (AnnotatedHaproxy & { stop(): Promise<void> }) | undefined;
test.before(async () => {
  if (haproxyAvailable()) h = await startAnnotatedHaproxy();
});
test.after(async () => {
  await h?.stop();
});

const basic = (user: string, pw: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}` });

/** HAProxy's answer and the Matcher's agree, and are `expected`. */
async function agree(r: Request, expected: string): Promise<void> {
  const a = await h!.send(r);
  const want = expected.replace('{httpsPort}', String(h!.httpsPort)).replace('{httpPort}', String(h!.httpPort));
  assert.is(outcomeOf(a), want, `haproxy: ${r.method ?? 'GET'} ${r.host}${r.target}`);
  assert.is(decisionOutcome(h!.decide(r)), want, `model: ${r.method ?? 'GET'} ${r.host}${r.target}`);
}

it('permanent-redirect / temporal-redirect: status and Location from the annotation, code included', async () => {
  await agree({ host: 'redirect.example.com', target: '/old/x?y=1' }, '308 https://new.example.com/landing?from=old');
  await agree({ host: 'redirect.example.com', target: '/tmp' }, '302 http://other.example.com/t%20x');
  await agree({ host: 'redirect.example.com', target: '/see' }, '303 https://other.example.com/see');
});

it('from-to-www-redirect: the other name is redirected (308), scheme, canonical path and query kept', async () => {
  await agree({ host: 'www.example.org', target: '/a/../b?q=1' }, '308 http://example.org/b?q=1');
  await agree({ scheme: 'https', host: 'www.example.org', target: '/' }, '308 https://example.org/');
  await agree({ host: 'example.org', target: '/x' }, 'default/site-svc:80');
});

it('app-root: exactly "/" is redirected (302) on the Host as sent; other paths are routed', async () => {
  await agree({ host: `app.example.com:${h?.httpPort}`, target: '/' }, '302 http://app.example.com:{httpPort}/dashboard');
  await agree({ host: 'app.example.com', target: '/other' }, 'default/app-svc:80');
});

it('force-ssl-redirect without TLS redirects; ssl-redirect "false" on a TLS host does not', async () => {
  await agree({ host: 'force.example.com', target: '/x?a=b' }, '308 https://force.example.com:{httpsPort}/x?a=b');
  await agree({ host: 'tls.example.com', target: '/' }, 'default/tls-svc:80');
});

it('rewrite-target with capture groups, x-forwarded-prefix and upstream-vhost reach the upstream', async () => {
  const a = await h!.send({ host: 'rewrite.example.com', target: '/API/users/7?x=%61' });
  assert.is(a.echo?.backend, 'default/rw-svc:80');
  assert.is(a.echo!.url, '/users/7?x=%61');
  assert.is(a.echo!.headers.host, 'internal.example.svc:8080');
  assert.is(a.echo!.headers['x-forwarded-prefix'], '/api');
  assert.is((await h!.send({ host: 'rewrite.example.com', target: '/api' })).echo?.url, '/');
});

it('backend-protocol: HTTPS over TLS, GRPC as HTTP/2 cleartext, GRPCS as HTTP/2 over TLS', async () => {
  const https = await h!.send({ host: 'https.example.com', target: '/s' });
  assert.equal([https.echo?.backend, https.echo?.tls, https.echo?.httpVersion], ['default/https-svc:80', true, '1.1']);
  const grpc = await h!.send({ host: 'grpc.example.com', target: '/g' });
  assert.equal([grpc.echo?.backend, grpc.echo?.tls, grpc.echo?.httpVersion], ['default/grpc-svc:80', false, '2.0']);
  const grpcs = await h!.send({ host: 'grpcs.example.com', target: '/g' });
  assert.equal([grpcs.echo?.backend, grpcs.echo?.tls, grpcs.echo?.httpVersion], ['default/grpcs-svc:80', true, '2.0']);
});

it('proxy-body-size: 413 beyond it, proxied within it', async () => {
  const post = (n: number) => h!.send({ host: 'upload.example.com', target: '/', method: 'POST', body: 'x'.repeat(n) });
  assert.is((await post(1025)).status, 413);
  assert.is((await post(1024)).echo?.backend, 'default/upload-svc:80');
});

it('proxy-read-timeout "1" alone (send left at its default): an upstream slower than 1s gets 504 after about 1 s', async () => {
  const started = Date.now();
  assert.is((await h!.send({ host: 'slow.example.com', target: '/', headers: { 'x-echo-delay-ms': '1500' } })).status, 504);
  const ms = Date.now() - started;
  assert.ok(ms >= 900 && ms < 1450, `504 after ${ms} ms`);
  assert.is((await h!.send({ host: 'slow.example.com', target: '/', headers: { 'x-echo-delay-ms': '50' } })).status, 200);
});

it('source ranges: 403 outside the allow-list and inside the deny-list, allowed otherwise', async () => {
  await agree({ host: 'private.example.com', target: '/' }, '403');
  await agree({ host: 'blocked.example.com', target: '/' }, '403');
  await agree({ host: 'open.example.com', target: '/' }, 'default/open-svc:80');
});

it('basic auth: 401 with the realm; crypt(3) and {PLAIN} users log in; $apr1$ and {SHA} users cannot', async () => {
  const none = await h!.send({ host: 'auth.example.com', target: '/' });
  assert.is(none.status, 401);
  assert.is(none.headers.get('www-authenticate'), 'Basic realm="Staff only"');
  for (const [user, ok] of [['alice', true], ['dave', true], ['erin', true], ['bob', false], ['carol', false]] as const) {
    const a = await h!.send({ host: 'auth.example.com', target: '/', headers: basic(user, `${user}-pw`) });
    assert.is(a.status, ok ? 200 : 401, user);
  }
  await agree({ host: 'auth.example.com', target: '/', headers: basic('alice', 'wrong') }, '401');
  // the model (serve) checks $apr1$ and {SHA}: the render reports both users
  assert.ok(h!.result.findings.some((f) => f.ruleId === 'target-unsupported' && /bob \(apr1\), carol \(sha1\)/.test(f.message)));
  await agree({ host: 'closed.example.com', target: '/' }, '503');
});

it('CORS: the preflight is answered (204) with the headers the model gives; other origins pass through', async () => {
  const preflight = { host: 'cors.example.com', target: '/x', method: 'OPTIONS', headers: { Origin: 'https://shop.EXAMPLE.net:8443', 'Access-Control-Request-Method': 'POST' } };
  const a = await h!.send(preflight);
  const d = h!.decide(preflight);
  assert.is(a.status, 204);
  assert.is(d.status, 204);
  for (const [name, value] of Object.entries(d.headers!)) assert.is(a.headers.get(name), value, name);
  // no body, and no body headers, as nginx answers it
  assert.not.ok(a.headers.has('content-type'));
  assert.not.ok(a.headers.has('access-control-expose-headers') && !d.headers!['access-control-expose-headers']);
  const get = await h!.send({ host: 'cors.example.com', target: '/', headers: { Origin: 'https://app.example.com' } });
  assert.equal([get.echo?.backend, get.headers.get('access-control-allow-origin'), get.headers.get('access-control-expose-headers')], ['default/cors-svc:80', 'https://app.example.com', 'X-Total']);
  for (const origin of ['https://evil.com', 'https://app.example.com.evil.com', 'https://a.b.example.net:8443']) {
    const other = await h!.send({ ...preflight, headers: { Origin: origin } });
    assert.is(other.echo?.backend, 'default/cors-svc:80', origin);
    assert.not.ok(other.headers.has('access-control-allow-origin'), origin);
  }
  const any = await h!.send({ host: 'cors-any.example.com', target: '/', method: 'OPTIONS' });
  assert.equal([any.status, any.headers.get('access-control-allow-origin'), any.headers.has('access-control-allow-credentials')], [204, '*', false]);
});

it('canary: header always/never, then cookie, then weight; header value and pattern', async () => {
  const api = (headers: Record<string, string>, version: string) => agree({ host: 'canary.example.com', target: '/api', headers }, `default/api-${version}:80`);
  await api({ 'X-Canary': 'always' }, 'v2');
  await api({ 'X-Canary': 'never', Cookie: 'beta=always' }, 'v1');
  await api({ 'X-Canary': 'other', Cookie: 'a=1; beta=always' }, 'v2');
  await api({ Cookie: 'beta=never' }, 'v1');
  await agree({ host: 'canary.example.com', target: '/value', headers: { 'X-Region': 'eu-1' } }, 'default/value-v2:80');
  assert.is(outcomeOf(await h!.send({ host: 'canary.example.com', target: '/value', headers: { 'X-Region': 'EU-1' } })), 'default/value-v1:80');
  await agree({ host: 'canary.example.com', target: '/pattern', headers: { 'X-Ver': 'v3-beta' } }, 'default/pattern-v2:80');
  assert.is(outcomeOf(await h!.send({ host: 'canary.example.com', target: '/pattern', headers: { 'X-Ver': 'xv3' } })), 'default/pattern-v1:80');
});

it('canary-weight 30 of 100: 200 requests split within 60 ± 30 (about 4.6 standard deviations)', async () => {
  let canary = 0;
  for (let i = 0; i < 200; i++) {
    const a = await h!.send({ host: 'canary.example.com', target: '/api' });
    if (a.echo?.backend === 'default/api-v2:80') canary++;
    else assert.is(a.echo?.backend, 'default/api-v1:80');
  }
  assert.ok(canary >= 30 && canary <= 90, `${canary} of 200 went to the canary`);
  // the model draws the same way: a draw below 0.30 is the canary
  assert.is(decisionOutcome(h!.decide({ host: 'canary.example.com', target: '/api' }, () => 0.29)), 'default/api-v2:80');
  assert.is(decisionOutcome(h!.decide({ host: 'canary.example.com', target: '/api' }, () => 0.3)), 'default/api-v1:80');
});

it('affinity: the cookie is set (name, Path, Max-Age) and brings the client back to the same endpoint', async () => {
  const first = await h!.send({ host: 'sticky.example.com', target: '/' });
  const setCookie = first.headers.get('set-cookie') ?? '';
  assert.match(setCookie, /^STICK=[^;]+;/);
  assert.match(setCookie, /; Path=\/(;|$)/);
  assert.match(setCookie, /; Max-Age=3600(;|$)/);
  const cookie = setCookie.split(';')[0];
  const home = first.echo!.backend;
  assert.ok(STICKY.includes(home));
  for (let i = 0; i < 6; i++) assert.is((await h!.send({ host: 'sticky.example.com', target: '/', headers: { Cookie: cookie } })).echo?.backend, home);
  // without the cookie both endpoints are used
  const seen = new Set<string>();
  for (let i = 0; i < 4; i++) seen.add((await h!.send({ host: 'sticky.example.com', target: '/' })).echo!.backend);
  assert.equal([...seen].sort(), STICKY);
});

it('limit-rps 1 (burst 5): of 10 requests at once, 6 are proxied and the rest get 503', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 10; i++) statuses.push((await h!.send({ host: 'rps.example.com', target: '/' })).status);
  assert.equal(statuses, [200, 200, 200, 200, 200, 200, 503, 503, 503, 503]);
});

it('limit-connections 2: a third request in progress at once gets 503', async () => {
  const slow = () => h!.send({ host: 'conn.example.com', target: '/', headers: { 'x-echo-delay-ms': '400' } });
  const statuses = (await Promise.all([slow(), slow(), slow()])).map((a) => a.status).sort();
  assert.equal(statuses, [200, 200, 503]);
  assert.is((await slow()).status, 200);
});

it('default-backend: a backend with nowhere to go is replaced by the annotation\'s Service', async () => {
  await agree({ host: 'fallback.example.com', target: '/x' }, 'default/fallback-svc:80');
});

it('a host\'s default backend is guarded by its Ingress\'s annotations too (source ranges, CORS, upstream headers)', async () => {
  await agree({ host: 'guarded.example.com', target: '/api' }, '403');
  await agree({ host: 'guarded.example.com', target: '/elsewhere' }, '403');
  await agree({ host: 'cors-default.example.com', target: '/elsewhere', method: 'OPTIONS' }, '204');
  const a = await h!.send({ host: 'cors-default.example.com', target: '/elsewhere' });
  assert.equal([a.echo?.backend, a.echo?.headers.host, a.headers.get('access-control-allow-origin')], ['default/cors-default-svc:80', 'default.internal', '*']);
});

test.run();
