// Render: each registered target (src/emit/index.ts) on the 10k-Ingress input, measured two
// ways against the same baseline:
// - CLI: `render --target T` (main config to stdout) beside `routes -o json` (the model as
//   JSON to stdout): both read the input and write one large text; run side by side.
// - in process: the emitter alone, after load+validate+resolve in the same process, so the
//   ratio (pipeline + emit) ÷ pipeline shows what emitting adds to building the model.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { benchInput, fmt, mb, ratio, root, runNode, timeInterleaved } from './util.mjs';

const require = createRequire(import.meta.url);

/** A target that needs longer than this on the 10k input is reported as failed. */
const TIMEOUT_MS = 180_000;

export function benchRender({ quick = false } = {}) {
  const targets = Object.keys(require('../dist/index.js').emitters);
  const cli = join(root, 'bin/ingressctl');
  const { file, mb: size } = benchInput(10000);
  const runs = quick ? 1 : 3;
  const commands = [[process.execPath, cli, 'routes', '-o', 'json', file], ...targets.map((t) => [process.execPath, cli, 'render', '--target', t, file])];
  const [routes, ...renders] = timeInterleaved(commands, runs, TIMEOUT_MS);
  if (routes.error) throw new Error(`render bench: routes -o json ${routes.error}`);

  const rows = [[`ingressctl routes -o json, 10,000 Ingresses (${size.toFixed(0)} MB), to stdout (median of ${runs})`, fmt(routes.ms), mb(routes.peakMb)]];
  const ratios = [];
  targets.forEach((t, i) => {
    const r = renders[i];
    rows.push([`ingressctl render --target ${t}, same file, to stdout, same runs`, r.error ? `failed: ${r.error}` : fmt(r.ms), r.error ? '' : mb(r.peakMb)]);
    ratios.push([`render ${t} ÷ routes -o json (CLI)`, r.error ? 'failed' : ratio(r.ms, routes.ms), '≤ 1.3×']);
  });
  targets.forEach((t, i) => {
    if (renders[i].error) return; // it would fail the same way in process
    const e = runNode([join(root, 'bench/stage.mjs'), 'emit', file, t]);
    rows.push([`  in process: ${t} emitter after load+validate+resolve (${fmt(e.ms)}), ${e.mb.toFixed(0)} MB config`, fmt(e.emitMs), mb(e.peakMb)]);
    ratios.push([`(load+validate+resolve + ${t} emit) ÷ load+validate+resolve (in process)`, ratio(e.ms + e.emitMs, e.ms), '— (diagnostic)']);
  });
  return { title: 'Render', rows, ratios };
}
