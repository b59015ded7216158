// Running real nginx in tests: find it (skip, or fail when INGRESSCTL_REQUIRE_ENGINES=1),
// render a bundle, start it on loopback, stop it always.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx', '/usr/local/bin/nginx'].find((p) => existsSync(p));

/** `test` when nginx is here; else test.skip with a printed reason, or a failing test when engines are required. */
export function nginxTest(): typeof test {
  if (NGINX) return test;
  if (process.env.INGRESSCTL_REQUIRE_ENGINES === '1') {
    test('nginx is installed (INGRESSCTL_REQUIRE_ENGINES=1)', () => assert.unreachable('nginx not found in /usr/sbin, /usr/bin or /usr/local'));
  } else console.log('skipping nginx end-to-end tests: nginx is not installed (set INGRESSCTL_REQUIRE_ENGINES=1 to make this a failure)');
  return test.skip as unknown as typeof test;
}

/** A scratch folder nginx workers (an unprivileged user when nginx runs as root) can traverse. */
export function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-e2e-'));
  chmodSync(dir, 0o755);
  return dir;
}

export const removeScratch = (dir: string) => rmSync(dir, { recursive: true, force: true });

export function nginxCheck(bundle: string): { ok: boolean; output: string } {
  const r = spawnSync(NGINX!, ['-t', '-p', bundle + '/', '-c', 'nginx.conf'], { encoding: 'utf8', timeout: 20_000 });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** Free loopback ports: listen on port 0, note the port, close. */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => { const s = createServer(); s.once('error', reject).listen(0, '127.0.0.1', () => resolve(s)); })),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

export interface Running {
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `nginx -p DIR/ -c nginx.conf -g 'daemon off;'` and waits (≤ 5 s) until `port` accepts connections. */
export async function startNginx(bundle: string, port: number): Promise<Running> {
  const child = spawn(NGINX!, ['-p', bundle + '/', '-c', 'nginx.conf', '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
      child.once('exit', () => (clearTimeout(kill), resolve()));
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await accepts(port)) return { process: child, stop };
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  const log = existsSync(join(bundle, 'error.log')) ? readFileSync(join(bundle, 'error.log'), 'utf8') : '';
  throw new Error(`nginx did not start: ${stderr}${log}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** HTTPS: the certificate the server presented (PEM fingerprint) */
  fingerprint256?: string;
}

/** One request, sent as given (path not normalised), with a 5 s limit. HTTPS sends the Host (without port) as SNI. */
export function send(scheme: 'http' | 'https', port: number, host: string, path: string, opts: { method?: string; body?: Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const common = { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host, ...(opts.body ? { 'content-length': String(opts.body.length) } : {}) }, agent: false as const, timeout: 5000 };
    const onResponse = (res: import('node:http').IncomingMessage) => {
      const chunks: Buffer[] = [];
      const fingerprint256 = scheme === 'https' ? (res.socket as TLSSocket).getPeerCertificate().fingerprint256 : undefined;
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ...(fingerprint256 ? { fingerprint256 } : {}) }));
    };
    const req = scheme === 'https' ? httpsRequest({ ...common, servername: host.replace(/:\d+$/, '').replace(/\.$/, ''), rejectUnauthorized: false }, onResponse) : httpRequest(common, onResponse);
    req.on('timeout', () => req.destroy(new Error(`timeout: ${scheme}://${host}${path}`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}
