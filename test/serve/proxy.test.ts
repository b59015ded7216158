import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { connect } from 'node:http2';
import { Readable } from 'node:stream';
import { ingress, modelOf } from '../helpers.js';
import { call, closedPort, sleep, startProxy, upstreamServer, withProxy } from './helpers.js';

const cafe = (annotations?: Record<string, string>) => ingress('cafe', 'cafe.example.com', [['/tea', 'Prefix', 'tea'], ['/coffee', 'Prefix', 'coffee']], { annotations });
const upstreamTo = (port: number, backend = 'default/tea') => new Map([[backend, { host: '127.0.0.1', port }]]);

test('the echo backend answers for backends without an --upstream', async () => {
  await withProxy(cafe(), {}, async (p) => {
    const r = await call(p, { host: 'cafe.example.com', path: '/tea/green?sugar=no', method: 'POST', headers: { 'x-custom': 'yes' }, body: 'hi' });
    assert.is(r.status, 200);
    assert.is(r.headers['x-ingressctl-route'], 'default/cafe cafe.example.com/tea (Prefix)');
    const j = JSON.parse(r.body);
    assert.equal(
      { service: j.service, namespace: j.namespace, port: j.port, method: j.method, host: j.host, path: j.path, query: j.query, custom: j.headers['x-custom'] },
      { service: 'tea', namespace: 'default', port: 80, method: 'POST', host: 'cafe.example.com', path: '/tea/green', query: 'sugar=no', custom: 'yes' },
    );
  });
});

test('--no-route-header leaves the header out; --no-echo answers 503 naming the missing --upstream', async () => {
  await withProxy(cafe(), { routeHeader: false, echo: false }, async (p) => {
    const r = await call(p, { host: 'cafe.example.com', path: '/tea' });
    assert.is(r.status, 503);
    assert.is(r.headers['x-ingressctl-route'], undefined);
    assert.match(r.body, '--upstream default/tea:80=HOST:PORT');
  });
});

test('no route: the 404 page', async () => {
  await withProxy(cafe(), {}, async (p) => {
    const r = await call(p, { host: 'cafe.example.com', path: '/milk' });
    assert.is(r.status, 404);
    assert.match(r.body, 'cafe.example.com/milk');
  });
});

test('--upstream: Host as sent, path unchanged, X-Forwarded-*, hop-by-hop headers dropped both ways, keep-alive pool', async () => {
  const seen: { url?: string; headers: IncomingHttpHeaders }[] = [];
  let connections = 0;
  const up = await upstreamServer((req, res) => {
    seen.push({ url: req.url, headers: req.headers });
    res.writeHead(201, { 'x-from': 'upstream', 'x-private-hop': '1', connection: 'keep-alive, x-private-hop', 'keep-alive': 'timeout=5' });
    res.end('brewed');
  });
  up.server.on('connection', () => connections++);
  try {
    const model = modelOf(cafe(), { upstreams: upstreamTo(up.port) });
    await withProxy(model, {}, async (p) => {
      const r = await call(p, { host: 'Cafe.Example.com:8080', path: '/tea//x/../y?q=1', headers: { 'x-forwarded-for': '6.6.6.6', connection: 'x-secret', 'x-secret': 's', 'proxy-connection': 'keep-alive' } });
      assert.is(r.status, 201);
      assert.is(r.body, 'brewed');
      assert.is(r.headers['x-from'], 'upstream');
      assert.is(r.headers['x-private-hop'], undefined);
      assert.is(r.headers['x-ingressctl-route'], 'default/cafe cafe.example.com/tea (Prefix)');
      const h = seen[0].headers;
      assert.is(seen[0].url, '/tea//x/../y?q=1');
      assert.is(h.host, 'Cafe.Example.com:8080');
      assert.is(h['x-forwarded-for'], '127.0.0.1');
      assert.is(h['x-real-ip'], '127.0.0.1');
      assert.is(h['x-forwarded-proto'], 'http');
      assert.is(h['x-forwarded-host'], 'Cafe.Example.com:8080');
      assert.is(h['x-forwarded-port'], String(p.httpPort));
      assert.is(h['x-secret'], undefined);
      assert.is(h['proxy-connection'], undefined);
      await call(p, { host: 'cafe.example.com', path: '/tea' });
      await call(p, { host: 'cafe.example.com', path: '/tea' });
      assert.is(connections, 1, 'requests reuse one upstream connection');
      const echo = await call(p, { host: 'cafe.example.com', path: '/coffee' });
      assert.is(JSON.parse(echo.body).service, 'coffee', 'backends without --upstream still get the echo backend');
    });
  } finally {
    await up.close();
  }
});

