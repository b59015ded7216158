// The annotation set end to end: one input with a host per behaviour, and the checks every
// engine (serve, real nginx) must pass over loopback. Each engine supplies a Stand: how to
// send a request, and how to read its echo backend's answer.
import { request } from 'node:http';
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';

export interface Req {
  host: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** What an echo backend saw: which backend (and endpoint), the request target, the headers. */
export interface Echoed {
  backend: string;
  /** path and query as received */
  target: string;
  headers: Record<string, string | string[] | undefined>;
  /** which of a backend's endpoints answered, when it has several */
  endpoint?: string;
}

export interface Stand {
  port: number;
  echo(r: Reply): Echoed;
}

/** One plain-HTTP request to 127.0.0.1:port, no connection reuse, 5 s at most. */
export function send(port: number, r: Req): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: r.path, method: r.method ?? 'GET', agent: false, headers: { host: r.host, ...r.headers, ...(r.body ? { 'content-length': String(r.body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.setTimeout(5000, () => req.destroy(new Error(`no answer within 5 s: ${r.host}${r.path}`)));
    req.on('error', reject);
    req.end(r.body);
  });
}

const A = 'nginx.ingress.kubernetes.io/';

function ing(name: string, host: string, path: string, service: string, annotations: Record<string, string> = {}, pathType = 'Prefix'): string {
  const ann = Object.entries(annotations).map(([k, v]) => `    ${A}${k}: ${JSON.stringify(v)}\n`).join('');
  return `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  creationTimestamp: "2024-01-01T00:00:00Z"
${ann ? `  annotations:\n${ann}` : ''}spec:
  rules:
    - host: ${host}
      http:
        paths:
          - path: ${JSON.stringify(path)}
            pathType: ${pathType}
            backend: {service: {name: ${service}, port: {number: 80}}}
`;
}

// "secret" hashed by openssl passwd -apr1 and as {SHA}: both formats nginx and serve check
const HTPASSWD = 'alice:$apr1$abcdefgh$h9FWgUz3n9YxylKLlR5SQ/\nbob:{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=\n';
const basic = (user: string, pw: string) => `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`;

/** The input. `stickyPorts`: the two loopback ports of backend sticky's Endpoints. */
export function annotationInput(stickyPorts: [number, number]): string {
  return [
    ing('redirect', 'redirect.test', '/', 'web', { 'permanent-redirect': 'https://new.example.com/landing?from=old', 'permanent-redirect-code': '308' }),
    ing('temporal', 'temporal.test', '/', 'web', { 'temporal-redirect': 'http://maintenance.example.com/' }),
    ing('approot', 'approot.test', '/', 'web', { 'app-root': '/app1' }),
    ing('www', 'shop.test', '/', 'web', { 'from-to-www-redirect': 'true' }),
    ing('rewrite', 'rewrite.test', '/api(/|$)(.*)', 'api', { 'rewrite-target': '/$2', 'x-forwarded-prefix': '/api', 'upstream-vhost': 'internal.test' }, 'ImplementationSpecific'),
    // a Prefix path with a trailing slash: ingress-nginx's rewrite regex (^/keep/) leaves /keep as it is
    ing('rewrite-slash', 'rewrite-slash.test', '/keep/', 'api', { 'rewrite-target': '/new' }),
    ing('body', 'body.test', '/', 'web', { 'proxy-body-size': '1k' }),
    ing('auth', 'auth.test', '/', 'web', { 'auth-type': 'basic', 'auth-secret': 'users', 'auth-realm': 'Staff only' }),
    ing('auth-missing', 'closed.test', '/', 'web', { 'auth-type': 'basic', 'auth-secret': 'no-such-secret' }),
    ing('allow', 'allow.test', '/', 'web', { 'allowlist-source-range': '10.0.0.0/8, 192.168.0.0/16' }),
    ing('allowed', 'allowed.test', '/', 'web', { 'whitelist-source-range': '127.0.0.0/8', 'denylist-source-range': '127.0.0.2' }),
    ing('deny', 'deny.test', '/', 'web', { 'denylist-source-range': '127.0.0.1/32' }),
    ing('cors', 'cors.test', '/', 'web', { 'enable-cors': 'true', 'cors-allow-origin': 'https://app.test, https://*.tools.test', 'cors-max-age': '600', 'cors-expose-headers': 'X-Total' }),
    ing('canary-main', 'canary.test', '/', 'stable'),
    ing('canary', 'canary.test', '/', 'preview', { canary: 'true', 'canary-weight': '30', 'canary-by-header': 'X-Canary', 'canary-by-cookie': 'beta' }),
    ing('sticky', 'sticky.test', '/', 'sticky', { affinity: 'cookie', 'session-cookie-name': 'route', 'session-cookie-max-age': '3600' }),
    ing('rps', 'rps.test', '/', 'web', { 'limit-rps': '1' }),
    ing('conn', 'conn.test', '/', 'slow', { 'limit-connections': '1' }),
    `---
apiVersion: v1
kind: Secret
metadata: {name: users}
type: Opaque
data: {auth: ${Buffer.from(HTPASSWD).toString('base64')}}
---
apiVersion: v1
kind: Service
metadata: {name: sticky}
spec: {ports: [{port: 80}]}
---
apiVersion: v1
kind: Endpoints
metadata: {name: sticky}
subsets:
  - {addresses: [{ip: 127.0.0.1}], ports: [{port: ${stickyPorts[0]}}]}
  - {addresses: [{ip: 127.0.0.1}], ports: [{port: ${stickyPorts[1]}}]}
`,
  ].join('');
}

/** Backends to send to echo servers (sticky has its own endpoints; slow is the caller's). */
export const ECHO_BACKENDS = ['default/web:80', 'default/api:80', 'default/stable:80', 'default/preview:80'];

/** The slow backend of conn.test: answers when released (or after 3 s), and says when a request arrived. */
export interface Slow {
  port: number;
  arrived(): Promise<void>;
  release(): void;
}

type Register = (name: string, fn: (s: Stand) => Promise<void>) => void;

/** Registers the shared checks; `stand()` is the engine under test once started. */
export function annotationChecks(it: Register, slow: () => Slow): void {
  const get = (s: Stand, host: string, path = '/', extra: Partial<Req> = {}) => send(s.port, { host, path, ...extra });

  it('permanent-redirect with its code: status and Location', async (s) => {
    const r = await get(s, 'redirect.test', '/anything');
    assert.equal([r.status, r.headers.location], [308, 'https://new.example.com/landing?from=old']);
  });

  it('temporal-redirect: 302 by default', async (s) => {
    const r = await get(s, 'temporal.test', '/x');
    assert.equal([r.status, r.headers.location], [302, 'http://maintenance.example.com/']);
  });

  it('app-root: "/" is redirected (302), other paths are served', async (s) => {
    const r = await get(s, 'approot.test', '/');
    assert.equal([r.status, r.headers.location], [302, 'http://approot.test/app1']);
    assert.is((await get(s, 'approot.test', '/app1')).status, 200);
  });

  it('from-to-www-redirect: www. goes to the host (308)', async (s) => {
    const r = await get(s, 'www.shop.test', '/cart?id=1');
    assert.equal([r.status, r.headers.location], [308, 'http://shop.test/cart?id=1']);
    assert.is((await get(s, 'shop.test', '/cart')).status, 200);
  });

  it('rewrite-target, x-forwarded-prefix and upstream-vhost: what the backend receives', async (s) => {
    const r = await get(s, 'rewrite.test', '/api/users/7?full=1');
    assert.is(r.status, 200);
    const e = s.echo(r);
    assert.equal([e.backend, e.target, e.headers.host, e.headers['x-forwarded-prefix']], ['default/api:80', '/users/7?full=1', 'internal.test', '/api']);
  });

  it('rewrite-target on a Prefix path with a trailing slash: the paths below it are rewritten, the path without the slash is not', async (s) => {
    const seen: string[] = [];
    for (const path of ['/keep', '/keep/', '/keep/a/b?x=1', '/KEEP/c']) {
      const r = await get(s, 'rewrite-slash.test', path);
      seen.push(`${path} ${r.status} ${r.status === 200 ? s.echo(r).target : ''}`);
    }
    assert.equal(seen, ['/keep 200 /keep', '/keep/ 200 /new', '/keep/a/b?x=1 200 /new?x=1', '/KEEP/c 404 ']);
  });

  it('proxy-body-size: 413 beyond the limit, declared or streamed', async (s) => {
    assert.is((await get(s, 'body.test', '/up', { method: 'POST', body: Buffer.alloc(2048, 'x') })).status, 413);
    assert.is((await get(s, 'body.test', '/up', { method: 'POST', body: Buffer.alloc(1000, 'x') })).status, 200);
  });

  it('basic auth: 401 with the realm, credentials checked, not passed upstream', async (s) => {
    const none = await get(s, 'auth.test');
    assert.equal([none.status, none.headers['www-authenticate']], [401, 'Basic realm="Staff only"']);
    assert.is((await get(s, 'auth.test', '/', { headers: { authorization: basic('alice', 'wrong') } })).status, 401);
    assert.is((await get(s, 'auth.test', '/', { headers: { authorization: basic('mallory', 'secret') } })).status, 401);
    for (const user of ['alice', 'bob']) {
      const ok = await get(s, 'auth.test', '/', { headers: { authorization: basic(user, 'secret') } });
      assert.is(ok.status, 200, user);
      assert.is(s.echo(ok).headers.authorization, undefined);
    }
  });

  it('auth with a missing Secret: 503, never open', async (s) => {
    assert.is((await get(s, 'closed.test')).status, 503);
  });

  it('source ranges: 403 outside the allow-list, or in the deny-list', async (s) => {
    assert.is((await get(s, 'allow.test')).status, 403);
    assert.is((await get(s, 'allowed.test')).status, 200);
    assert.is((await get(s, 'deny.test')).status, 403);
  });

  it('CORS: the preflight is answered by the proxy (204) with the headers', async (s) => {
    const r = await get(s, 'cors.test', '/v1/items', { method: 'OPTIONS', headers: { origin: 'https://app.test', 'access-control-request-method': 'PUT' } });
    assert.is(r.status, 204);
    assert.equal(
      ['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-methods', 'access-control-max-age', 'access-control-expose-headers'].map((h) => r.headers[h]),
      ['https://app.test', 'true', 'GET, PUT, POST, DELETE, PATCH, OPTIONS', '600', 'X-Total'],
    );
    assert.is(r.body, '');
    const wild = await get(s, 'cors.test', '/v1/items', { headers: { origin: 'https://ci.tools.test' } });
    assert.equal([wild.status, wild.headers['access-control-allow-origin']], [200, 'https://ci.tools.test']);
    const other = await get(s, 'cors.test', '/v1/items', { method: 'OPTIONS', headers: { origin: 'https://evil.test' } });
    assert.equal([other.status, other.headers['access-control-allow-origin']], [200, undefined]);
    assert.is(s.echo(other).backend, 'default/web:80', 'a preflight from another origin goes to the backend');
  });

  it('canary: header and cookie decide; the weight splits 30% within ±15 points over 200 requests', async (s) => {
    const at = async (headers: Record<string, string>) => s.echo(await get(s, 'canary.test', '/', { headers })).backend;
    assert.is(await at({ 'x-canary': 'always' }), 'default/preview:80');
    assert.is(await at({ 'x-canary': 'never', cookie: 'beta=always' }), 'default/stable:80');
    assert.is(await at({ cookie: 'x=1; beta=always' }), 'default/preview:80');
    assert.is(await at({ cookie: 'beta=never' }), 'default/stable:80');
    let canary = 0;
    const N = 200;
    for (let i = 0; i < N; i++) if ((await at({})) === 'default/preview:80') canary++;
    // binomial(200, 0.3): sd 6.5 requests; ±30 is more than 4.5 sd
    assert.ok(canary >= 30 && canary <= 90, `${canary} of ${N} went to the canary`);
  });

  it('affinity: the cookie is set, and a client that brings it keeps its endpoint', async (s) => {
    const first = await get(s, 'sticky.test', '/a');
    const cookie = String(([] as string[]).concat(first.headers['set-cookie'] ?? [])[0] ?? '');
    assert.match(cookie, /^route=[^;]+; Path=\/; Max-Age=3600; HttpOnly$/);
    const pair = cookie.split(';')[0];
    const endpoint = s.echo(first).endpoint;
    for (let i = 0; i < 8; i++) {
      const r = await get(s, 'sticky.test', '/a', { headers: { cookie: pair } });
      assert.is(s.echo(r).endpoint, endpoint, 'same endpoint with the cookie');
      assert.is(r.headers['set-cookie'], undefined, 'no new cookie when it is honoured');
    }
    // round robin (serve) or a hash of a fresh request id (nginx): 20 new clients all on one endpoint is a 1-in-500,000 event
    const seen = new Set<string | undefined>();
    for (let i = 0; i < 20; i++) seen.add(s.echo(await get(s, 'sticky.test', '/a')).endpoint);
    assert.is(seen.size, 2, 'without the cookie both endpoints answer');
  });

  it('limit-rps: a burst of five times the rate passes, then 503', async (s) => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await get(s, 'rps.test')).status);
    const ok = statuses.filter((x) => x === 200).length;
    // rate 1/s, burst 5: six at once (one more if a second passed during the burst)
    assert.ok(ok >= 6 && ok <= 7, statuses.join(' '));
    assert.ok(statuses.slice(ok).every((x) => x === 503), statuses.join(' '));
  });

  it('limit-connections: one request at a time per client; the second gets 503', async (s) => {
    const sl = slow();
    const arrival = sl.arrived();
    const held = get(s, 'conn.test', '/hold');
    await arrival;
    const second = await get(s, 'conn.test', '/second');
    sl.release();
    assert.is(second.status, 503);
    assert.is((await held).status, 200);
    // the proxy may count the first connection for a moment after its answer reached us (HAProxy's
    // stick-table counter): a later request passes within a bounded wait
    let after = 0;
    for (let i = 0; i < 20 && after !== 200; i++) {
      if (i) await new Promise((r) => setTimeout(r, 50));
      after = (await get(s, 'conn.test', '/after')).status;
    }
    assert.is(after, 200);
  });
}

/** A backend that holds requests for /hold… until released (at most 3 s): for limit-connections. */
export async function slowServer(): Promise<Slow & { close(): Promise<void> }> {
  const { createServer } = await import('node:http');
  let waiting: (() => void)[] = [];
  let onArrive: (() => void) | undefined;
  const server = createServer((req, res) => {
    req.resume();
    if (!req.url?.startsWith('/hold')) return void res.end('quick');
    const answer = () => res.end('slow done');
    const timer = setTimeout(answer, 3000);
    waiting.push(() => (clearTimeout(timer), answer()));
    onArrive?.();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    arrived: () => new Promise<void>((r) => (onArrive = r)),
    release: () => {
      for (const w of waiting) w();
      waiting = [];
    },
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

export type { Test };
