// serve --ui without a browser: where the page may listen, and the API behind it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { isLoopback, uiListen } from '../../src/serve/ui/index.js';
import { cli } from '../helpers.js';
import { checkSelfContained } from '../graph/validate.js';
import { call, serveCli, sleep } from './helpers.js';

test('the page listens on loopback by default, on a named address only when asked, never on a proxy port', () => {
  const proxy = { address: '0.0.0.0', ports: [8080, 8443] };
  assert.equal(uiListen(undefined, 8090, proxy), { address: '127.0.0.1', port: 8090 });
  assert.equal(uiListen('0.0.0.0', 8090, proxy), { address: '0.0.0.0', port: 8090 });
  assert.match((uiListen(undefined, 8443, proxy) as { refused: string }).refused, /proxy's own ports/);
  assert.match((uiListen('example.com', 8090, proxy) as { refused: string }).refused, /must be an IP address/);
  assert.ok(isLoopback('127.0.0.1') && isLoopback('::1') && isLoopback('localhost') && isLoopback('127.9.9.9'));
  assert.not.ok(isLoopback('0.0.0.0') || isLoopback('10.0.0.1') || isLoopback('::'));
});

test('--ui-port equal to a proxy port is refused (exit 2), and the proxy stops', async () => {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  const r = await cli(['serve', '--local', 'fixtures/cafe', '--no-watch', '--http-port', String(port), '--https-port', '0', '--ui', '--ui-port', String(port)]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /--ui-port \d+ is one of the proxy's own ports/);
});

interface Got {
  status: number;
  type: string;
  body: string;
}

function get(port: number, path: string, host = `127.0.0.1:${port}`, method = 'GET'): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers: { host }, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error(`GET ${path}: no answer in 5 s`)));
    req.end();
  });
}

/** The first events of a Server-Sent Events stream, until `until` says enough (5 s at most). */
function events(port: number, until: (text: string) => boolean): { text: Promise<string>; opened: Promise<void> } {
  let opened!: () => void;
  const open = new Promise<void>((r) => (opened = r));
  const text = new Promise<string>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/api/events', agent: false }, (res) => {
      let body = '';
      opened();
      res.on('data', (d) => {
        body += d;
        if (until(body)) {
          req.destroy();
          resolve(body);
        }
      });
    });
    req.on('error', (e) => (e.message === 'socket hang up' ? undefined : reject(e)));
    setTimeout(() => {
      req.destroy();
      reject(new Error('no such event within 5 s'));
    }, 5000).unref();
    req.end();
  });
  return { text, opened: open };
}

test('the API: routes as `routes -o json`, the graph, explain, events; other hosts and methods refused', async () => {
  const live = serveCli(['fixtures/cafe', '--no-watch', '--ui', '--ui-port', '0']);
  try {
    const { line, httpsPort } = await live.ready;
    const port = Number(/page at http:\/\/127\.0\.0\.1:(\d+)\//.exec(line)?.[1]);
    assert.ok(port > 0, line);
    const page = await get(port, '/');
    assert.is(page.status, 200);
    assert.match(page.type, /text\/html/);
    checkSelfContained(page.body);
    const routes = await get(port, '/api/routes');
    assert.equal(JSON.parse(routes.body), JSON.parse((await cli(['routes', 'fixtures/cafe', '-o', 'json'])).stdout));
    const svg = await get(port, '/api/graph.svg');
    assert.match(svg.type, /image\/svg\+xml/);
    assert.ok(svg.body.includes('>cafe.example.com</tspan>') && svg.body.includes('>default/tea-svc:80</tspan>'));
    const explained = JSON.parse((await get(port, '/api/explain?url=' + encodeURIComponent('https://cafe.example.com/tea/green'))).body);
    assert.is(explained.status, 200);
    assert.equal(explained.backend, { namespace: 'default', service: 'tea-svc', port: 80 });
    assert.is(explained.request, 'https://cafe.example.com/tea/green');
    assert.is((await get(port, '/api/explain')).status, 400);
    assert.is((await get(port, '/', 'attacker.example:80')).status, 421);
    assert.is((await get(port, '/', `localhost:${port}`)).status, 200);
    assert.is((await get(port, '/', undefined, 'POST')).status, 405);

    const stream = events(port, (t) => /event: request\ndata: .*"path":"\/coffee"/.test(t));
    await stream.opened;
    await sleep(50);
    const reply = await call({ httpPort: 0, httpsPort } as never, { scheme: 'https', host: 'cafe.example.com', path: '/coffee' });
    assert.is(reply.status, 200);
    const text = await stream.text;
    assert.match(text, /^event: reload\ndata: \{"seq":1,[^\n]*"what":"start","routes":2/);
    const entry = JSON.parse(/event: request\ndata: (.*)/.exec(text)![1]);
    assert.is(entry.status, 200);
    assert.is(entry.route, 'default/cafe-ingress cafe.example.com/coffee (Prefix)');
    assert.is(entry.host, 'cafe.example.com');
  } finally {
    assert.is(await live.stop(), 0);
  }
});

test.run();
