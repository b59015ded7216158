// The Gateway API routing table through `serve` (GatewayProxy with the echo backend): the
// same rows the model answers, sent as real HTTP and HTTPS requests (SNI included).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:http2';
import { GatewayProxy } from '../../src/gateway/serve.js';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import { gatewayCases, gatewayFixture, gatewayName, type GatewayCase } from '../cases/gateway-cases.js';

const model = resolve(loadInputs([gatewayFixture]).documents, { gatewayClass: 'ingressctl' });
const gateway = model.gateways!.find((g) => `${g.namespace}/${g.name}` === gatewayName)!;
let proxy: GatewayProxy;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function send(c: GatewayCase, local: number): Promise<Answer> {
  const https = c.scheme === 'https';
  const name = c.host.replace(/:\d+$/, '').toLowerCase();
  return new Promise((resolve, reject) => {
    const r = (https ? httpsRequest : httpRequest)(
      { host: '127.0.0.1', port: local, method: c.method ?? 'GET', path: c.path, headers: { ...c.headers, host: c.host, connection: 'close' }, timeout: 5000, ...(https ? { servername: c.sni ?? name, rejectUnauthorized: false } : {}) },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body }));
      },
    );
    r.on('timeout', () => r.destroy(new Error('timeout')));
    r.on('error', reject);
    r.end();
  });
}

test.before(async () => {
  proxy = await GatewayProxy.start(gateway, { httpPort: 0, httpsPort: 0, mapPorts: new Map([[8080, 0]]), routeHeader: false });
});
test.after(async () => {
  await proxy.stop();
});

let ran = 0;
for (const c of gatewayCases) {
  if (c.expect.startsWith('split')) continue; // a random draw: the share is tested in the model table
  test(`serve gateway: ${c.rule}`, async () => {
    const local = proxy.ports.get(c.port);
    if (local === undefined) {
      assert.is(c.expect, '404', 'no listener on that port: nothing to connect to');
      return;
    }
    ran++;
    const a = await send(c, local);
    const [status, location] = c.expect.split(' ');
    if (/^\d{3}$/.test(status) && location) {
      assert.is(a.status, Number(status), a.body);
      assert.is(a.headers.location, location);
      for (const [k, v] of Object.entries(c.responseHeaders ?? {})) assert.is(a.headers[k], v ?? undefined, k);
    } else if (/^\d{3}$/.test(c.expect)) {
      assert.is(a.status, Number(c.expect), a.body);
      for (const [k, v] of Object.entries(c.responseHeaders ?? {})) assert.is(a.headers[k], v ?? undefined, k);
    } else {
      assert.is(a.status, 200, a.body);
      const echo = JSON.parse(a.body);
      assert.is(`${echo.namespace}/${echo.service}:${echo.port}`, c.expect);
      if (c.upstream?.path !== undefined) assert.is(echo.path + (echo.query ? `?${echo.query}` : ''), c.upstream.path);
      if (c.upstream?.host !== undefined) assert.is(echo.host, c.upstream.host);
      for (const [k, v] of Object.entries(c.upstream?.headers ?? {})) assert.is(echo.headers[k], v ?? undefined, k);
      for (const [k, v] of Object.entries(c.responseHeaders ?? {})) assert.is(a.headers[k], v ?? undefined, k);
    }
  });
}

test('an HTTP listener takes gRPC over h2c (prior knowledge) and routes it by service/method', async () => {
  const session = connect(`http://127.0.0.1:${proxy.ports.get(80)}`);
  try {
    const body = await new Promise<string>((resolve, reject) => {
      const s = session.request({ ':method': 'POST', ':path': '/shop.Cart/Checkout', ':authority': 'grpc.example.com', 'content-type': 'application/grpc' });
      let out = '';
      s.setEncoding('utf8');
      s.on('data', (d: string) => (out += d));
      s.on('end', () => resolve(out));
      s.on('error', reject);
      s.end();
    });
    const echo = JSON.parse(body);
    assert.is(`${echo.namespace}/${echo.service}:${echo.port}`, 'default/grpc-checkout:50051');
    assert.is(echo.path, '/shop.Cart/Checkout');
  } finally {
    session.close();
  }
});

test('every listener port was bound and most rows were sent', () => {
  assert.equal([...proxy.ports.keys()].sort((a, b) => a - b), [80, 443, 8080]);
  assert.ok(ran >= gatewayCases.length - 3, `ran ${ran}`);
});

test.run();
