// Real HAProxy routes every row exactly as the model's Matcher does (docs/routing.md).
// Each row is also checked against the Matcher, so a wrong row fails instead of passing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { connect } from 'node:http2';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingress, ROOT } from '../helpers.js';
import { haproxyTest } from './haproxy-engine.js';
import { rawRequest } from './haproxy-echo.js';
import { disagreements, routeThroughHaproxy, withHaproxy, type RoutingRow } from './haproxy-routing.js';

const it = haproxyTest(); // skipped without HAProxy, failed under INGRESSCTL_REQUIRE_ENGINES=1

const row = (scheme: 'http' | 'https', host: string, path: string, expect: string, extra: Partial<RoutingRow> = {}): RoutingRow => ({ scheme, host, path, expect, ...extra });
const http = (host: string, path: string, expect: string, extra?: Partial<RoutingRow>) => row('http', host, path, expect, extra);
const https = (host: string, path: string, expect: string, extra?: Partial<RoutingRow>) => row('https', host, path, expect, extra);
const site = (path: string, expect: string) => http('site.example.com', path, expect);
const svc = (name: string, port = 80) => `default/${name}:${port}`;
const CATCH_ALL = svc('catchall-svc', 8080);

/** fixtures/haproxy-routing: one Ingress per rule, and a catch-all. */
const ROUTING: RoutingRow[] = [
  // Exact
  site('/exact', svc('exact-svc')),
  site('/exact/', CATCH_ALL),
  site('/EXACT', CATCH_ALL),
  // Prefix: element-wise, trailing slash of the rule ignored, never /app → /apple
  site('/app', svc('app-svc')),
  site('/app/', svc('app-svc')),
  site('/app/x/y', svc('app-svc')),
  site('/apple', CATCH_ALL),
  site('/aaa/bbb', CATCH_ALL),
  site('/aaa/bb/c', svc('bb-svc')),
  site('/App/x', CATCH_ALL),
  // precedence: longest first, Exact before Prefix at equal length, across Ingresses; the older duplicate wins
  site('/app/admin', svc('admin-exact-svc')),
  site('/app/admin/', svc('admin-svc')),
  site('/app/admin/users', svc('admin-svc')),
  site('/app/administrator', svc('app-svc')),
  site('/app/v2/x', svc('v2-svc')),
  // ImplementationSpecific without regex: Prefix
  site('/impl/x', svc('impl-svc')),
  site('/implx', CATCH_ALL),
  // host: case, port (even empty), final dot; an IPv6 literal has no virtual host
  http('SITE.Example.COM:8080', '/exact', svc('exact-svc')),
  http('site.example.com:', '/exact', svc('exact-svc')),
  http('[::1]:8080', '/anyhost', svc('any-svc')),
  http('site.example.com.', '/exact', svc('exact-svc')),
  // the canonical path; the upstream still gets the path as sent
  site('/app/admin/../../exact', svc('exact-svc')),
  site('/x//../exact', svc('exact-svc')),
  site('//exact', svc('exact-svc')),
  site('/./exact', svc('exact-svc')),
  site('/%65xact', svc('exact-svc')),
  site('/app/%2e%2e/exact', svc('exact-svc')),
  site('/exact?next=/app/', svc('exact-svc')),
  // refused paths and hosts
  site('/a%2Fb', '400'),
  site('/a%2fb', '400'),
  site('/a%5Cb', '400'),
  site('/a\\b', '400'),
  site('/a%00', '400'),
  site('/../exact', '400'),
  site('/%zz', '400'),
  http('a..b.example.com', '/', '400'),
  http('site.example.com:http', '/', '400'),
  http('other.test,site.example.com', '/exact', '400'),
  // regex: case-insensitive, anchored at the start only, model order (longest first) even over Exact
  http('regex.example.com', '/api/v2/users', svc('api-svc')),
  http('regex.example.com', '/API/V3', svc('api-svc')),
  http('regex.example.com', '/api/v1', svc('api-svc')),
  http('regex.example.com', '/x/api/v2', CATCH_ALL),
  http('regex.example.com', '/files/notes.txt', svc('txt-svc')),
  http('regex.example.com', '/files/notes.txt/more', CATCH_ALL),
  http('regex.example.com', "/q'uote", svc('quote-svc')),
  http('regex.example.com', "/Q'UOTE/x", svc('quote-svc')),
  // rewrite-target /$2 on /s(/|$)(.*): the upstream gets the rewritten path and the query as sent
  http('rewrite.example.com', '/s/abc?x=%61', svc('rw-svc'), { upstreamPath: '/abc?x=%61' }),
  http('rewrite.example.com', '/s', svc('rw-svc'), { upstreamPath: '/' }),
  // wildcard: exactly one label, below an exact host; TLS from a missing Secret → the one
  // generated fallback certificate (ingress-nginx's fake certificate), not one per host
  http('a.wild.example.com', '/x?y=1', '308 https://a.wild.example.com:{httpsPort}/x?y=1'),
  https('a.wild.example.com', '/x', svc('wild-svc'), { certNames: 'DNS:ingress.local' }),
  http('a.b.wild.example.com', '/anyhost', svc('any-svc')),
  http('wild.example.com', '/anyhost', svc('any-svc')),
  http('exact.wild.example.com', '/y', svc('wild-exact-svc')),
  // host-less rules: for hosts without a virtual host only
  http('other.test', '/anyhost/x', svc('any-svc')),
  http('other.test', '/', svc('any-root-svc')),
  http('other.test', '/nope', CATCH_ALL),
  site('/anyhost', CATCH_ALL),
  // TLS: 308 with the HTTPS port and canonical path; ssl-redirect false; force-ssl-redirect
  http('secure.example.com', '/p?q=1', '308 https://secure.example.com:{httpsPort}/p?q=1'),
  http('Secure.Example.com:80', '/a//../p', '308 https://secure.example.com:{httpsPort}/p'),
  https('secure.example.com', '/p', svc('secure-svc'), { certNames: 'DNS:secure.example.com' }),
  http('nossl.example.com', '/x', svc('nossl-svc')),
  https('nossl.example.com', '/x', svc('nossl-svc'), { certNames: 'DNS:nossl.example.com' }),
  http('force.example.com', '/x', '308 https://force.example.com:{httpsPort}/x'),
  https('force.example.com', '/x', svc('force-svc')),
  // default backends: the host's own, then the catch-all
  http('fallback.example.com', '/only/x', svc('only-svc')),
  http('fallback.example.com', '/other', svc('fb-svc')),
];

