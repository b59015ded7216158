// Shared bench helpers: child-process timing with peak memory, medians, bench inputs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, existsSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const benchDir = join(tmpdir(), 'ingressctl-bench');

/** The N-Ingress bench input, generated once per machine into the temp folder. */
export function benchInput(n) {
  mkdirSync(benchDir, { recursive: true });
  const file = join(benchDir, `ingresses-${n}.yaml`);
  if (!existsSync(file)) writeFileSync(file, generate(n));
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

/** Wall time of a whole command, median of `runs`. */
export function timeCommand(cmd, args, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: 'ignore' });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
