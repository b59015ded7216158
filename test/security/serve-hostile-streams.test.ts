// The two answers serve does not write through Node's header writers alone: a WebSocket
// upgrade's 101 (written by hand on the socket) and a gRPC call forwarded over HTTP/2 to an
// h2c upstream. With values that bypassed the model (an affinity cookie name, upstream-vhost,
// x-forwarded-prefix), the 101 head must stay well-formed with no injected line, the upstream
// must receive neither value, and serve must not crash.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { connect as netConnect } from 'node:net';
import { connect as h2connect, createServer as createH2cServer, type IncomingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { ingress, modelOf } from '../helpers.js';
import { startProxy, upstreamServer } from '../serve/helpers.js';

const t = suite('serve: bypassed header values on upgrades and gRPC');

const uncaught: Error[] = [];
const onUncaught = (err: Error) => void uncaught.push(err);
t.before(() => void process.on('uncaughtException', onUncaught));
t.after(() => void process.off('uncaughtException', onUncaught));

const A = 'nginx.ingress.kubernetes.io/';
const INJECT = (n: number) => `\r\nX-Injected: ${n}`;

/** Sends a WebSocket handshake by hand; resolves with the answer's head lines (status line first). */
function handshake(port: number, host: string, path: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const s = netConnect(port, '127.0.0.1');
    let seen = '';
    const timer = setTimeout(() => s.destroy(new Error('no handshake answer within 5 s')), 5000);
    s.on('data', (c: Buffer) => {
      seen += c.toString('latin1');
      const end = seen.indexOf('\r\n\r\n');
      if (end === -1) return;
      clearTimeout(timer);
      s.destroy();
      resolve(seen.slice(0, end).split('\r\n'));
    });
    s.on('error', (err) => (clearTimeout(timer), reject(err)));
    s.write([`GET ${path} HTTP/1.1`, `Host: ${host}`, 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13', '', ''].join('\r\n'));
  });
}

t('a WebSocket 101 through routes with a bypassed affinity cookie name and upstream-vhost: well-formed, nothing injected, the upstream gets the client\'s Host', async () => {
  let upstreamHost: string | undefined;
  const up = await upstreamServer((_req, res) => res.end('not a websocket'));
  const wss = new WebSocketServer({ server: up.server });
  wss.on('connection', (ws, req) => {
    upstreamHost = req.headers.host;
    ws.close();
  });
  const model = modelOf(
    ingress('ws', 'ws.example.com', [['/ws', 'Prefix', 'chat']], { annotations: { [A + 'ssl-redirect']: 'false', [A + 'affinity']: 'cookie', [A + 'upstream-vhost']: 'in.example' } }),
    { upstreams: new Map([['default/chat', { host: '127.0.0.1', port: up.port }]]) },
  );
  const route = model.hosts[0].routes[0];
  route.policy = { ...route.policy, affinity: { ...route.policy.affinity!, cookieName: `c${INJECT(1)}` }, upstreamHost: `in.example${INJECT(2)}` };
  const log: string[] = [];
  const proxy = await startProxy(model, { log: (l) => void log.push(l) });
  try {
    const lines = await handshake(proxy.httpPort, 'ws.example.com', '/ws');
    assert.match(lines[0], /^HTTP\/1\.1 101 /, lines.join('\n'));
    for (const line of lines.slice(1)) {
      assert.ok(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+: [\x20-\x7e]*$/.test(line), `a header line: ${JSON.stringify(line)}`);
      assert.not.match(line, /injected/i);
    }
    assert.ok(!lines.some((l) => /^set-cookie:/i.test(l)), 'no affinity cookie with a refused name');
    assert.is(upstreamHost, 'ws.example.com', "the client's Host, not the refused upstream-vhost");
  } finally {
    await proxy.stop(500);
    wss.close();
    await up.close();
  }
  assert.equal(uncaught.map((e) => e.message), [], 'no uncaught error');
  assert.ok(log.some((l) => l.includes('"set-cookie"')) && log.some((l) => l.includes('"upstream-vhost"')), log.join(''));
});

t('a gRPC call (h2 to serve, h2c upstream) through a route with bypassed upstream-vhost and x-forwarded-prefix: neither reaches the upstream', async () => {
  let got: IncomingHttpHeaders | undefined;
  const up = createH2cServer();
  up.on('stream', (stream, headers) => {
    got = headers;
    stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
    stream.end();
  });
  await new Promise<void>((r) => up.listen(0, '127.0.0.1', r));
  const port = (up.address() as AddressInfo).port;
  const model = modelOf(ingress('grpc', 'grpc.example.com', [['/', 'Prefix', 'echo']], { annotations: { [A + 'backend-protocol']: 'GRPC', [A + 'upstream-vhost']: 'in.example', [A + 'x-forwarded-prefix']: '/p' } }), {
    upstreams: new Map([['default/echo', { host: '127.0.0.1', port }]]),
  });
  const route = model.hosts[0].routes[0];
  route.policy = { ...route.policy, upstreamHost: `in.example${INJECT(1)}`, forwardedPrefix: `/p${INJECT(2)}` };
  const proxy = await startProxy(model);
  let status = 0;
  try {
    const session = h2connect(`https://127.0.0.1:${proxy.httpsPort}`, { rejectUnauthorized: false, servername: 'grpc.example.com' });
    session.on('error', () => {});
    status = await new Promise<number>((resolve, reject) => {
      const s = session.request({ ':method': 'POST', ':path': '/svc/Call', ':authority': 'grpc.example.com', 'content-type': 'application/grpc', te: 'trailers' });
      const timer = setTimeout(() => reject(new Error('no answer within 5 s')), 5000);
      let st = 0;
      s.on('response', (h) => (st = Number(h[':status'])));
      s.on('error', (err) => (clearTimeout(timer), reject(err)));
      s.on('data', () => {});
      s.on('end', () => (clearTimeout(timer), resolve(st)));
      s.end(Buffer.alloc(5));
    });
    session.close();
  } finally {
    await proxy.stop(500);
    up.close();
  }
  assert.equal(uncaught.map((e) => e.message), [], 'no uncaught error');
  assert.is(status, 200);
  assert.is(got?.[':authority'], 'grpc.example.com', "the client's authority, not the refused upstream-vhost");
  assert.is(got?.['x-forwarded-prefix'], undefined);
  assert.ok(!Object.keys(got ?? {}).some((n) => /injected/i.test(n)));
});

t.run();