/** fixtures/cafe: no default backend at all, so unmatched requests get 404. */
const CAFE: RoutingRow[] = [
  https('cafe.example.com', '/tea', svc('tea-svc'), { certNames: 'DNS:cafe.example.com' }),
  https('cafe.example.com', '/coffee/latte', svc('coffee-svc')),
  https('cafe.example.com', '/teapot', '404'),
  https('unknown.example.com', '/tea', '404'),
  http('unknown.example.com', '/tea', '404'),
  http('cafe.example.com', '/tea', '308 https://cafe.example.com:{httpsPort}/tea'),
  http('cafe.example.com', '/nothing', '404'),
];

it('every routing row: the table, the model and HAProxy agree', async () => {
  const results = await routeThroughHaproxy(['fixtures/haproxy-routing'], ROUTING);
  assert.is(results.length, ROUTING.length);
  assert.equal(disagreements(results), []);
});

it('cafe: TLS from the Secret, 404 without a default backend', async () => {
  assert.equal(disagreements(await routeThroughHaproxy(['fixtures/cafe'], CAFE)), []);
});

it('crt-list: a catch-all Secret is the default certificate, a host without a Secret is served the generated one by SNI', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-crt-list-'));
  try {
    copyFileSync(join(ROOT, 'fixtures/cafe/cafe-secret.yaml'), join(dir, 'secret.yaml'));
    const anyHost = ingress('any', undefined, [['/', 'Prefix', 'any-svc']]).replace('spec:\n', 'spec:\n  tls:\n    - secretName: cafe-secret\n');
    writeFileSync(join(dir, 'ingresses.yaml'), anyHost + ingress('nosecret', 'nosecret.example.com', [['/', 'Prefix', 'ns-svc']], { tls: 'missing' }));
    const rows = [
      https('nosecret.example.com', '/a', svc('ns-svc'), { certNames: 'DNS:ingress.local' }),
      https('other.test', '/a', svc('any-svc'), { certNames: 'DNS:cafe.example.com' }),
    ];
    assert.equal(disagreements(await routeThroughHaproxy([dir], rows)), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('a body beyond proxy-body-size gets 413 (Content-Length), one within it is proxied', async () => {
  await withHaproxy(['fixtures/haproxy-routing'], {}, async ({ httpPort }) => {
    const post = (body: string, host = 'limit.example.com') => rawRequest({ port: httpPort, host, target: '/upload', method: 'POST', headers: [['Content-Length', String(body.length)]], body });
    assert.is((await post('x'.repeat(11))).status, 413);
    const ok = await post('x'.repeat(10));
    assert.is(ok.status, 200);
    assert.is(ok.headers.get('x-echo-backend'), 'default/limit-svc:80');
    // the default limit (1m) elsewhere: 11 bytes are fine
    assert.is((await post('x'.repeat(11), 'site.example.com')).status, 200);
  });
});

it('HTTP/2 over TLS routes on :authority like HTTP/1.1 on Host', async () => {
  await withHaproxy(['fixtures/haproxy-routing'], {}, async ({ httpsPort }) => {
    const client = connect(`https://127.0.0.1:${httpsPort}`, { servername: 'site.example.com', rejectUnauthorized: false });
    try {
      const get = (authority: string, path: string) =>
        new Promise<string>((ok, fail) => {
          const req = client.request({ ':method': 'GET', ':authority': authority, ':path': path });
          req.setTimeout(3000, () => fail(new Error('h2 request timed out')));
          req.on('response', (h) => ok(String(h['x-echo-backend'] ?? h[':status'])));
          req.on('error', fail);
          req.end();
        });
      assert.is(await get('site.example.com', '/app/admin'), 'default/admin-exact-svc:80');
      assert.is(await get('SITE.example.com:443', '/x//../exact'), 'default/exact-svc:80');
      assert.is(await get('regex.example.com', '/API/V2'), 'default/api-svc:80');
      assert.is(await get('site.example.com', '/a%2fb'), '400');
    } finally {
      client.close();
    }
  });
});

test('the routing table covers docs/routing.md with at least 30 rows', () => {
  assert.ok(ROUTING.length + CAFE.length >= 30);
  for (const kind of ['400', '308 ', CATCH_ALL]) assert.ok(ROUTING.some((r) => r.expect.startsWith(kind)), kind);
  assert.ok(CAFE.some((r) => r.expect === '404'));
});

test.run();
