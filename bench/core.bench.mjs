// Core pipeline: load + validate + resolve for 1k and 10k Ingresses, beside bare parses
// of the same file, and cold start of `ingressctl routes fixtures/cafe` beside `node -e 0`.
import { join } from 'node:path';
import { benchInput, runNode, timeCommand, fmt, root } from './util.mjs';

export function benchCore({ quick = false } = {}) {
  const rows = [];
  const results = {};
  for (const n of [1000, 10000]) {
    const { file, mb } = benchInput(n);
    const pipeline = runNode([join(root, 'bench/stage.mjs'), 'pipeline', file]);
    results[n] = { mb, pipeline };
    rows.push([`load+validate+resolve, ${n} Ingresses (${mb.toFixed(1)} MB, ${pipeline.count} paths)`, fmt(pipeline.ms), `${pipeline.peakMb.toFixed(0)} MB`]);
    if (n === 10000 && !quick) {
      for (const parser of ['js-yaml', 'yaml']) {
        const p = runNode([join(root, 'bench/stage.mjs'), parser, file]);
        rows.push([`  bare parse by ${parser}, same file`, fmt(p.ms), `${p.peakMb.toFixed(0)} MB`]);
        results[parser] = p;
      }
    }
  }
  const cli = join(root, 'bin/ingressctl');
  const runs = quick ? 5 : 21;
  timeCommand(process.execPath, ['-e', '0'], 3); // warm the file cache
  const node0 = timeCommand(process.execPath, ['-e', '0'], runs);
  const cold = timeCommand(process.execPath, [cli, 'routes', join(root, 'fixtures/cafe')], runs);
  rows.push(['node -e 0 (median)', fmt(node0), '']);
  rows.push(['ingressctl routes fixtures/cafe, cold (median)', fmt(cold), '']);
  const ratios = [
    ['10k ÷ 1k (load+validate+resolve)', (results[10000].pipeline.ms / results[1000].pipeline.ms).toFixed(1) + '×', '≤ 11×'],
    ['10k Ingresses wall time', fmt(results[10000].pipeline.ms), '≤ 1.5 s'],
    ['10k Ingresses peak memory', `${results[10000].pipeline.peakMb.toFixed(0)} MB`, '≤ 600 MB'],
    ['cold routes ÷ node -e 0', (cold / node0).toFixed(2) + '×', '≤ 2×'],
  ];
  return { title: 'Core: load, validate, resolve', rows, ratios };
}
