// serve under faults, on loopback with raw sockets: slow and oversized requests, request
// smuggling, encoded slashes, upstreams that reset or never answer, a thousand clients at
// once, half-open sockets. Every wait is bounded; the proxy must answer each as documented
// and keep serving afterwards.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { ingress, modelOf } from '../helpers.js';
import { call, sleep, upstreamServer, withProxy } from './helpers.js';
import type { LocalProxy } from '../../src/serve/server.js';

const HOST = 'fault.example.com';
const model = (annotations: Record<string, string> = {}, upstreamPort?: number) =>
  modelOf(ingress('fault', HOST, [['/', 'Prefix', 'app']], { annotations }), upstreamPort ? { upstreams: new Map([['default/app', { host: '127.0.0.1', port: upstreamPort }]]) } : {});

/** Sends raw bytes (optionally in timed pieces), returns everything the proxy sent until it closed or `ms` passed. */
function raw(port: number, pieces: (string | Buffer | number)[], opts: { ms?: number; end?: boolean; tls?: string[] } = {}): Promise<{ text: string; closed: boolean; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    // with `tls`: over TLS with these ALPN protocols (pieces start once the handshake is done)
    const s: Socket = opts.tls ? tlsConnect({ port, host: '127.0.0.1', servername: HOST, rejectUnauthorized: false, ALPNProtocols: opts.tls }) : connect(port, '127.0.0.1');
    let text = '';
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.destroy();
      resolve({ text, closed, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), opts.ms ?? 5000);
    s.on('data', (d) => {
      text += d.toString('latin1');
      // a whole response with a length (the proxy's own answers): no need to wait for the close
      const head = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: (\d+)/i.exec(text.slice(0, head))?.[1];
      if (head !== -1 && length !== undefined && text.length >= head + 4 + Number(length) && statusOf(text) !== 200) finish(false);
    });
    s.on('close', () => finish(true));
    s.on('error', () => finish(true));
    s.on(opts.tls ? 'secureConnect' : 'connect', async () => {
      for (const p of pieces) {
        if (done) return;
        if (typeof p === 'number') await sleep(p);
        else s.write(p);
      }
      if (opts.end) s.end();
    });
  });
}

const statusOf = (text: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);

/** The proxy still answers a plain request (whatever its upstream does). */
async function stillServes(p: LocalProxy): Promise<void> {
  const r = await call(p, { host: 'other.example.com', path: '/after', timeoutMs: 3000 });
  assert.is(r.status, 404, 'the proxy still answers');
}

test('a client that trickles its headers is closed after the header timeout (408)', async () => {
  await withProxy(model(), { headersTimeoutMs: 400 }, async (p) => {
    const pieces: (string | number)[] = [`GET / HTTP/1.1\r\n`];
    for (let i = 0; i < 40; i++) pieces.push(100, `X-Slow-${i}: a\r\n`);
    const r = await raw(p.httpPort, pieces, { ms: 4000 });
    assert.ok(r.closed, 'closed');
    assert.ok(r.ms < 2500, `closed after ${r.ms} ms`);
    assert.is(statusOf(r.text), 408, r.text);
    const idle = await raw(p.httpPort, [], { ms: 4000 });
    assert.ok(idle.closed && idle.ms < 2500, `a silent connection is closed too (${idle.ms} ms)`);
    await stillServes(p);
  });
});

test('the HTTPS listener has the header timeout too: HTTP/1.1 over TLS (408), a silent TLS connection, an idle HTTP/2 session', async () => {
  await withProxy(model(), { headersTimeoutMs: 400 }, async (p) => {
    const pieces: (string | number)[] = [`GET / HTTP/1.1\r\nHost: ${HOST}\r\n`];
    for (let i = 0; i < 40; i++) pieces.push(100, `X-Slow-${i}: a\r\n`);
    const trickled = await raw(p.httpsPort, pieces, { ms: 4000, tls: ['http/1.1'] });
    assert.ok(trickled.closed && trickled.ms < 2500, `HTTP/1.1 over TLS closed after ${trickled.ms} ms`);
    assert.is(statusOf(trickled.text), 408, trickled.text);
    const silent = await raw(p.httpsPort, [], { ms: 4000, tls: ['http/1.1'] });
    assert.ok(silent.closed && silent.ms < 2500, `a silent TLS connection is closed too (${silent.ms} ms)`);
    // HTTP/2: the client preface and an empty SETTINGS frame, then no HEADERS
    const preface = Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0])]);
    const h2 = await raw(p.httpsPort, [preface], { ms: 4000, tls: ['h2'] });
    assert.ok(h2.closed && h2.ms < 2500, `an HTTP/2 session without a request is closed (${h2.ms} ms)`);
    // a kept-alive HTTP/1.1 connection over TLS: served, then closed once idle past the timeout
    const kept = await raw(p.httpsPort, [`GET /x HTTP/1.1\r\nHost: ${HOST}\r\n\r\n`], { ms: 4000, tls: ['http/1.1'] });
    assert.is(statusOf(kept.text), 200, kept.text.slice(0, 200));
    assert.ok(kept.closed && kept.ms < 2500, `idle after its answer, closed after ${kept.ms} ms`);
    await stillServes(p);
  });
});

