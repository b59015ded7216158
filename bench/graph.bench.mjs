// Graph: `ingressctl graph -o svg` of 1,000 hosts (1,000 Ingresses, 10,000 routes, 50
// namespaces), a whole process — read, model, lint's route rules, graph, default collapsing,
// dagre layout, SVG — beside `routes -o json` on the same file (read + model + print), run in
// turn; and 30 hosts (300 routes) drawn in full (--collapse-above 0): what collapsing saves.
import { join } from 'node:path';
import { benchInput, fmt, mb, ratio, root, timeInterleaved } from './util.mjs';

function ok(results) {
  for (const r of results) if (r.error) throw new Error(`graph bench: ${r.error}`);
  return results;
}

export function benchGraph({ quick = false } = {}) {
  const cli = join(root, 'bin/ingressctl');
  const runs = quick ? 3 : 7;
  const big = benchInput(1000);
  const small = benchInput(30);
  const [svg, mermaid, routes, full] = ok(
    timeInterleaved(
      [
        [process.execPath, cli, 'graph', '-o', 'svg', big.file],
        [process.execPath, cli, 'graph', '-o', 'mermaid', big.file],
        [process.execPath, cli, 'routes', '-o', 'json', big.file],
        [process.execPath, cli, 'graph', '-o', 'svg', '--collapse-above', '0', small.file],
      ],
      runs,
      60_000,
    ),
  );
  return {
    title: 'Graph',
    rows: [
      [`ingressctl graph -o svg, 1,000 hosts (${big.mb.toFixed(1)} MB; 50 namespaces collapsed by default), whole process (median of ${runs})`, fmt(svg.ms), mb(svg.peakMb)],
      ['ingressctl graph -o mermaid, same file, same runs', fmt(mermaid.ms), mb(mermaid.peakMb)],
      ['ingressctl routes -o json, same file, same runs', fmt(routes.ms), mb(routes.peakMb)],
      ['ingressctl graph -o svg --collapse-above 0, 30 hosts (300 routes, 30 namespaces, every node laid out), same runs', fmt(full.ms), mb(full.peakMb)],
    ],
    ratios: [
      ['graph -o svg, 1,000 hosts, as a process', fmt(svg.ms), '≤ 2 s'],
      ['graph -o svg ÷ routes -o json, 1,000 hosts', ratio(svg.ms, routes.ms), '— (what drawing adds)'],
    ],
  };
}
