// Running real nginx in tests: find it (skip, or fail when INGRESSCTL_REQUIRE_ENGINES=1),
// render a bundle, start it on loopback, stop it always.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { test, type Test } from 'uvu';
import { suiteNeeding } from '../needs.js';
import * as assert from 'uvu/assert';
import type { RouteModel } from '../../src/model/types.js';
import { writeBundle } from '../../src/emit/bundle.js';
import type { EmittedFile } from '../../src/emit/types.js';
import { cli } from '../helpers.js';
import { startEchoServers, type EchoServers } from './echo-servers.js';
import { backendKey, modelBackends } from '../../src/engines/echo-upstreams.js';

export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx', '/usr/local/bin/nginx'].find((p) => existsSync(p));

/** `test` for tests that need nginx (test/needs.ts: skipped without it, failed under INGRESSCTL_REQUIRE_ENGINES=1). */
export function nginxTest<C = any>(t: Test<C> = test as unknown as Test<C>): Test<C> {
  return suiteNeeding(t, 'nginx', !!NGINX);
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

/** `nginx -t` on rendered files, written to a scratch bundle that is removed again. */
export function nginxAccepts(files: EmittedFile[]): { ok: boolean; output: string } {
  const dir = scratch();
  try {
    writeBundle(join(dir, 'b'), files);
    return nginxCheck(join(dir, 'b'));
  } finally {
    removeScratch(dir);
  }
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

/** nginx could not bind a port: another process took it after freePorts() gave it. */
export class PortTaken extends Error {}

// "bind() to 127.0.0.1:8080 failed (98: Address already in use)"
const BIND_FAILED = /bind\(\) to .* failed \(98: Address already in use\)/;
/** How many times standUp picks fresh ports after losing one to another process. */
const BIND_ATTEMPTS = 5;

/**
 * Starts `nginx -p DIR/ -c nginx.conf -g 'daemon off;'` and waits (≤ 5 s) for nginx's own sign
 * that it bound its ports: the pid file it writes after binding (a port accepting may be
 * another process's). Rejects with PortTaken when a port could not be bound (nginx would try
 * for 2 s more before giving up).
 */
export async function startNginx(bundle: string): Promise<Running> {
  const pidFile = join(bundle, 'nginx.pid');
  rmSync(pidFile, { force: true });
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
  while (Date.now() < deadline && child.exitCode === null && !BIND_FAILED.test(stderr)) {
    if (existsSync(pidFile)) return { process: child, stop };
    await new Promise((r) => setTimeout(r, 20));
  }
  await stop();
  const log = existsSync(join(bundle, 'error.log')) ? readFileSync(join(bundle, 'error.log'), 'utf8') : '';
  if (BIND_FAILED.test(stderr + log)) throw new PortTaken(`nginx could not bind a port: ${stderr}${log}`);
  throw new Error(`nginx did not start: ${stderr}${log}`);
}

/**
 * Picks `count` free ports, renders with them (`render` writes the bundle into `bundle`) and
 * starts nginx there; a port another process took in between is picked again (bounded).
 */
export async function startNginxOnFreePorts(count: number, bundle: string, render: (ports: number[]) => Promise<void> | void): Promise<{ ports: number[]; nginx: Running }> {
  for (let attempt = 1; ; attempt++) {
    const ports = await freePorts(count);
    rmSync(bundle, { recursive: true, force: true });
    await render(ports);
    try {
      return { ports, nginx: await startNginx(bundle) };
    } catch (err) {
      if (!(err instanceof PortTaken) || attempt >= BIND_ATTEMPTS) throw err;
    }
  }
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

/** Every backend a model can send to, as "ns/svc:port" (the key --upstream takes). */
export function backendsOf(model: RouteModel): string[] {
  return modelBackends(model).map(backendKey);
}

export interface Stand {
  httpPort: number;
  httpsPort: number;
  /** the rendered bundle */
  bundle: string;
  /** what render printed on stderr */
  renderStderr: string;
  stop(): Promise<void>;
}

/**
 * Renders `input` (a path, or YAML text) with every backend of `model` sent to its own echo
 * server, and starts nginx on loopback with free ports (`renderArgs` go to render too). stop() ends both and removes the files.
 */
export async function standUp(input: { path: string } | { yaml: string }, model: RouteModel, renderArgs: string[] = []): Promise<Stand> {
  const dir = scratch();
  let echo: EchoServers | undefined;
  let nginx: Running | undefined;
  const stop = async () => {
    await nginx?.stop();
    await echo?.close();
    removeScratch(dir);
  };
  try {
    echo = await startEchoServers(backendsOf(model));
    const source = 'path' in input ? input.path : join(dir, 'in.yaml');
    if ('yaml' in input) writeFileSync(source, input.yaml);
    const upstreams = [...echo.ports].flatMap(([b, port]) => ['--upstream', `${b}=127.0.0.1:${port}`]);
    const bundle = join(dir, 'bundle');
    let renderStderr = '';
    const started = await startNginxOnFreePorts(2, bundle, async ([httpPort, httpsPort]) => {
      const r = await cli(['render', source, ...upstreams, ...renderArgs, '--http-port', String(httpPort), '--https-port', String(httpsPort), '--listen-address', '127.0.0.1', '-o', bundle]);
      if (r.code !== 0) throw new Error(`render exited ${r.code}: ${r.stderr}`);
      renderStderr = r.stderr;
    });
    nginx = started.nginx;
    const [httpPort, httpsPort] = started.ports;
    return { httpPort, httpsPort, bundle, renderStderr, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
