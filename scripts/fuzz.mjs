// npm run fuzz -- [--runs N] [--seed S] [--target nginx|envoy|haproxy|traefik] [--haproxy-all]
// npm run fuzz -- --runtime [--runs N] [--seed S]
// The injection fuzz of test/fuzz/ with more cases than CI runs. Prints one line per
// target and, on a failure, the minimal counterexample; exits 1 on any failure.
// --runtime: the runtime injection run instead (test/security/annotations-runtime.slow.test.ts):
// N random hostile values per annotation copied into a header, and N rule paths, sent
// through real nginx, real HAProxy and serve.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const { runFuzz } = await import('../test/fuzz/harness.ts');
const { FUZZ_TARGETS, ALL_FUZZ_TARGETS } = await import('../test/fuzz/targets.ts');

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const runs = Number(flag('--runs', '10000'));
const seed = Number(flag('--seed', String(Date.now() % 2 ** 31)));
const only = flag('--target', undefined);
if (args.includes('--haproxy-all')) process.env.FUZZ_HAPROXY_SAMPLE = '0';
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [--runs N] [--seed S] [--target NAME]');
  process.exit(2);
}
if (args.includes('--runtime')) {
  const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'node_modules/uvu/bin.js'), 'test', 'annotations-runtime\\.slow\\.test\\.ts$', '--no-color'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, SLOW_RUNTIME_VALUES: String(Math.min(runs, 2000)), SLOW_RUNTIME_SEED: String(seed) },
  });
  process.exit(r.status ?? 1);
}
const targets = only ? ALL_FUZZ_TARGETS.filter((t) => t.name === only) : FUZZ_TARGETS;
if (!targets.length) {
  console.error(`no such target: ${only} (have: ${ALL_FUZZ_TARGETS.map((t) => t.name).join(', ')})`);
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'ingressctl-fuzz-'));
let report;
try {
  report = runFuzz({ runs, seed, scratch, targets });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`seed ${report.seed}: ${report.runs} cases generated, ${report.skipped} skipped (no faithful twin), ${report.refused} with an error finding, ${(report.ms / 1000).toFixed(1)} s`);
if (report.failure) console.log(`FAILED:\n${report.failure}`);
for (const t of report.targets) {
  const parser = t.parser ? `${t.parser.name} ran ${t.parser.runs}×` : 'real parser not installed';
  console.log(`${t.target}: ${t.cases} cases, hostile values written (quoted) in ${t.written}, ${parser}: ${t.failure ? 'FAILED' : 'ok'}`);
  if (t.failure) console.log(t.failure);
}
process.exit(report.failure || report.targets.some((t) => t.failure) ? 1 : 0);
