// npm run soak [-- --duration SECONDS] [--concurrency N]
// `ingressctl serve` as its own process under mixed traffic, hot reloads (some broken) and
// faults (upstreams that reset or never answer, clients that go away, bodies over the
// limit, smuggling attempts) for a fixed time (default 300 s). Passes when serve never
// crashes, answers every request, and its memory (RSS, sampled each second) stays within
// 10% after warm-up. Prints the figures the README's Performance section quotes.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, Agent } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const DURATION_S = flag('--duration', 300);
const CONCURRENCY = flag('--concurrency', 16);
const WARMUP = 0.2;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- an upstream with good and bad behaviours, by path
const upstream = createServer((req, res) => {
  req.on('error', () => {});
  const path = req.url ?? '/';
  if (path.startsWith('/reset')) {
    res.writeHead(200, { 'content-length': 65536 });
    res.write('x'.repeat(1024));
    setTimeout(() => res.socket?.resetAndDestroy(), 10);
  } else if (path.startsWith('/silent')) {
    /* never answers: serve gives 504 after proxy-read-timeout */
  } else if (path.startsWith('/big')) {
    res.end('y'.repeat(256 * 1024));
  } else {
    req.resume();
    req.on('end', () => res.end('ok'));
  }
});
await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
const upstreamPort = upstream.address().port;

// --- manifests: versions with different routes; every fifth edit is broken
const dir = mkdtempSync(join(tmpdir(), 'ingressctl-soak-'));
const manifest = (v) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: soak
  annotations:
    nginx.ingress.kubernetes.io/proxy-read-timeout: "1"
    nginx.ingress.kubernetes.io/proxy-body-size: 64k
spec:
  rules:
    - host: soak.example.com
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: up, port: {number: 80}}}}
          - {path: /echo, pathType: Prefix, backend: {service: {name: echo, port: {number: 80}}}}
          - {path: /v${v}, pathType: Exact, backend: {service: {name: echo, port: {number: 80}}}}
`;
writeFileSync(join(dir, 'app.yaml'), manifest(0));

const child = spawn(process.execPath, [join(root, 'bin/ingressctl'), 'serve', '--local', dir, '--http-port', '0', '--https-port', '0', '--quiet', '--upstream', `default/up=127.0.0.1:${upstreamPort}`], { stdio: ['ignore', 'pipe', 'pipe'] });
let stderr = '';
child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-20000)));
let exited = null;
child.on('exit', (code, signal) => (exited = { code, signal }));
const port = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    const m = /http:\/\/[^ ]+:(\d+)/.exec(out);
    if (m) resolve(Number(m[1]));
  });
  setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 15000);
});

function rss() {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) * 1024;
  } catch {
    return process.memoryUsage().rss * 0; // not Linux: no figure
  }
}

// --- traffic
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const counts = {};
let requests = 0;
let failures = 0;
const note = (k) => (counts[k] = (counts[k] ?? 0) + 1);

function send(path, { method = 'GET', body, abortAfterMs } = {}) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent, headers: { host: 'soak.example.com', ...(body ? { 'content-length': body.length } : {}) } }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode));
      res.on('error', () => resolve('cut'));
      res.on('aborted', () => resolve('cut'));
    });
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve(e.message === 'timeout' ? 'timeout' : abortAfterMs ? 'aborted' : 'cut'));
    if (abortAfterMs) setTimeout(() => req.destroy(), abortAfterMs);
    req.end(body);
  });
}

function rawSmuggle() {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => s.write('POST / HTTP/1.1\r\nHost: soak.example.com\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'));
    let text = '';
    s.on('data', (d) => (text += d));
    s.on('close', () => resolve(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 'none'));
    s.on('error', () => resolve('none'));
    setTimeout(() => s.destroy(), 3000);
  });
}

const MIX = [
  [30, () => send('/echo/x?q=1')],
  [20, () => send('/ok')],
  [8, () => send('/echo', { method: 'POST', body: Buffer.alloc(8 * 1024, 1) })],
  [5, () => send('/big')],
  [4, () => send('/reset')],
  [3, () => send('/silent')],
  [4, () => send('/echo', { method: 'POST', body: Buffer.alloc(100 * 1024, 1) })],
  [4, () => send('/echo/%2F')],
  [4, () => send('/echo/slow', { abortAfterMs: 5 })],
  [3, () => rawSmuggle()],
  [5, () => send('/v0')],
];
const total = MIX.reduce((n, [w]) => n + w, 0);
const pick = () => {
  let r = Math.random() * total;
  for (const [w, f] of MIX) if ((r -= w) < 0) return f;
  return MIX[0][1];
};

const started = Date.now();
const end = started + DURATION_S * 1000;
const samples = [];
let reloads = 0;
const sampler = setInterval(() => samples.push({ t: (Date.now() - started) / 1000, rss: rss() }), 1000);
const reloader = (async () => {
  for (let v = 1; Date.now() < end; v++) {
    await sleep(2000);
    writeFileSync(join(dir, 'app.yaml'), v % 5 === 0 ? manifest(v).replace('rules:', 'rules: [') : manifest(v));
    reloads++;
  }
})();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < end && !exited) {
      const status = await pick()();
      requests++;
      note(status);
      if (status === 'timeout' || status === 'none') failures++;
    }
  }),
);
await reloader;
clearInterval(sampler);

// --- verdict
const crashed = exited !== null;
child.kill('SIGTERM');
const exit = await new Promise((r) => (exited ? r(exited) : child.once('exit', (code, signal) => r({ code, signal }))));
upstream.close();
agent.destroy();
rmSync(dir, { recursive: true, force: true });

const after = samples.filter((s) => s.t >= DURATION_S * WARMUP);
const avg = (xs) => xs.reduce((a, s) => a + s.rss, 0) / Math.max(1, xs.length);
const window = Math.max(1, Math.floor(after.length / 5));
const warm = avg(after.slice(0, window));
const last = avg(after.slice(-window));
const peak = Math.max(...after.map((s) => s.rss));
const growth = warm ? (last - warm) / warm : 0;
const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;
const refusedReloads = (stderr.match(/reload refused/g) ?? []).length;

console.log(`soak: ${DURATION_S} s, ${CONCURRENCY} clients, ${requests.toLocaleString('en-US')} requests (${Math.round(requests / DURATION_S)}/s), ${reloads} reloads (${refusedReloads} broken, refused)`);
console.log(`answers: ${Object.entries(counts).sort().map(([k, n]) => `${k}×${n}`).join(' ')}`);
console.log(`serve RSS after warm-up ${mb(warm)}, at the end ${mb(last)} (${(growth * 100).toFixed(1)}%), peak ${mb(peak)}`);
console.log(`crashes: ${crashed ? 1 : 0}; exit on SIGTERM: ${exit.code ?? exit.signal}; unanswered requests: ${failures}`);
const ok = !crashed && exit.code === 0 && failures === 0 && growth <= 0.1;
if (!ok) console.log(`FAILED${crashed ? `: serve exited early (${JSON.stringify(exited)}): ${stderr.slice(-2000)}` : ''}`);
process.exit(ok ? 0 : 1);