test('HTTP/2 clients are proxied to HTTP/1.1 upstreams', async () => {
  const up = await upstreamServer((req, res) => {
    res.writeHead(200, { connection: 'keep-alive', 'x-proto': req.headers['x-forwarded-proto'] as string });
    req.pipe(res);
  });
  try {
    await withProxy(modelOf(cafe(), { upstreams: upstreamTo(up.port) }), {}, async (p) => {
      const session = connect(`https://127.0.0.1:${p.httpsPort}`, { servername: 'cafe.example.com', rejectUnauthorized: false });
      try {
        const s = session.request({ ':method': 'POST', ':path': '/tea', ':authority': 'cafe.example.com' });
        s.end('over h2');
        const headers = await new Promise<Record<string, unknown>>((r, j) => (s.on('response', r), s.on('error', j)));
        let body = '';
        for await (const d of s) body += d;
        assert.is(headers[':status'], 200);
        assert.is(headers['x-proto'], 'https');
        assert.is(body, 'over h2');
      } finally {
        session.destroy();
      }
    });
  } finally {
    await up.close();
  }
});

test('rewrite-target on a regex route rewrites the upstream path, query kept', async () => {
  const y = ingress('api', 'api.example.com', [['/api(/|$)(.*)', 'ImplementationSpecific', 'tea']], { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' } });
  await withProxy(y, {}, async (p) => {
    const r = await call(p, { host: 'api.example.com', path: '/api/users/7?full=1' });
    assert.is(JSON.parse(r.body).path, '/users/7');
    assert.is(JSON.parse(r.body).query, 'full=1');
  });
});

test('a pooled connection the upstream dropped is retried once for a GET', async () => {
  const served = new WeakMap<object, number>();
  const up = await upstreamServer((req, res) => {
    const n = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, n);
    if (n > 1) return void req.socket.destroy(); // as if its keep-alive timer had just fired
    res.end('fresh');
  });
  try {
    await withProxy(modelOf(cafe(), { upstreams: upstreamTo(up.port) }), {}, async (p) => {
      assert.is((await call(p, { host: 'cafe.example.com', path: '/tea' })).body, 'fresh');
      const again = await call(p, { host: 'cafe.example.com', path: '/tea' });
      assert.equal([again.status, again.body], [200, 'fresh']);
      const post = await call(p, { host: 'cafe.example.com', path: '/tea', method: 'POST', body: 'x' });
      assert.is(post.status, 502, 'a request with a body is never sent twice');
    });
  } finally {
    await up.close();
  }
});

test('an upstream that refuses the connection: 502 naming the backend', async () => {
  const port = await closedPort();
  await withProxy(modelOf(cafe(), { upstreams: upstreamTo(port) }), {}, async (p) => {
    const r = await call(p, { host: 'cafe.example.com', path: '/tea' });
    assert.is(r.status, 502);
    assert.match(r.body, `default/tea:80 (127.0.0.1:${port}) refused the connection`);
  });
});

test('an upstream slower than proxy-read-timeout: 504 naming the backend', async () => {
  const up = await upstreamServer(() => {}); // never answers
  try {
    const model = modelOf(cafe({ 'nginx.ingress.kubernetes.io/proxy-read-timeout': '1' }), { upstreams: upstreamTo(up.port) });
    await withProxy(model, {}, async (p) => {
      const t0 = Date.now();
      const r = await call(p, { host: 'cafe.example.com', path: '/tea' });
      const ms = Date.now() - t0;
      assert.is(r.status, 504);
      assert.match(r.body, 'default/tea:80');
      assert.ok(ms >= 900 && ms < 3000, `answered after ${ms} ms`);
    });
  } finally {
    await up.close();
  }
});

test('a pooled connection counts the read timeout in its idle-timer ticks: 504 after the silence, never while bytes flow', async () => {
  // a 250 ms idle limit: a 1 s read timeout is four silent ticks of the connection's one timer
  const up = await upstreamServer((req, res) => {
    if (req.url === '/tea/silent') return; // never answers
    res.writeHead(200, { 'content-type': 'text/plain' });
    let n = 0;
    const drip = setInterval(() => {
      res.write(`${n}\n`);
      if (++n === 6) (clearInterval(drip), res.end());
    }, 400); // 2.4 s in all, never silent for 1 s
  });
  try {
    const model = modelOf(cafe({ 'nginx.ingress.kubernetes.io/proxy-read-timeout': '1' }), { upstreams: upstreamTo(up.port) });
    await withProxy(model, { upstreamIdleMs: 250 }, async (p) => {
      const dripped = await call(p, { host: 'cafe.example.com', path: '/tea/drip' });
      assert.is(dripped.status, 200);
      assert.is(dripped.body, '0\n1\n2\n3\n4\n5\n');
      const t0 = Date.now();
      const r = await call(p, { host: 'cafe.example.com', path: '/tea/silent' }); // on the pooled connection of the first
      const ms = Date.now() - t0;
      assert.is(r.status, 504);
      assert.ok(ms >= 900 && ms < 3000, `answered after ${ms} ms`);
    });
  } finally {
    await up.close();
  }
});

test('an idle pooled upstream connection is closed at the idle limit, sooner when the upstream says Keep-Alive: timeout=N', async () => {
  const closedAfter: number[] = [];
  const up = await upstreamServer((req, res) => {
    const hint = req.url === '/tea/hint';
    res.writeHead(200, hint ? { 'keep-alive': 'timeout=1' } : {});
    res.end('ok');
    const done = Date.now();
    req.socket.once('close', () => closedAfter.push(Date.now() - done));
  });
  up.server.keepAliveTimeout = 60_000; // the upstream keeps it: serve must be the one that closes
  try {
    await withProxy(modelOf(cafe(), { upstreams: upstreamTo(up.port) }), { upstreamIdleMs: 300 }, async (p) => {
      assert.is((await call(p, { host: 'cafe.example.com', path: '/tea' })).status, 200);
      await sleep(1200);
      assert.is(closedAfter.length, 1, 'the idle connection was closed');
      assert.ok(closedAfter[0] >= 250 && closedAfter[0] < 1100, `closed after ${closedAfter[0]} ms`);
      // timeout=1 leaves no time to reuse it (Node's agent: a second before the upstream's limit)
      assert.is((await call(p, { host: 'cafe.example.com', path: '/tea/hint' })).status, 200);
      await sleep(200);
      assert.is(closedAfter.length, 2, 'not kept at all');
      assert.ok(closedAfter[1] < 150, `closed after ${closedAfter[1]} ms`);
    });
  } finally {
    await up.close();
  }
});

test('a client that goes away aborts the upstream request', async () => {
  let upstreamClosed!: () => void;
  const closed = new Promise<void>((r) => (upstreamClosed = r));
  let arrived!: () => void;
  const started = new Promise<void>((r) => (arrived = r));
  const up = await upstreamServer((req) => {
    req.on('close', () => upstreamClosed());
    arrived();
  });
  try {
    await withProxy(modelOf(cafe(), { upstreams: upstreamTo(up.port) }), {}, async (p) => {
      const req = httpRequest({ host: '127.0.0.1', port: p.httpPort, path: '/tea', headers: { host: 'cafe.example.com' } });
      req.on('error', () => {});
      req.end();
      await Promise.race([started, sleep(3000).then(() => assert.unreachable('the request did not reach the upstream'))]);
      req.destroy();
      await Promise.race([closed, sleep(3000).then(() => assert.unreachable('the upstream request was not aborted'))]);
    });
  } finally {
    await up.close();
  }
});

/** Sends a body in chunks (no Content-Length) and resolves with the status. */
function sendChunked(port: number, path: string, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { host: 'cafe.example.com' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.setTimeout(5000, () => req.destroy(new Error('no answer')));
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 97);
    let left = bytes;
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!req.write(chunk.subarray(0, n))) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

test('the default 1m body limit: 413 on Content-Length and on a streamed body; 1m itself passes', async () => {
  await withProxy(cafe(), {}, async (p) => {
    const mb = 1024 * 1024;
    const over = await call(p, { host: 'cafe.example.com', path: '/tea', method: 'POST', body: Buffer.alloc(mb + 1) });
    assert.is(over.status, 413);
    assert.is((await call(p, { host: 'cafe.example.com', path: '/tea', method: 'POST', body: Buffer.alloc(mb) })).status, 200);
    assert.is(await sendChunked(p.httpPort, '/tea', mb + 64 * 1024), 413);
    assert.is(await sendChunked(p.httpPort, '/tea', mb), 200);
  });
});

test('a 100 MB body streams through the proxy both ways, with backpressure and flat memory (proxy-body-size "0")', async () => {
  // the upstream echoes the body back, but only once `release` is called
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const up = await upstreamServer((req, res) => {
    void released.then(() => {
      res.writeHead(200);
      req.pipe(res);
    });
  });
  try {
    const model = modelOf(cafe({ 'nginx.ingress.kubernetes.io/proxy-body-size': '0' }), { upstreams: upstreamTo(up.port) });
    await withProxy(model, {}, async (p) => {
      const total = 100 * 1024 * 1024;
      const chunk = Buffer.alloc(256 * 1024, 120);
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      let sent = 0;
      let received = 0;
      let response!: IncomingMessage;
      const body = new Readable({
        read() {
          if (sent >= total) return void this.push(null);
          sent += chunk.length;
          this.push(chunk);
        },
      });
      const req = httpRequest({ host: '127.0.0.1', port: p.httpPort, path: '/tea', method: 'POST', headers: { host: 'cafe.example.com' } });
      const answered = new Promise<IncomingMessage>((r) => req.once('response', r));
      const failed = new Promise<never>((_, j) => req.on('error', j));
      failed.catch(() => {}); // awaited below; an error after an assertion failed is not news
      req.setTimeout(20_000, () => req.destroy(new Error('too slow')));
      try {
        body.pipe(req);
        // nobody reads the body upstream: the client is held back after a few buffers
        await sleep(400);
        const held = sent;
        assert.ok(held < 16 * 1024 * 1024, `the proxy took ${held} bytes the upstream did not read`);
        release();
        response = await Promise.race([answered, failed]);
        response.pause();
        // now the client does not read the echoed body: everything is held back again
        await sleep(400);
        assert.ok(sent < 48 * 1024 * 1024, `the proxy took ${sent} bytes while the client read nothing`);
        await Promise.race([
          failed,
          new Promise<void>((resolve, reject) => {
            response.on('data', (d: Buffer) => (received += d.length));
            response.on('end', resolve);
            response.on('error', reject);
            response.resume();
          }),
        ]);
      } finally {
        clearInterval(sampler);
        req.destroy();
      }
      assert.is(received, total);
      const growth = (peak - before) / 1024 / 1024;
      assert.ok(growth < 96, `memory grew by ${growth.toFixed(0)} MB while 100 MB went each way`);
    });
  } finally {
    await up.close();
  }
});

test('stop() waits for a request in flight, and not at all once every request is done', async () => {
  let arrived!: () => void;
  const reached = new Promise<void>((r) => (arrived = r));
  const up = await upstreamServer((req, res) => {
    if (req.url === '/tea/slow') {
      arrived();
      setTimeout(() => res.end('slow'), 300);
    } else if (req.url !== '/tea/hang') res.end('quick');
  });
  const p = await startProxy(modelOf(cafe(), { upstreams: upstreamTo(up.port) }));
  try {
    // finished requests (answered, aborted by the client, refused) must not count as in flight
    for (let i = 0; i < 3; i++) assert.is((await call(p, { host: 'cafe.example.com', path: '/tea' })).body, 'quick');
    assert.is((await call(p, { host: 'cafe.example.com', path: '/milk' })).status, 404);
    await call(p, { host: 'cafe.example.com', path: '/tea/hang', timeoutMs: 100 }).catch(() => undefined);
    await sleep(100);
    const slow = call(p, { host: 'cafe.example.com', path: '/tea/slow' });
    await reached;
    const t0 = Date.now();
    await p.stop(5000);
    const waited = Date.now() - t0;
    const r = await slow;
    assert.equal([r.status, r.body], [200, 'slow'], 'the request in flight got its answer');
    assert.ok(waited >= 100 && waited < 2000, `stop() waited for the one request in flight only (${waited} ms)`);
  } finally {
    await p.stop(0);
    await up.close();
  }
});

test.run();
