// serve for a GRPCRoute with a real h2c upstream: the call reaches it over HTTP/2 (prior
// knowledge) with its path and gRPC headers, and the answer's trailers come back; a reload
// (swap) changes where the next call goes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { connect, createServer, type Http2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { GatewayProxy } from '../../src/gateway/serve.js';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import { gatewayFixture } from '../cases/gateway-cases.js';

function call(port: number, path: string): Promise<{ status: number; body: string; trailers: Record<string, unknown> }> {
  const session = connect(`http://127.0.0.1:${port}`);
  return new Promise((done, fail) => {
    const s = session.request({ ':method': 'POST', ':path': path, ':authority': 'grpc.example.com', 'content-type': 'application/grpc', te: 'trailers' });
    let status = 0;
    let body = '';
    let trailers: Record<string, unknown> = {};
    s.on('response', (h) => (status = Number(h[':status'])));
    s.on('trailers', (t) => (trailers = t));
    s.setEncoding('utf8');
    s.on('data', (d: string) => (body += d));
    s.on('end', () => {
      session.close();
      done({ status, body, trailers });
    });
    s.on('error', fail);
    s.end('call');
  });
}

test('a gRPC call reaches an h2c upstream with its path; trailers come back; a swap reroutes', async () => {
  const seen: string[] = [];
  const upstream: Http2Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
    res.writeHead(200, { 'content-type': 'application/grpc' });
    res.addTrailers({ 'grpc-status': '0' });
    res.end('pong');
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const port = (upstream.address() as AddressInfo).port;
  const upstreams = new Map([['default/grpc-checkout:50051', { host: '127.0.0.1', port }]]);
  const model = resolve(loadInputs([gatewayFixture]).documents, { gatewayClass: 'ingressctl', upstreams });
  const gw = model.gateways![0];
  const proxy = await GatewayProxy.start(gw, { httpPort: 0, httpsPort: 0, mapPorts: new Map([[8080, 0]]), routeHeader: false });
  try {
    const a = await call(proxy.ports.get(80)!, '/shop.Cart/Checkout');
    assert.is(a.status, 200);
    assert.is(a.body, 'pong');
    assert.is(a.trailers['grpc-status'], '0');
    assert.equal(seen, ['POST /shop.Cart/Checkout application/grpc']);
    // reload: the Checkout rule removed from the input's model by hand, the next call goes to the echo backend of the cart rule
    const next = resolve(loadInputs([gatewayFixture]).documents, { gatewayClass: 'ingressctl', upstreams });
    for (const l of next.gateways![0].listeners) for (const v of l.hosts) v.routes = v.routes.filter((r) => !r.id.includes('Checkout'));
    assert.ok(proxy.swap(next));
    const b = await call(proxy.ports.get(80)!, '/shop.Cart/Checkout');
    assert.is(b.status, 200);
    assert.is(JSON.parse(b.body).service, 'grpc-cart');
    assert.is(seen.length, 1);
  } finally {
    await proxy.stop();
    upstream.close();
  }
});

test.run();
