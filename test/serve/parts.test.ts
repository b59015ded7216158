import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { accessLine } from '../../src/serve/access-log.js';
import { bodiless } from '../../src/serve/body-limit.js';
import { mergeHeaders, type Exchange } from '../../src/serve/exchange.js';
import { endToEnd, headerList, headerObject, upstreamRequestHeaders } from '../../src/serve/headers.js';
import { headerSafe } from '../../src/model/validate-values.js';
import { brokenFindings, reloadOnce } from '../../src/serve/reload.js';
import { ingress, modelOf } from '../helpers.js';
import { call, defaultCertificate, withProxy } from './helpers.js';

test('hop-by-hop headers, and those the Connection header names, stay on their hop', () => {
  const out = endToEnd(['Connection', 'keep-alive, X-Trace', 'X-Trace', '1', 'Keep-Alive', 'timeout=5', 'TE', 'trailers', 'Upgrade', 'h2c', 'Transfer-Encoding', 'chunked', 'X-Kept', 'yes', ':path', '/', 'x-kept', 'again']);
  assert.equal(out, ['X-Kept', 'yes', 'x-kept', 'again'], 'names compared in any case; repeated fields kept in order');
});

test('the upstream is told who the client was; a client-sent X-Forwarded-For is not trusted', () => {
  const list = upstreamRequestHeaders(['Host', 'a.example.com', 'X-Forwarded-For', '10.9.9.9', 'x-real-ip', '10.9.9.9', 'X-Forwarded-Port', '1'], { ip: '127.0.0.1', scheme: 'https', host: 'a.example.com', port: 8443 });
  const h = headerObject(list);
  assert.equal(
    [h.host, h['x-forwarded-for'], h['x-real-ip'], h['x-forwarded-proto'], h['x-forwarded-host'], h['x-forwarded-port']],
    ['a.example.com', '127.0.0.1', '127.0.0.1', 'https', 'a.example.com', '8443'],
    "one value each: the client's own are dropped, not joined",
  );
});

test('header objects and lists convert both ways; multi-valued fields repeat', () => {
  const list = headerList({ 'set-cookie': ['a=1', 'b=2'], 'content-length': 3, gone: undefined });
  assert.equal(list, ['set-cookie', 'a=1', 'set-cookie', 'b=2', 'content-length', '3']);
  assert.equal(headerObject(list), { 'set-cookie': ['a=1', 'b=2'], 'content-length': '3' });
});

test("the exchange's headers replace the upstream's (the route header), a Set-Cookie joins the upstream's", () => {
  const upstream = ['Content-Type', 'text/plain', 'X-Ingressctl-Route', 'forged', 'Set-Cookie', 'app=1', 'Access-Control-Allow-Origin', '*', 'Connection', 'keep-alive'];
  const ex = (routeHeader: boolean) => ({ routeHeader, route: 'default/x h/ (Prefix)', extraHeaders: { 'set-cookie': ['route=abc'], 'access-control-allow-origin': 'https://app.example' } }) as unknown as Exchange;
  assert.equal(mergeHeaders(upstream, ex(true)), ['Content-Type', 'text/plain', 'Set-Cookie', 'app=1', 'set-cookie', 'route=abc', 'access-control-allow-origin', 'https://app.example', 'x-ingressctl-route', 'default/x h/ (Prefix)']);
  assert.equal(mergeHeaders(upstream, ex(false)), ['Content-Type', 'text/plain', 'X-Ingressctl-Route', 'forged', 'Set-Cookie', 'app=1', 'set-cookie', 'route=abc', 'access-control-allow-origin', 'https://app.example']);
});

test('a request has no body without Transfer-Encoding or a non-zero Content-Length (HTTP/1.x only)', () => {
  const h1 = (headers: Record<string, string>) => bodiless({ httpVersionMajor: 1, headers });
  assert.equal([h1({}), h1({ 'content-length': '0' }), h1({ 'content-length': '5' }), h1({ 'transfer-encoding': 'chunked' }), h1({ 'content-length': '0', 'transfer-encoding': 'chunked' })], [true, true, false, false, false]);
  assert.is(bodiless({ httpVersionMajor: 2, headers: {} }), false, 'an HTTP/2 request may have DATA frames without a Content-Length');
});

test('header values never carry control characters or non-ASCII', () => {
  assert.is(headerSafe('a\r\nb é'), 'a%0D%0Ab %C3%A9');
});

test('an access-log line is one line whatever the client sends', () => {
  const ex = { req: { method: 'GET', url: '/a b\n"x"' }, client: { host: 'h\r\nfake 200' }, started: process.hrtime.bigint(), upstream: 'echo', route: 'default/x h/ (Prefix)' } as unknown as Exchange;
  const line = accessLine(ex, 200);
  assert.is(line.split('\n').length, 2);
  assert.match(line, /^GET h\\x0d\\x0afake\\x20200 \/a\\x20b\\x0a\\x22x\\x22 200 "default\/x h\/ \(Prefix\)" echo \d+\.\dms\n$/);
});

test('reload: unreadable input and schema errors keep the last config; other findings do not', () => {
  const model = modelOf(ingress('a', 'a.example.com', [['/', 'Prefix', 'a']]));
  const schema = { ruleId: 'schema', severity: 'error' as const, message: 'bad' };
  const other = { ruleId: 'service-not-found', severity: 'error' as const, message: 'missing' };
  assert.is(brokenFindings({ model, findings: [other], unusable: false }).length, 0);
  assert.is(brokenFindings({ model, findings: [schema, other], unusable: false }).length, 1);
  assert.is(brokenFindings({ model, findings: [other], unusable: true }).length, 1);
  const seen: string[] = [];
  const handlers = (built: () => never | { model: typeof model; findings: (typeof other)[]; unusable: boolean }) => ({
    build: built,
    apply: () => seen.push('applied'),
    reject: (_f: unknown[], e?: Error) => seen.push(e ? `error ${e.message}` : 'rejected'),
  });
  assert.ok(reloadOnce(handlers(() => ({ model, findings: [other], unusable: false }))));
  assert.not.ok(reloadOnce(handlers(() => ({ model, findings: [schema], unusable: false }))));
  assert.not.ok(reloadOnce(handlers(() => { throw new Error('gone'); })));
  assert.equal(seen, ['applied', 'rejected', 'error gone']);
});

test('backend-protocol HTTPS: the upstream is reached over TLS', async () => {
  const pair = await defaultCertificate();
  const up = createServer({ cert: pair.cert, key: pair.key }, (req, res) => res.end(`tls ${(req.socket as { encrypted?: boolean }).encrypted}`));
  await new Promise<void>((r) => up.listen(0, '127.0.0.1', r));
  try {
    const y = ingress('s', 's.example.com', [['/', 'Prefix', 'secure']], { annotations: { 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' } });
    const model = modelOf(y, { upstreams: new Map([['default/secure', { host: '127.0.0.1', port: (up.address() as AddressInfo).port }]]) });
    await withProxy(model, {}, async (p) => {
      assert.is((await call(p, { host: 's.example.com', path: '/' })).body, 'tls true');
    });
  } finally {
    up.closeAllConnections();
    up.close();
  }
});

test.run();
