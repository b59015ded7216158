// Many small files: `ingressctl lint DIR --format json` over ten copies of a corpus of real
// manifests, copied into a temporary folder at bench time (and removed after).
// The corpus: $INGRESSCTL_BENCH_CORPUS, else the corpus folder beside the checkout (as the
// corpus tests find it); the suite is skipped with a message when there is none.
// The copies hold the same objects: every file is read and parsed, then each object's last
// definition is kept (one object-defined-twice finding names the others), so the model and
// the cross-object rules see one copy's objects. `one copy` is the same lint without duplicates.
// `distinct` is a second set of ten copies in which each copy's objects live in namespaces of
// their own (every namespace gets the suffix -cN; files js-yaml cannot read are copied as
// they are): 2,400 files whose objects do not collapse, as in a repository of many services.
// `--baseline DIR` also runs DIR/bin/ingressctl (another checkout, built) in the same rounds,
// turn about with this build, and prints both rates and their ratio; `--runs N` rounds (default 5, 3 with --quick).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as yaml from 'js-yaml';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fmt, mb, root, timeInterleaved } from './util.mjs';

const COPIES = 10;
const GOAL = 1500;

export function benchFiles({ quick = false, argv = process.argv } = {}) {
  const corpus = process.env.INGRESSCTL_BENCH_CORPUS ?? join(root, '..', 'shared', 'corpus');
  const title = `Many small files: lint of ${COPIES} copies of a corpus`;
  if (!existsSync(corpus)) {
    console.log(`\n(${title}: skipped, no corpus at ${corpus}; set INGRESSCTL_BENCH_CORPUS)`);
    return undefined;
  }
  const at = argv.indexOf('--baseline');
  const baseline = at === -1 ? undefined : resolve(argv[at + 1]);
  if (baseline && !existsSync(join(baseline, 'dist', 'ingressctl.js'))) throw new Error(`files bench: --baseline ${baseline} has no build (run node scripts/build.mjs there)`);
  const runsAt = argv.indexOf('--runs');
  const runs = runsAt !== -1 ? Math.max(1, Number(argv[runsAt + 1]) || 5) : quick ? 3 : 5;
  const names = readdirSync(corpus).filter((f) => /\.(ya?ml|json)$/.test(f));
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-bench-files-'));
  try {
    for (let i = 0; i < COPIES; i++) cpSync(corpus, join(dir, `copy-${i}`), { recursive: true });
    // beside the copies, not inside them: `lint dir` must read the ten copies only
    const distinct = `${dir}-distinct`;
    for (let i = 0; i < COPIES; i++) writeDistinctCopy(corpus, names, join(distinct, `copy-${i}`), `-c${i}`);
    const count = names.length * COPIES;
    const builds = [{ label: '', cli: join(root, 'bin/ingressctl') }, ...(baseline ? [{ label: 'baseline: ', cli: join(baseline, 'bin/ingressctl') }] : [])];
    // per build: all copies, then one copy; every command once per round, in turn
    const commands = builds.flatMap(({ cli }) => [
      [process.execPath, cli, 'lint', dir, '--format', 'json'],
      [process.execPath, cli, 'lint', join(dir, 'copy-0'), '--format', 'json'],
      [process.execPath, cli, 'lint', distinct, '--format', 'json'],
    ]);
    const results = timeInterleaved(commands, runs);
    const rows = [];
    const ratios = [];
    const rates = [];
    builds.forEach(({ label }, b) => {
      const [lint, one, apart] = results.slice(3 * b, 3 * b + 3);
      if (lint.error) throw new Error(`files bench: ${label}${lint.error}`);
      const rate = count / (lint.ms / 1000);
      rates.push(rate);
      rows.push(
        [`${label}ingressctl lint DIR --format json, ${count.toLocaleString('en-US')} files`, `${fmt(lint.ms)} (CPU ${fmt(lint.cpuMs)})`, mb(lint.peakMb)],
        [`${label}ingressctl lint DIR --format json, one copy (${names.length} files)`, one.error ? `failed: ${one.error}` : `${fmt(one.ms)} (CPU ${fmt(one.cpuMs)})`, one.error ? '' : mb(one.peakMb)],
        [`${label}ingressctl lint DIR --format json, ${count.toLocaleString('en-US')} files, each copy in namespaces of its own`, apart.error ? `failed: ${apart.error}` : `${fmt(apart.ms)} (CPU ${fmt(apart.cpuMs)})`, apart.error ? '' : mb(apart.peakMb)],
      );
      ratios.push([`${label}lint, files per second (${count.toLocaleString('en-US')} files, one process)`, `${rate.toFixed(0)} files/s`, `≥ ${GOAL} files/s`, rate >= GOAL ? 'met' : 'NOT MET']);
      if (!apart.error) ratios.push([`${label}lint, files per second (${count.toLocaleString('en-US')} files, distinct objects)`, `${(count / (apart.ms / 1000)).toFixed(0)} files/s`, '(same input size, nothing collapses)', '']);
    });
    if (baseline) ratios.push(['lint, files per second: this build ÷ baseline', `${(rates[0] / rates[1]).toFixed(2)}×`, '—', '']);
    return {
      title: `${title} (${names.length} files each; medians of ${runs}${baseline ? `, baseline ${baseline} in the same rounds` : ''})`,
      rows,
      ratioColumns: ['ratio', 'measured', 'goal', 'verdict'],
      ratios,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-distinct`, { recursive: true, force: true });
  }
}

/** One copy of the corpus whose namespaced objects all move to `<namespace><suffix>` (references stay inside a namespace, so they still resolve). */
function writeDistinctCopy(corpus, names, to, suffix) {
  mkdirSync(to, { recursive: true });
  for (const name of names) {
    const text = readFileSync(join(corpus, name), 'utf8');
    let out = text;
    try {
      const docs = yaml.loadAll(text).filter((d) => d !== null && d !== undefined);
      out = docs
        .map((d) => {
          if (d && typeof d === 'object' && d.metadata && typeof d.metadata === 'object' && d.kind !== 'Namespace' && d.kind !== 'IngressClass') d.metadata.namespace = `${d.metadata.namespace ?? 'default'}${suffix}`;
          return yaml.dump(d, { lineWidth: -1, noRefs: true });
        })
        .join('---\n');
    } catch {
      out = text;
    }
    writeFileSync(join(to, name), out);
  }
}
