// Many small files: `ingressctl lint DIR --format json` over ten copies of a corpus of real
// manifests, copied into a temporary folder at bench time (and removed after).
// The corpus: $INGRESSCTL_BENCH_CORPUS, else the corpus folder beside the checkout (as the
// corpus tests find it); the suite is skipped with a message when there is none.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, mb, root, timeInterleaved } from './util.mjs';

const COPIES = 10;
const GOAL = 1500;

export function benchFiles({ quick = false } = {}) {
  const corpus = process.env.INGRESSCTL_BENCH_CORPUS ?? join(root, '..', 'shared', 'corpus');
  const title = `Many small files: lint of ${COPIES} copies of a corpus`;
  if (!existsSync(corpus)) {
    console.log(`\n(${title}: skipped, no corpus at ${corpus}; set INGRESSCTL_BENCH_CORPUS)`);
    return undefined;
  }
  const names = readdirSync(corpus).filter((f) => /\.(ya?ml|json)$/.test(f));
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-bench-files-'));
  try {
    for (let i = 0; i < COPIES; i++) cpSync(corpus, join(dir, `copy-${i}`), { recursive: true });
    const count = names.length * COPIES;
    const runs = quick ? 3 : 5;
    const cli = join(root, 'bin/ingressctl');
    const [lint, one] = timeInterleaved([[process.execPath, cli, 'lint', dir, '--format', 'json'], [process.execPath, cli, 'lint', join(dir, 'copy-0'), '--format', 'json']], runs);
    if (lint.error) throw new Error(`files bench: ${lint.error}`);
    const rate = count / (lint.ms / 1000);
    return {
      title: `${title} (${names.length} files each; medians of ${runs})`,
      rows: [
        [`ingressctl lint DIR --format json, ${count.toLocaleString('en-US')} files`, fmt(lint.ms), mb(lint.peakMb)],
        [`ingressctl lint DIR --format json, one copy (${names.length} files)`, one.error ? `failed: ${one.error}` : fmt(one.ms), one.error ? '' : mb(one.peakMb)],
      ],
      ratioColumns: ['ratio', 'measured', 'goal', 'verdict'],
      ratios: [[`lint, files per second (${count.toLocaleString('en-US')} files, one process)`, `${rate.toFixed(0)} files/s`, `≥ ${GOAL} files/s`, rate >= GOAL ? 'met' : 'NOT MET']],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
