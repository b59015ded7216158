import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WebSocket, WebSocketServer } from 'ws';
import { ingress, modelOf } from '../helpers.js';
import { upstreamServer, withProxy } from './helpers.js';

/** Opens a WebSocket through the proxy, sends `text`, resolves with the reply and the handshake headers. */
function roundTrip(url: string, host: string, text: string): Promise<{ reply: string; route?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, [], { headers: { host }, rejectUnauthorized: false, handshakeTimeout: 3000, ...{ servername: 'cafe.example.com' } });
    let route: string | undefined;
    const timer = setTimeout(() => (ws.terminate(), reject(new Error('no reply within 3 s'))), 3000);
    ws.on('upgrade', (res) => (route = res.headers['x-ingressctl-route'] as string | undefined));
    ws.on('open', () => ws.send(text));
    ws.on('message', (data) => {
      clearTimeout(timer);
      ws.close();
      resolve({ reply: data.toString(), route });
    });
    ws.on('error', (err) => (clearTimeout(timer), reject(err)));
  });
}

test('WebSocket upgrades are proxied, over HTTP and HTTPS', async () => {
  const up = await upstreamServer((_req, res) => res.end('not a websocket'));
  const wss = new WebSocketServer({ server: up.server });
  wss.on('connection', (ws, req) => ws.on('message', (m) => ws.send(`${req.headers.host} ${req.url} says ${m}`)));
  try {
    const y = ingress('chat', 'cafe.example.com', [['/ws', 'Prefix', 'chat']], { annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' } });
    const model = modelOf(y, { upstreams: new Map([['default/chat', { host: '127.0.0.1', port: up.port }]]) });
    await withProxy(model, {}, async (p) => {
      const plain = await roundTrip(`ws://127.0.0.1:${p.httpPort}/ws/room?x=1`, 'cafe.example.com', 'hello');
      assert.is(plain.reply, 'cafe.example.com /ws/room?x=1 says hello');
      assert.is(plain.route, 'default/chat cafe.example.com/ws (Prefix)');
      const secure = await roundTrip(`wss://127.0.0.1:${p.httpsPort}/ws`, 'cafe.example.com', 'again');
      assert.is(secure.reply, 'cafe.example.com /ws says again');
      const refused = await roundTrip(`ws://127.0.0.1:${p.httpPort}/elsewhere`, 'cafe.example.com', 'x').then(() => 'opened', (err: Error) => err.message);
      assert.match(refused, '404', 'no route: the upgrade is answered with the 404 page');
    });
  } finally {
    wss.close();
    await up.close();
  }
});

test.run();