test('headers over the size limit: 431, nothing forwarded', async () => {
  let seen = 0;
  const up = await upstreamServer((_req, res) => (seen++, res.end('ok')));
  try {
    await withProxy(model({}, up.port), {}, async (p) => {
      const r = await raw(p.httpPort, [`GET / HTTP/1.1\r\nHost: ${HOST}\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`]);
      assert.is(statusOf(r.text), 431, r.text.slice(0, 200));
      const many = await raw(p.httpPort, [`GET / HTTP/1.1\r\nHost: ${HOST}\r\n${Array.from({ length: 3000 }, (_, i) => `X-${i}: y\r\n`).join('')}\r\n`]);
      assert.is(statusOf(many.text), 431, many.text.slice(0, 200));
      assert.is(seen, 0);
      await stillServes(p);
    });
  } finally {
    await up.close();
  }
});

test('a body over proxy-body-size: 413 from Content-Length, and from a chunked body while it streams', async () => {
  let received = 0;
  const up = await upstreamServer((req, res) => {
    req.on('error', () => {}); // the proxy cuts the upstream request when it answers 413
    req.on('data', (d: Buffer) => (received += d.length));
    req.on('end', () => res.end('ok'));
  });
  try {
    await withProxy(model({ 'nginx.ingress.kubernetes.io/proxy-body-size': '1k' }, up.port), {}, async (p) => {
      const declared = await raw(p.httpPort, [`POST / HTTP/1.1\r\nHost: ${HOST}\r\nContent-Length: 5000\r\n\r\n`, 'x'.repeat(5000)]);
      assert.is(statusOf(declared.text), 413);
      const chunk = (s: string) => `${s.length.toString(16)}\r\n${s}\r\n`;
      const chunked = await raw(p.httpPort, [`POST / HTTP/1.1\r\nHost: ${HOST}\r\nTransfer-Encoding: chunked\r\n\r\n`, chunk('x'.repeat(800)), 50, chunk('x'.repeat(800)), 50, '0\r\n\r\n']);
      assert.is(statusOf(chunked.text), 413, chunked.text.slice(0, 200));
      assert.ok(received <= 1024, `${received} bytes reached the upstream`);
      await stillServes(p);
    });
  } finally {
    await up.close();
  }
});

test('request smuggling: conflicting Content-Length and Transfer-Encoding are refused with 400, never forwarded', async () => {
  const seen: string[] = [];
  const up = await upstreamServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  try {
    await withProxy(model({}, up.port), {}, async (p) => {
      const smuggled = 'GET /admin HTTP/1.1\r\nHost: fault.example.com\r\n\r\n';
      const attempts = [
        `POST / HTTP/1.1\r\nHost: ${HOST}\r\nContent-Length: ${5 + smuggled.length}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`,
        `POST / HTTP/1.1\r\nHost: ${HOST}\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n${smuggled}`,
        `POST / HTTP/1.1\r\nHost: ${HOST}\r\nContent-Length: 0\r\nContent-Length: ${smuggled.length}\r\n\r\n${smuggled}`,
        `POST / HTTP/1.1\r\nHost: ${HOST}\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n${smuggled}`,
        `POST / HTTP/1.1\r\nHost: ${HOST}\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n${smuggled}`,
        `POST / HTTP/1.1\r\nHost: ${HOST}\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n${smuggled}`,
        `GET / HTTP/1.1\r\nHost: ${HOST}\r\nHost: other.example.com\r\n\r\n`,
        `GET / HTTP/1.1\r\nHost: ${HOST}\r\nX-Evil: a\rb\r\n\r\n`,
      ];
      for (const a of attempts) {
        const r = await raw(p.httpPort, [a]);
        assert.is(statusOf(r.text), 400, `${JSON.stringify(a.slice(0, 90))} → ${r.text.slice(0, 120)}`);
        assert.not.ok(/HTTP\/1\.1 \d{3}[\s\S]*HTTP\/1\.1 \d{3}/.test(r.text), 'a second response: the smuggled request was read');
      }
      assert.equal(seen, [], `forwarded: ${seen.join(', ')}`);
      await stillServes(p);
    });
  } finally {
    await up.close();
  }
});

