// npm run fuzz -- [--runs N] [--seed S] [--target nginx|envoy|haproxy|traefik] [--haproxy-all]
// The injection fuzz of test/fuzz/ with more cases than CI runs. Prints one line per
// target and, on a failure, the minimal counterexample; exits 1 on any failure.
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
