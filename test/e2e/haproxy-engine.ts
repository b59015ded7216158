// The real HAProxy for tests: is it here (skip with a reason, or fail when
// INGRESSCTL_REQUIRE_ENGINES=1), `haproxy -c` on a bundle, and a foreground haproxy on
// loopback ports that is always stopped (also when a test fails or the run is cut short).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test, type Test } from 'uvu';
import type { EmitResult } from '../../src/emit/types.js';
import { suiteNeeding } from '../needs.js';

export const HAPROXY = process.env.HAPROXY ?? (existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy');

let availability: string | undefined | null = null;

/** Why the HAProxy tests cannot run (undefined: they can). Throws when engines are required. */
/** `test` for tests that need HAProxy (test/needs.ts: skipped without it, failed under INGRESSCTL_REQUIRE_ENGINES=1). */
export function haproxyTest<C = any>(t: Test<C> = test as unknown as Test<C>): Test<C> {
  return suiteNeeding(t, 'haproxy', haproxyAvailable());
}

export function haproxyAvailable(): boolean {
  if (availability === null) {
    const r = spawnSync(HAPROXY, ['-v'], { encoding: 'utf8', timeout: 5000 });
    availability = r.status === 0 ? undefined : `${HAPROXY} is not runnable (${r.error?.message ?? r.stderr.trim()})`;
  }
  return availability === undefined;
}

export function haproxyMissing(): string | undefined {
  if (availability === null) {
    const r = spawnSync(HAPROXY, ['-v'], { encoding: 'utf8', timeout: 5000 });
    availability = r.status === 0 ? undefined : `${HAPROXY} is not runnable (${r.error?.message ?? r.stderr.trim()})`;
  }
  if (availability && process.env.INGRESSCTL_REQUIRE_ENGINES === '1') throw new Error(`INGRESSCTL_REQUIRE_ENGINES=1 but ${availability}`);
  return availability;
}

/** A fresh folder holding the emitted files, modes included. */
export function writeBundle(result: EmitResult, prefix = 'ingressctl-haproxy-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const f of result.files) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content, { mode: f.mode ?? 0o644 });
  }
  return dir;
}

export function removeBundle(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * `cd DIR && haproxy -c -f haproxy.cfg`: exit code and output. The check resolves Service
 * names with the system resolver (init-addr libc), offline answers NXDOMAIN; a lost
 * packet would cost glibc's 5 s timeout, so it is cut to 1 s here.
 */
export function checkBundle(dir: string): { code: number | null; output: string } {
  const r = spawnSync(HAPROXY, ['-c', '-f', 'haproxy.cfg'], { cwd: dir, encoding: 'utf8', timeout: 20_000, env: { ...process.env, RES_OPTIONS: 'timeout:1 attempts:1' } });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

/** The render written to a fresh folder that `haproxy -c` accepted (else it throws with the check's output, the folder removed). */
function checkedBundle(result: EmitResult, prefix?: string): string {
  const dir = writeBundle(result, prefix);
  const check = checkBundle(dir);
  if (check.code === 0) return dir;
  removeBundle(dir);
  throw new Error(`haproxy -c rejected the bundle:\n${check.output}`);
}

/** `haproxy -c` on a render written to a scratch folder (removed afterwards). */
export function checkRendered(result: EmitResult): { code: number | null; output: string } {
  const dir = writeBundle(result);
  try {
    return checkBundle(dir);
  } finally {
    removeBundle(dir);
  }
}

export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<ReturnType<typeof createServer>>((ok) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => ok(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
  return ports;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

export interface RunningHaproxy {
  stop(): Promise<void>;
  output(): string;
}

/** HAProxy could not bind a port of its bundle: another process holds it. */
export class PortTaken extends Error {}

// "Starting frontend http: cannot bind socket (Address already in use) [127.0.0.1:8080]"
const BIND_FAILED = /cannot bind socket/;

/**
 * `cd DIR && haproxy -W -db -dR -f haproxy.cfg` in the foreground, ready once its master says
 * the worker runs ("Loading success.", printed after the master bound every port). A port
 * accepting connections is no sign: when another process took it, that process accepts
 * them while haproxy fails to bind and exits. -dR (no SO_REUSEPORT) makes a port held by
 * another haproxy a failed bind too, instead of two haproxies sharing its connections.
 * Rejects with PortTaken when a port could not be bound.
 */
export async function startHaproxy(dir: string, timeoutMs = 5000, env: Record<string, string> = {}): Promise<RunningHaproxy> {
  const child = spawn(HAPROXY, ['-W', '-db', '-dR', '-f', 'haproxy.cfg'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const exited = new Promise<void>((ok) => child.once('exit', () => (running.delete(child), ok())));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((ok) => (timer = setTimeout(ok, 2000)))]);
    clearTimeout(timer);
    if (running.has(child)) child.kill('SIGKILL');
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null && !BIND_FAILED.test(output)) {
    if (/Loading success/.test(output)) return { stop, output: () => output };
    await new Promise((ok) => setTimeout(ok, 25));
  }
  await stop();
  if (BIND_FAILED.test(output)) throw new PortTaken(`haproxy could not bind a port:\n${output}`);
  throw new Error(`haproxy did not start within ${timeoutMs} ms:\n${output}`);
}

/** How many times haproxy is started on newly picked ports after another process took one. */
const BIND_ATTEMPTS = 5;

export interface HaproxyOnPorts {
  haproxy: RunningHaproxy;
  ports: number[];
  /** the bundle's folder (the caller removes it) */
  dir: string;
  result: EmitResult;
}

/**
 * Picks `count` free ports, renders for them, checks the bundle (`haproxy -c`) and runs
 * haproxy on it. A free port is one the OS gave to a listen on port 0, closed again:
 * another process (test files run in parallel) can take it before haproxy binds it. Then
 * haproxy is started again on newly picked ports, with a new render (bounded).
 */
export async function startHaproxyOnFreePorts(count: number, render: (ports: number[]) => EmitResult, options: { prefix?: string; env?: Record<string, string> } = {}): Promise<HaproxyOnPorts> {
  for (let attempt = 1; ; attempt++) {
    const ports = await freePorts(count);
    const result = render(ports);
    const dir = checkedBundle(result, options.prefix);
    try {
      return { haproxy: await startHaproxy(dir, 5000, options.env), ports, dir, result };
    } catch (err) {
      removeBundle(dir);
      if (!(err instanceof PortTaken) || attempt >= BIND_ATTEMPTS) throw err;
    }
  }
}
