// Shared bench helpers: child-process timing with peak memory, medians, bench inputs, ports.
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { mkdirSync, existsSync, renameSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, generateGateway } from './generate.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const benchDir = join(tmpdir(), 'ingressctl-bench');

/**
 * A generated input, written once per machine: to a file of this process's and renamed, so a
 * bench running beside this one (another checkout) never reads it half written.
 */
export function writeInputOnce(file, make) {
  if (existsSync(file)) return file;
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, make());
  renameSync(partial, file);
  return file;
}

/** The N-Ingress bench input (complete, or git-like: see generate.mjs), generated once per machine into the temp folder. */
export function benchInput(n, { gitLike = false } = {}) {
  const file = writeInputOnce(join(benchDir, `ingresses-${gitLike ? 'git-' : ''}${n}.yaml`), () => generate(n, { gitLike }));
  return { file, mb: statSync(file).size / 1048576 };
}

/** The Gateway API input (bench/generate.mjs generateGateway): one Gateway and N HTTPRoutes × 10 rules. */
export function benchGatewayInput(n) {
  // named for its shape (an HTTPS listener since 2026-12-02): a file of the earlier shape is not reused
  const file = writeInputOnce(join(benchDir, `httproutes-tls-${n}.yaml`), () => generateGateway(n));
  return { file, mb: statSync(file).size / 1048576 };
}

/** Runs a node script in a fresh process; it prints JSON on its last line. Peak RSS from the OS. */
export function runNode(args, env = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  const peakKb = Number(r.stderr.trim().split('\n').pop());
  return { ...JSON.parse(lines[lines.length - 1]), peakMb: peakKb / 1024 };
}

/** Wall time of a whole command, median of `runs`; `env`: its environment (this process's unless given). */
export function timeCommand(cmd, args, runs, env = undefined) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: 'ignore', ...(env ? { env } : {}) });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

/**
 * One run of a command: wall time and peak RSS. stdout is discarded; exit codes 0 and 1
 * (findings) count as success; a command still running after `timeoutMs` is killed.
 */
export function timeOnce([cmd, ...args], timeoutMs = 600_000) {
  const t = process.hrtime.bigint();
  // timeout(1) ends the command itself (killing /usr/bin/time would leave it running)
  // peak RSS in KB, then user and system CPU seconds (the command's own, through timeout)
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', 'timeout', '-s', 'KILL', String(timeoutMs / 1000), cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const err = r.stderr.toString().trim().split('\n');
  if (r.status === 137 && ms >= timeoutMs) throw new Error(`did not finish within ${fmt(timeoutMs)}`);
  const [peakKb, user, sys] = err[err.length - 1].split(' ').map(Number);
  const peakMb = peakKb / 1024;
  const cpuMs = (user + sys) * 1000;
  if (err.some((line) => line.includes('heap out of memory'))) throw new Error(`ran out of memory after ${fmt(ms)} (peak ${mb(peakMb)})`);
  // the command's own last words, before /usr/bin/time's two lines
  if (r.status !== 0 && r.status !== 1) throw new Error(`exited ${r.status}: ${err.slice(-4, -2).join(' ').slice(0, 200)}`);
  return { ms, peakMb, cpuMs };
}

/**
 * Several commands measured side by side: run in turn (A B A B …) so drift on a shared
 * machine falls on each alike. Per command: median wall and CPU time and the highest peak RSS, or
 * the error of its first failed run (a failed command is not run again).
 */
export function timeInterleaved(commands, runs, timeoutMs) {
  const results = commands.map(() => ({ times: [], cpu: [], peakMb: 0, error: undefined }));
  for (let i = 0; i < runs; i++) {
    commands.forEach((command, c) => {
      const r = results[c];
      if (r.error) return;
      try {
        // a command is an argv, or { argv, before, after } to prepare and clean up around each run (untimed)
        const { argv = command, before, after } = Array.isArray(command) ? {} : command;
        before?.();
        let one;
        try {
          one = timeOnce(argv, timeoutMs);
        } finally {
          after?.();
        }
        r.times.push(one.ms);
        r.cpu.push(one.cpuMs);
        r.peakMb = Math.max(r.peakMb, one.peakMb);
      } catch (err) {
        r.error = err.message;
      }
    });
  }
  return results.map((r) => (r.error ? { error: r.error } : { ms: median(r.times), cpuMs: median(r.cpu), peakMb: r.peakMb }));
}

/**
 * Cold starts side by side (no /usr/bin/time in between): median wall time per command. A
 * command is an argv, or { argv, env } to run it with that environment.
 */
export function coldStarts(commands, runs) {
  const parts = commands.map((c) => (Array.isArray(c) ? { argv: c, env: undefined } : c));
  for (const { argv: [cmd, ...args], env } of parts) timeCommand(cmd, args, 1, env); // warm the file cache
  const times = parts.map(() => []);
  for (let i = 0; i < runs; i++) parts.forEach(({ argv: [cmd, ...args], env }, c) => times[c].push(timeCommand(cmd, args, 1, env)));
  return times.map(median);
}

/** A free loopback port: listen on port 0, note the port, close. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
export const mb = (n) => `${n.toFixed(0)} MB`;

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

/**
 * Polls http://127.0.0.1:PORT/new with Host HOST until it answers 200 (through `agent`, or a
 * fresh connection each time); the time it did, or undefined at the deadline.
 */
export async function untilNewAnswers(port, host, deadline, { agent = false, pauseMs = 1 } = {}) {
  while (performance.now() < deadline) {
    const status = await new Promise((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/new', headers: { host }, agent, timeout: 2000 }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(0));
      req.end();
    });
    if (status === 200) return performance.now();
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  return undefined;
}
