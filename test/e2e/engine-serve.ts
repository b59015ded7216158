// `serve --local --engine nginx|haproxy` as a user runs it: a child process on free ports,
// ready once it prints where it listens; stop() sends SIGTERM and returns the exit code.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';
import { haproxyAvailable } from './haproxy-engine.js';
import { NGINX } from './nginx-engine.js';

export const ENGINES = [
  { name: 'nginx' as const, available: !!NGINX },
  { name: 'haproxy' as const, available: haproxyAvailable() },
];

export interface EngineServe {
  child: ChildProcess;
  httpPort: number;
  httpsPort: number;
  stdout(): string;
  stderr(): string;
  /** waits (bounded) until stderr matches */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGTERM (or `signal`), then the exit code; SIGKILL after 15 s */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

export async function serveEngine(engine: 'nginx' | 'haproxy', args: string[], env: Record<string, string> = {}): Promise<EngineServe> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'ingressctl'), 'serve', '--local', '--engine', engine, '--http-port', '0', '--https-port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => (running.delete(child), r(code))));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(kill);
    return code;
  };
  const until = async (ok: () => boolean, what: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!ok()) {
      if (child.exitCode !== null) throw new Error(`serve --engine ${engine} exited ${child.exitCode} before ${what}:\n${err}`);
      if (Date.now() > deadline) throw new Error(`serve --engine ${engine}: no ${what} within ${timeoutMs} ms:\n${err}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await until(() => / and https:\/\/[^ ]*:\d+/.test(out), 'ready line', 20_000).catch(async (e) => {
    await stop('SIGKILL');
    throw e;
  });
  const m = /at http:\/\/[^ ]*:(\d+) and https:\/\/[^ ]*:(\d+)/.exec(out)!;
  return {
    child,
    httpPort: Number(m[1]),
    httpsPort: Number(m[2]),
    stdout: () => out,
    stderr: () => err,
    waitFor: (pattern, timeoutMs = 10_000) => until(() => pattern.test(err), String(pattern), timeoutMs),
    stop,
  };
}