test('encoded slashes, backslashes and NUL: 400; dot segments route on the normalised path', async () => {
  await withProxy(modelOf(ingress('p', HOST, [['/public', 'Prefix', 'pub'], ['/admin', 'Prefix', 'adm']])), {}, async (p) => {
    for (const path of ['/public%2F..%2Fadmin', '/public%2fx', '/public%5Cx', '/public\\x', '/public%00', '/..', '/public/../../admin']) {
      const r = await raw(p.httpPort, [`GET ${path} HTTP/1.1\r\nHost: ${HOST}\r\n\r\n`]);
      assert.is(statusOf(r.text), 400, `${path} → ${r.text.slice(0, 100)}`);
    }
    for (const [path, service] of [['/public/../admin/x', 'adm'], ['/public/./x', 'pub'], ['//public//x', 'pub'], ['/%70ublic/x', 'pub'], ['/admin/..', '404']]) {
      const r = await call(p, { host: HOST, path });
      assert.is(r.status === 200 ? JSON.parse(r.body).service : String(r.status), service, path);
    }
  });
});

test('an upstream that resets mid-response: the client sees the cut (never a whole response), the proxy serves on', async () => {
  const up = await upstreamServer((req, res) => {
    req.on('error', () => {});
    res.writeHead(200, { 'content-length': 100_000 });
    res.write('x'.repeat(1000));
    setTimeout(() => res.socket?.resetAndDestroy(), 50);
  });
  try {
    await withProxy(model({}, up.port), {}, async (p) => {
      for (let i = 0; i < 5; i++) {
        const r = await raw(p.httpPort, [`GET /reset HTTP/1.1\r\nHost: ${HOST}\r\n\r\n`], { ms: 3000 });
        assert.ok(r.closed, 'the connection was closed');
        assert.is(statusOf(r.text), 200);
        assert.ok(r.text.length < 100_000, 'the response was cut');
      }
      const before = await raw(p.httpPort, [`GET /reset HTTP/1.1\r\nHost: ${HOST}\r\n\r\n`], { ms: 3000 });
      assert.ok(before.closed);
      await stillServes(p);
    });
  } finally {
    await up.close();
  }
});

test('an upstream that never answers: 504 at the read timeout', async () => {
  const up = await upstreamServer(() => {});
  try {
    await withProxy(model({ 'nginx.ingress.kubernetes.io/proxy-read-timeout': '1' }, up.port), {}, async (p) => {
      const t = Date.now();
      const r = await call(p, { host: HOST, path: '/slow', timeoutMs: 5000 });
      const ms = Date.now() - t;
      assert.is(r.status, 504);
      assert.ok(ms >= 900 && ms < 3000, `${ms} ms`);
      await stillServes(p);
    });
  } finally {
    await up.close();
  }
});

test('1,000 concurrent connections are all answered', async () => {
  await withProxy(model(), {}, async (p) => {
    const N = 1000;
    const sockets: Socket[] = [];
    try {
      const answers = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          new Promise<number>((resolve) => {
            const s = connect(p.httpPort, '127.0.0.1');
            sockets.push(s);
            let text = '';
            const timer = setTimeout(() => resolve(0), 15_000);
            s.on('data', (d) => {
              text += d;
              if (text.includes('\r\n\r\n') && /"service"/.test(text)) (clearTimeout(timer), resolve(statusOf(text)));
            });
            s.on('error', () => (clearTimeout(timer), resolve(-1)));
            s.on('connect', () => s.write(`GET /c/${i} HTTP/1.1\r\nHost: ${HOST}\r\n\r\n`));
          }),
        ),
      );
      const ok = answers.filter((a) => a === 200).length;
      assert.is(ok, N, `answers: ${JSON.stringify(answers.reduce<Record<number, number>>((m, a) => ((m[a] = (m[a] ?? 0) + 1), m), {}))}`);
    } finally {
      for (const s of sockets) s.destroy();
    }
    await stillServes(p);
  });
});

test('half-open sockets: a client that half-closes is taken as gone (as nginx does): its upstream request is aborted, the connection closed', async () => {
  let aborted = 0;
  const up = await upstreamServer((req) => {
    req.on('error', () => {});
    req.on('close', () => aborted++);
  });
  try {
    await withProxy(model({}, up.port), {}, async (p) => {
      const r = await raw(p.httpPort, [`GET /half HTTP/1.1\r\nHost: ${HOST}\r\n\r\n`, 100], { end: true, ms: 3000 });
      assert.ok(r.closed, 'the proxy closed the half-open connection');
      for (let i = 0; i < 100 && aborted === 0; i++) await sleep(20);
      assert.is(aborted, 1, 'the upstream request was aborted');
      const cut = await raw(p.httpPort, [`POST /cut HTTP/1.1\r\nHost: ${HOST}\r\nContent-Length: 100\r\n\r\n`, 'x'.repeat(10)], { end: true, ms: 3000 });
      assert.ok(cut.closed && cut.ms < 2500, `a body cut by a half-close: closed after ${cut.ms} ms`);
      await stillServes(p);
    });
  } finally {
    await up.close();
  }
});

test.run();
