// Reload without drops: `serve --local --engine E` on a folder whose manifests are rewritten
// again and again (in place and by rename; a route added and the previous one removed,
// TLS switched on and off, one broken edit) while keep-alive clients send continuously to
// routes present in every version. Counts failed requests (connection errors, 5xx, any
// status but the expected, after the one retry HTTP/1.1 allows for an idempotent request
// reset on a reused connection; those resets are counted apart) and the time from each
// write to the new route answering.
//
// Used by bench/reload.bench.mjs (50 rewrites per engine) and the tests (10 rewrites).
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, renameSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CAFE = join(root, 'fixtures/cafe');

const ingress = (name, host, path, service, tls) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: ${name}, namespace: default }
spec:
${tls ? `  tls:\n  - hosts: [${host}]\n    secretName: cafe-secret\n` : ''}  rules:
  - host: ${host}
    http:
      paths:
      - { path: ${path}, pathType: Prefix, backend: { service: { name: ${service}, port: { number: 80 } } } }
`;

const STABLE = ingress('stable', 'stable.example.com', '/', 'tea-svc', false);

/** The changing file in version `i`: route r<i>, and TLS on for the cafe host every other ten. */
function version(i) {
  const tls = Math.floor(i / 10) % 2 === 0;
  return `${ingress(`r${i}`, `r${i}.example.com`, '/new', 'coffee-svc', false)}---\n${ingress('secure', 'secure.example.com', '/', 'tea-svc', tls)}`;
}

const BROKEN = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: broken, namespace: default }\nspec: { rules: [ { host: 7, http: { paths: [ } ] }\n';

/**
 * @param {{ engine: 'builtin' | 'nginx' | 'haproxy', rewrites: number, clients?: number, fresh?: boolean, log?: (s: string) => void }} o
 * @returns {Promise<{ engine: string, rewrites: number, requests: number, failed: number, failures: string[], resetsOnReusedConnections: number, liveMs: number[], brokenRefused?: boolean }>}
 */
export async function reloadUnderLoad({ engine, rewrites, clients = 4, fresh = false, log = () => {} }) {
  const dir = mkdtempSync(join(tmpdir(), `ingressctl-reload-${engine}-`));
  chmodSync(dir, 0o755);
  copyFileSync(join(CAFE, 'cafe.yaml'), join(dir, 'cafe.yaml'));
  copyFileSync(join(CAFE, 'cafe-ingress.yaml'), join(dir, 'cafe-ingress.yaml'));
  copyFileSync(join(CAFE, 'cafe-secret.yaml'), join(dir, 'cafe-secret.yaml'));
  writeFileSync(join(dir, 'stable.yaml'), STABLE);
  const changing = join(dir, 'routes.yaml');
  writeFileSync(changing, version(0));

  const child = spawn(process.execPath, [join(root, 'bin/ingressctl'), 'serve', '--local', '--engine', engine, dir, '--http-port', '0', '--https-port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (err += c));
  const exited = new Promise((r) => child.once('exit', r));
  const stats = { requests: 0, failures: [], resets: 0 };
  let sending = true;
  try {
    const deadline = Date.now() + 20_000;
    while (!/ and https:\/\/[^ ]*:\d+/.test(out)) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`serve --engine ${engine} did not start:\n${err}`);
      await sleep(20);
    }
    const [, http, https] = /at http:\/\/[^ ]*:(\d+) and https:\/\/[^ ]*:(\d+)/.exec(out).map(Number);

    // keep-alive clients on routes every version has: plain HTTP and HTTPS, one connection each
    const loops = [];
    for (let c = 0; c < clients; c++) {
      const tls = c % 2 === 1;
      // fresh: a new connection per request (what a reload must never refuse)
      const agent = tls ? new HttpsAgent({ keepAlive: !fresh, maxSockets: 1, rejectUnauthorized: false }) : new Agent({ keepAlive: !fresh, maxSockets: 1 });
      const target = tls ? { port: https, host: 'cafe.example.com', path: '/tea', servername: 'cafe.example.com' } : { port: http, host: 'stable.example.com', path: '/' };
      loops.push((async () => {
        while (sending) {
          let r = await get(agent, tls, target);
          stats.requests++;
          // a reset before any answer on a connection used before: the server closed an idle
          // keep-alive connection as the request went out. HTTP/1.1 lets a client send an
          // idempotent request again (RFC 9112 §9.3.1), as browsers and curl do: once, here.
          if (r.error && r.reused && /ECONNRESET|socket hang up|EPIPE/.test(r.error)) {
            stats.resets++;
            r = await get(agent, tls, target);
          }
          if (r.error) stats.failures.push(`${tls ? 'https' : 'http'} ${target.host}${target.path}: ${r.error}${r.reused ? ' (reused connection)' : ''}`);
          else if (r.status !== 200) stats.failures.push(`${tls ? 'https' : 'http'} ${target.host}${target.path}: ${r.status}`);
        }
        agent.destroy();
      })());
    }

    const liveMs = [];
    let brokenRefused;
    const brokenAt = rewrites >= 10 ? Math.floor(rewrites / 2) : -1;
    for (let i = 1; i <= rewrites; i++) {
      if (i === brokenAt) {
        const refusals = (err.match(/reload refused/g) ?? []).length;
        writeFileSync(changing, BROKEN);
        const until = Date.now() + 5000;
        while ((err.match(/reload refused/g) ?? []).length === refusals && Date.now() < until) await sleep(10);
        brokenRefused = (err.match(/reload refused/g) ?? []).length > refusals;
        log(`${engine}: broken edit ${i} ${brokenRefused ? 'refused' : 'NOT refused within 5 s'}`);
        continue;
      }
      const t0 = performance.now();
      if (i % 2) writeFileSync(changing, version(i));
      else {
        writeFileSync(changing + '.tmp', version(i));
        renameSync(changing + '.tmp', changing);
      }
      const ms = await untilAnswers(http, `r${i}.example.com`, t0 + 10_000);
      if (ms === undefined) throw new Error(`serve --engine ${engine}: route r${i} not live 10 s after the write\n${err.slice(-2000)}`);
      liveMs.push(ms - t0);
      log(`${engine}: rewrite ${i} live after ${(ms - t0).toFixed(0)} ms`);
      await sleep(50); // the clients keep sending between two writes
    }
    sending = false;
    await Promise.all(loops);
    return { engine, rewrites, requests: stats.requests, failed: stats.failures.length, failures: stats.failures.slice(0, 20), resetsOnReusedConnections: stats.resets, liveMs, brokenRefused };
  } finally {
    sending = false;
    if (child.exitCode === null) child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(kill);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One GET on a keep-alive agent: status, or the error and whether the connection had been used before. */
function get(agent, tls, t) {
  return new Promise((resolve) => {
    const req = (tls ? httpsRequest : request)({ host: '127.0.0.1', port: t.port, path: t.path, headers: { host: t.host }, agent, timeout: 5000, ...(tls ? { servername: t.servername, rejectUnauthorized: false } : {}) }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode }));
      res.on('error', (e) => resolve({ error: e.code ?? e.message, reused: req.reusedSocket }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', (e) => resolve({ error: e.code ?? e.message, reused: req.reusedSocket }));
    req.end();
  });
}

/** Polls (fresh connection each time) until host/new answers 200; the time it did, or undefined. */
async function untilAnswers(port, host, deadline) {
  while (performance.now() < deadline) {
    const status = await new Promise((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/new', headers: { host }, agent: false, timeout: 2000 }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(0));
      req.end();
    });
    if (status === 200) return performance.now();
    await sleep(5);
  }
  return undefined;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));


