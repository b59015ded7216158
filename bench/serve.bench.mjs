// Serve:
// - throughput and latency of `ingressctl serve --local fixtures/cafe` beside real nginx
//   running the bundle `render` makes of the same fixture: HTTPS GET /tea (Host
//   cafe.example.com) proxied to the same upstream (a second nginx answering `return 200`;
//   a small Node server when nginx is absent), the same load generator (wrk, else
//   autocannon) and connection count, one process each (nginx with worker_processes 1),
//   measured in alternating rounds. A minimal Node proxy runs in the same rounds as a
//   reference: the cost of Node's own HTTP stack on this path. `serve --engine nginx` runs
//   beside nginx started by hand on the `render` bundle (both worker_processes auto), and
//   Caddy (Debian's caddy package, when installed) as the proxy a user might pick instead.
//   `--baseline DIR` also runs DIR/bin/ingressctl (another checkout, built) `serve --local` and
//   `serve --engine nginx` in the same rounds (before/after comparisons; CPU per request is the
//   steadier figure on a shared machine). INGRESSCTL_BENCH_LOAD=autocannon forces autocannon.
// - route matching cost (Matcher.match, what serve runs per request) from 10 to 10,000 routes;
// - reload latency: from writing a file to the new route answering.
import { spawn, execFile } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { connect } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { benchDir, benchInput, fmt, freePort, median, ratio, root, runNode, untilNewAnswers, writeInputOnce } from './util.mjs';

const require = createRequire(import.meta.url);
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx', '/usr/local/bin/nginx'].find((p) => existsSync(p));
const CADDY = ['/usr/bin/caddy', '/usr/local/bin/caddy'].find((p) => existsSync(p));
const WRK = process.env.INGRESSCTL_BENCH_LOAD === 'autocannon' ? undefined : ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((p) => existsSync(p));
const CLI = join(root, 'bin/ingressctl');
const CAFE = join(root, 'fixtures/cafe');
const CONNECTIONS = 32;
const HOST = 'cafe.example.com';

export async function benchServe({ quick = false, argv = process.argv } = {}) {
  const at = argv.indexOf('--baseline');
  const baseline = at === -1 ? undefined : resolve(argv[at + 1]);
  if (baseline && !existsSync(join(baseline, 'dist', 'ingressctl.js'))) throw new Error(`serve bench: --baseline ${baseline} has no build (run node scripts/build.mjs there)`);
  const work = mkdtempSync(join(tmpdir(), 'ingressctl-bench-serve-'));
  chmodSync(work, 0o755); // nginx workers (nobody, when nginx runs as root) read the bundle
  const procs = new Processes();
  try {
    const rows = [];
    const ratios = [];
    await throughput(work, procs, quick, rows, ratios, baseline);
    matching(quick, rows, ratios);
    await reloads(work, procs, quick, rows);
    return { title: `Serve (load: ${WRK ? 'wrk' : 'autocannon'}${baseline ? `; baseline ${baseline} in the same rounds` : ''})`, columns: ['measurement', 'result', 'detail'], rows, ratios };
  } finally {
    await procs.stopAll();
    rmSync(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------- throughput

async function throughput(work, procs, quick, rows, ratios, baseline) {
  const upstreamPort = await freePort();
  if (NGINX) {
    const dir = join(work, 'upstream');
    mkdirSync(dir, { mode: 0o755 });
    writeFileSync(join(dir, 'nginx.conf'), upstreamConf(upstreamPort));
    await procs.start('upstream nginx', NGINX, ['-p', dir + '/', '-c', 'nginx.conf', '-g', 'daemon off;'], upstreamPort);
  } else {
    await procs.start('upstream', process.execPath, [join(root, 'bench/upstream.mjs'), String(upstreamPort)], upstreamPort);
  }
  const upstreams = ['default/tea-svc:80', 'default/coffee-svc:80'].flatMap((b) => ['--upstream', `${b}=127.0.0.1:${upstreamPort}`]);

  // nginx: the bundle render makes of the same fixture, with one worker process
  const bundle = join(work, 'nginx');
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  await promisify(execFile)(process.execPath, [CLI, 'render', CAFE, ...upstreams, '--listen-address', '127.0.0.1', '--http-port', String(httpPort), '--https-port', String(httpsPort), '-o', bundle]);
  const conf = readFileSync(join(bundle, 'nginx.conf'), 'utf8');
  if (!/^worker_processes auto;$/m.test(conf)) throw new Error('serve bench: the rendered nginx.conf no longer says "worker_processes auto;"');
  writeFileSync(join(bundle, 'nginx.conf'), conf.replace(/^worker_processes auto;$/m, 'worker_processes 1;'));

  const targets = [];
  if (NGINX) {
    const nginx = await procs.start('nginx', NGINX, ['-p', bundle + '/', '-c', 'nginx.conf', '-g', 'daemon off;'], httpsPort);
    targets.push({ name: 'nginx', label: 'nginx, rendered bundle, worker_processes 1', url: `https://127.0.0.1:${httpsPort}/tea`, pid: () => childPids(nginx.pid)[0] });
  }
  // serve, with its access log on (to a file, as nginx writes access.log)
  const serveLog = join(work, 'serve.log');
  const serve = await procs.startServe([CAFE, ...upstreams, '--http-port', '0', '--https-port', '0', '--no-watch'], serveLog);
  targets.push({ name: 'serve', label: 'ingressctl serve --local', url: `https://127.0.0.1:${serve.httpsPort}/tea`, pid: () => serve.child.pid });
  if (baseline) {
    const base = await procs.startServe([CAFE, ...upstreams, '--http-port', '0', '--https-port', '0', '--no-watch'], join(work, 'serve-baseline.log'), join(baseline, 'bin/ingressctl'));
    targets.push({ name: 'serve-baseline', label: 'baseline: ingressctl serve --local', url: `https://127.0.0.1:${base.httpsPort}/tea`, pid: () => base.child.pid });
  }
  // serve --engine nginx beside nginx started by hand on the bundle `render` writes (both worker_processes auto;
  // serve --engine's bundle adds the x-ingressctl-route header per location)
  if (NGINX) {
    const byHand = join(work, 'nginx-auto');
    const [h1, h2] = [await freePort(), await freePort()];
    await promisify(execFile)(process.execPath, [CLI, 'render', CAFE, ...upstreams, '--listen-address', '127.0.0.1', '--http-port', String(h1), '--https-port', String(h2), '-o', byHand]);
    const nginxAuto = await procs.start('nginx (worker_processes auto)', NGINX, ['-p', byHand + '/', '-c', 'nginx.conf', '-g', 'daemon off;'], h2);
    targets.push({ name: 'nginx-auto', label: 'nginx started by hand on the `render` bundle (worker_processes auto)', url: `https://127.0.0.1:${h2}/tea`, pid: () => nginxAuto.pid, tree: true });
    const engine = await procs.startServe([CAFE, ...upstreams, '--engine', 'nginx', '--http-port', '0', '--https-port', '0', '--no-watch'], join(work, 'serve-engine.log'));
    // its CPU: serve's own process (it reads nginx's access log) with nginx's below it
    targets.push({ name: 'engine-nginx', label: 'ingressctl serve --local --engine nginx (CPU: serve and nginx)', url: `https://127.0.0.1:${engine.httpsPort}/tea`, pid: () => engine.child.pid, tree: true, own: () => engine.child.pid });
    if (baseline) {
      const base = await procs.startServe([CAFE, ...upstreams, '--engine', 'nginx', '--http-port', '0', '--https-port', '0', '--no-watch'], join(work, 'serve-engine-baseline.log'), join(baseline, 'bin/ingressctl'));
      targets.push({ name: 'engine-nginx-baseline', label: 'baseline: ingressctl serve --local --engine nginx (CPU: serve and nginx)', url: `https://127.0.0.1:${base.httpsPort}/tea`, pid: () => base.child.pid, tree: true, own: () => base.child.pid });
    }
  }
  // Caddy, what a user might pick instead (only when installed: Debian's caddy package)
  if (CADDY) {
    const caddyPort = await freePort();
    const dir = join(work, 'caddy');
    mkdirSync(dir, { mode: 0o755 });
    // wrk sends the URL's IP address as SNI, which Caddy answers with its certificate for that
    // address only: a certificate (RSA 2048, as the others') naming 127.0.0.1 too
    const [cert, key] = WRK ? await ipCertificate(dir) : [join(bundle, 'certs/default_cafe-secret.crt'), join(bundle, 'certs/default_cafe-secret.key')];
    writeFileSync(join(dir, 'Caddyfile'), caddyfile(caddyPort, upstreamPort, cert, key, dir));
    const caddy = await procs.start('caddy', CADDY, ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], caddyPort, { XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir, HOME: dir });
    targets.push({ name: 'caddy', label: 'reference: Caddy, reverse_proxy (no access log)', url: `https://127.0.0.1:${caddyPort}/tea`, pid: () => caddy.pid });
  }
  const refPort = await freePort();
  // an RSA 2048 certificate, as serve's generated one for clients without SNI (the load generator
  // connects to 127.0.0.1: no SNI); the render's default.crt is ECDSA, cheaper to sign with
  const ref = await procs.start('node proxy', process.execPath, [join(root, 'bench/node-proxy.mjs'), String(refPort), String(upstreamPort), join(bundle, 'certs/default_cafe-secret.crt'), join(bundle, 'certs/default_cafe-secret.key')], refPort);
  targets.push({ name: 'node', label: 'reference: minimal Node proxy (no routing, no log)', url: `https://127.0.0.1:${refPort}/tea`, pid: () => ref.pid });

  for (const t of targets) {
    await checkAnswer(t.url); // a proxied 200 from the upstream, not an error page
    await load(t.url, 1); // warm up (JIT, TLS sessions, upstream keep-alive pools)
  }
  const rounds = quick ? 1 : 3;
  const seconds = quick ? 3 : 5;
  const results = new Map(targets.map((t) => [t.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const t of targets) {
      const before = cpuTicks(t.pid(), t.tree);
      const ownBefore = t.own ? cpuTicks(t.own()) : 0;
      const m = await load(t.url, seconds);
      const ticks = cpuTicks(t.pid(), t.tree) - before;
      const own = t.own ? cpuTicks(t.own()) - ownBefore : NaN;
      const perRequest = (n) => (n >= 0 ? (n * 1e6) / CLOCK_TICKS / (m.rps * seconds) : NaN);
      results.get(t.name).push({ ...m, cpuUs: perRequest(ticks), ownUs: perRequest(own) });
    }
  }
  const summary = new Map();
  const tool = WRK ? `wrk -t1 -c${CONNECTIONS}` : `autocannon -c${CONNECTIONS}`;
  for (const t of targets) {
    const ms = results.get(t.name);
    const s = { rps: median(ms.map((m) => m.rps)), p50: median(ms.map((m) => m.p50)), p99: median(ms.map((m) => m.p99)), cpuUs: median(ms.map((m) => m.cpuUs)), ownUs: median(ms.map((m) => m.ownUs)) };
    summary.set(t.name, s);
    const cpu = (Number.isFinite(s.cpuUs) ? `, ${s.cpuUs.toFixed(0)} µs CPU/request` : '') + (Number.isFinite(s.ownUs) ? ` (serve's own process ${s.ownUs.toFixed(1)} µs)` : '');
    rows.push([`${t.label}: HTTPS GET /tea, ${tool}, ${seconds} s × ${rounds} round${rounds === 1 ? '' : 's'} (medians)`, `${Math.round(s.rps).toLocaleString('en-US')} req/s`, `p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms${cpu}`]);
  }
  const nginx = summary.get('nginx');
  const serveS = summary.get('serve');
  ratios.push(['serve ÷ nginx requests/s', nginx ? ratio(serveS.rps, nginx.rps) : 'n/a (nginx not installed)', '≥ 0.5×']);
  ratios.push(['serve ÷ nginx p99 latency', nginx ? ratio(serveS.p99, nginx.p99) : 'n/a (nginx not installed)', '≤ 2×']);
  ratios.push(['minimal Node proxy ÷ nginx requests/s (reference)', nginx ? ratio(summary.get('node').rps, nginx.rps) : 'n/a', '—']);
  const node = summary.get('node');
  ratios.push(['serve ÷ minimal Node proxy requests/s', ratio(serveS.rps, node.rps), '≥ 0.8×']);
  ratios.push(['serve ÷ minimal Node proxy p99 latency', ratio(serveS.p99, node.p99), '≤ 1.5×']);
  const byHand = summary.get('nginx-auto');
  const engine = summary.get('engine-nginx');
  const caddy = summary.get('caddy');
  ratios.push(['serve ÷ Caddy requests/s (reference)', caddy ? ratio(serveS.rps, caddy.rps) : 'n/a (caddy not installed)', '—']);
  ratios.push(['serve --engine nginx ÷ nginx by hand requests/s', engine ? ratio(engine.rps, byHand.rps) : 'n/a (nginx not installed)', '≥ 0.9×']);
  ratios.push(['serve --engine nginx ÷ nginx by hand p99 latency', engine ? ratio(engine.p99, byHand.p99) : 'n/a (nginx not installed)', '≤ 1.5×']);
  if (baseline) {
    const cpuRatio = (a, b) => (a && b && Number.isFinite(a.cpuUs) && Number.isFinite(b.cpuUs) ? ratio(a.cpuUs, b.cpuUs) : 'n/a');
    const base = summary.get('serve-baseline');
    ratios.push(['serve --local: this build ÷ baseline, requests/s / p99 / CPU per request', `${ratio(serveS.rps, base.rps)} / ${ratio(serveS.p99, base.p99)} / ${cpuRatio(serveS, base)}`, '—']);
    const engineBase = summary.get('engine-nginx-baseline');
    if (engine && engineBase) ratios.push(['serve --engine nginx: this build ÷ baseline, requests/s / p99 / CPU per request (serve and nginx) / serve\'s own CPU per request', `${ratio(engine.rps, engineBase.rps)} / ${ratio(engine.p99, engineBase.p99)} / ${cpuRatio(engine, engineBase)} / ${ratio(engine.ownUs, engineBase.ownUs)}`, '—']);
  }
}

/** A self-signed certificate for HOST and 127.0.0.1 (openssl), for Caddy under wrk. */
async function ipCertificate(dir) {
  const [cert, key] = [join(dir, 'ip.crt'), join(dir, 'ip.key')];
  await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${HOST}`, '-addext', `subjectAltName=DNS:${HOST},IP:127.0.0.1`]);
  return [cert, key];
}

/** Caddy in front of the same upstream, HTTPS with the fixture's certificate, nothing else. */
function caddyfile(port, upstream, cert, key, dir) {
  return `{
	admin off
	auto_https disable_redirects
	default_sni ${HOST}
	storage file_system ${dir}/data
}
https://${HOST}:${port} {
	bind 127.0.0.1
	tls ${cert} ${key}
	reverse_proxy 127.0.0.1:${upstream}
}
`;
}

function upstreamConf(port) {
  return `pid nginx.pid;
error_log error.log;
worker_processes 1;
events { worker_connections 1024; }
http {
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path client_body_temp;
    proxy_temp_path proxy_temp;
    fastcgi_temp_path fastcgi_temp;
    uwsgi_temp_path uwsgi_temp;
    scgi_temp_path scgi_temp;
    server {
        listen 127.0.0.1:${port};
        location / { return 200 "ok\\n"; }
    }
}
`;
}

/** One request through the proxy: it must reach the upstream ("ok"). */
async function checkAnswer(url) {
  const { request: httpsRequest } = await import('node:https');
  const body = await new Promise((resolve, reject) => {
    const req = httpsRequest(url, { headers: { host: HOST }, rejectUnauthorized: false, timeout: 5000 }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve(`${res.statusCode} ${text}`));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
  if (body !== '200 ok\n') throw new Error(`serve bench: ${url} answered ${JSON.stringify(body)}, not the upstream's 200 ok`);
}

/** Requests/s and latency percentiles (ms) of `seconds` of load on `url`. */
async function load(url, seconds) {
  if (WRK) {
    const { stdout } = await promisify(execFile)(WRK, ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', '-H', `Host: ${HOST}`, url], { timeout: (seconds + 30) * 1000 });
    const failed = /Non-2xx or 3xx responses: (\d+)/.exec(stdout);
    if (failed) throw new Error(`serve bench: ${url} gave ${failed[1]} error responses under load`);
    const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
    if (/^\s*0 requests in/m.test(stdout) || (errors && Number(errors[1]) > 0)) throw new Error(`serve bench: wrk could not load ${url}: ${stdout.trim().split('\n').slice(-4).join(' ')}`);
    const pct = (p) => wrkMs(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(stdout)[1]);
    return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)[1]), p50: pct(50), p99: pct(99) };
  }
  const autocannon = require('autocannon');
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: { host: HOST } });
  if (r.non2xx || r.errors) throw new Error(`serve bench: ${url} gave ${r.non2xx} error responses and ${r.errors} errors under load`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

/** wrk's durations ("563.00us", "1.74ms", "1.02s") in ms. */
function wrkMs(text) {
  const [, n, unit] = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  return Number(n) * { us: 0.001, ms: 1, s: 1000, m: 60000 }[unit];
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** User + system CPU time of a process (with `tree`, and every process below it: nginx's workers), in clock ticks (-Infinity where /proc is not there). */
function cpuTicks(pid, tree = false) {
  if (tree) return childPids(pid).reduce((n, p) => n + cpuTicks(p, true), cpuTicks(pid));
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return -Infinity;
  }
}

function childPids(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

// ------------------------------------------------------------------------ route matching

/** One Ingress naming `n` Prefix paths on one host: every route in one virtual host. */
function oneHostInput(n) {
  return writeInputOnce(join(benchDir, `one-host-${n}.yaml`), () => {
    const paths = Array.from({ length: n }, (_, i) => `      - path: /api/r${i}/items\n        pathType: Prefix\n        backend: { service: { name: svc, port: { number: 80 } } }`).join('\n');
    return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: one-host, namespace: default }\nspec:\n  rules:\n  - host: one.example.com\n    http:\n      paths:\n${paths}\n---\napiVersion: v1\nkind: Service\nmetadata: { name: svc, namespace: default }\nspec: { ports: [{ port: 80 }] }\n`;
  });
}

function matching(quick, rows, ratios) {
  const limit = String(quick ? 500 : 2000);
  // bounded by time, not count: every case runs as long
  const match = (file) => runNode([join(root, 'bench/match.mjs'), file, '1000000000', limit]);
  const cases = [
    ['10 routes, 1 host', benchInput(1).file],
    ['10,000 routes over 1,000 hosts (10 each)', benchInput(1000).file],
    ['10 routes, 1 host (one Ingress)', oneHostInput(10)],
    ['10,000 routes, 1 host (one Ingress)', oneHostInput(10000)],
  ].map(([label, file]) => ({ label, ...match(file) }));
  for (const c of cases) rows.push([`Matcher.match per request: ${c.label}`, `${(c.nsPerMatch / 1000).toFixed(2)} µs`, `${c.matches.toLocaleString('en-US')} requests, ${(c.answered * 100).toFixed(0)}% routed`]);
  ratios.push(['matching: 10,000 routes over 1,000 hosts ÷ 10 routes', ratio(cases[1].nsPerMatch, cases[0].nsPerMatch), '≤ 1.2×']);
  ratios.push(['matching: 10,000 routes on 1 host ÷ 10 routes on 1 host', ratio(cases[3].nsPerMatch, cases[2].nsPerMatch), '≤ 1.2×']);
}

// -------------------------------------------------------------------------------- reload

async function reloads(work, procs, quick, rows) {
  const sizes = quick ? [['fixtures/cafe', 0]] : [['fixtures/cafe', 0], ['fixtures/cafe + 1,000 Ingresses (10,000 routes)', 1000]];
  for (const [label, extra] of sizes) {
    const dir = join(work, `reload-${extra}`);
    mkdirSync(dir);
    for (const f of ['cafe.yaml', 'cafe-ingress.yaml', 'cafe-secret.yaml']) copyFileSync(join(CAFE, f), join(dir, f));
    if (extra) copyFileSync(benchInput(extra).file, join(dir, 'bulk.yaml'));
    const serve = await procs.startServe([dir, '--http-port', '0', '--https-port', '0', '--quiet'], join(work, `reload-${extra}.log`));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const times = [];
    try {
      for (let i = 0; i < (quick ? 3 : 10); i++) {
        const host = `reload-${i}.example.com`;
        const t0 = performance.now();
        writeFileSync(join(dir, `reload-${i}.yaml`), `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: reload-${i}, namespace: default }\nspec:\n  rules:\n  - host: ${host}\n    http:\n      paths:\n      - { path: /new, pathType: Prefix, backend: { service: { name: tea-svc, port: { number: 80 } } } }\n`);
        times.push((await firstAnswer(agent, serve.httpPort, host, t0 + 10_000)) - t0);
      }
    } finally {
      agent.destroy();
      await procs.stop(serve.child);
    }
    rows.push([`reload, ${label}: file written → new route answers (median of ${times.length})`, fmt(median(times)), `min ${fmt(Math.min(...times))}, max ${fmt(Math.max(...times))}`]);
  }
}

/** The time the host's /new first answers 200 through `agent`; throws after the deadline. */
async function firstAnswer(agent, port, host, deadline) {
  const t = await untilNewAnswers(port, host, deadline, { agent });
  if (t === undefined) throw new Error(`serve bench: ${host} did not answer within 10 s of the file write`);
  return t;
}

// ----------------------------------------------------------------------------- processes

/** The bench's child processes: started here, always stopped (by pid) when it ends. */
class Processes {
  children = [];

  /** Starts a server process and waits (≤ 10 s) until `port` accepts connections. */
  async start(name, cmd, args, port, env = {}) {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    this.children.push(child);
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && child.exitCode === null) {
      if (await accepts(port)) return child;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`serve bench: ${name} did not start: ${stderr.slice(0, 500)}`);
  }

  /** `ingressctl serve --local ARGS`; stderr (the access log) to `logFile`; resolves with its ports. */
  async startServe(args, logFile, cli = CLI) {
    const log = openSync(logFile, 'w');
    const child = spawn(process.execPath, [cli, 'serve', '--local', ...args], { stdio: ['ignore', 'pipe', log] });
    closeSync(log);
    this.children.push(child);
    let out = '';
    const ports = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve bench: serve did not start: ${readFileSync(logFile, 'utf8').slice(0, 500)}`)), 20_000);
      child.stdout.on('data', (c) => {
        out += c;
        const m = /at http:\/\/[^ ]+:(\d+) and https:\/\/[^ ]+:(\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve({ httpPort: Number(m[1]), httpsPort: Number(m[2]) });
        }
      });
      child.once('exit', (code) => reject(new Error(`serve bench: serve exited ${code}: ${readFileSync(logFile, 'utf8').slice(0, 500)}`)));
    });
    child.stdout.resume();
    return { child, ...ports };
  }

  stop(child) {
    return new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => (clearTimeout(kill), resolve()));
      child.kill('SIGTERM');
    });
  }

  async stopAll() {
    await Promise.all(this.children.map((c) => this.stop(c)));
  }
}

function accepts(port) {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}
