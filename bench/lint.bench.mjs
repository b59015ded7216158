// Lint: `ingressctl lint` on the 10k-Ingress input beside `ingressctl routes` on the same
// file (both print a text report to stdout), and cold `lint fixtures/cafe` beside `node -e 0`.
import { join } from 'node:path';
import { benchInput, coldStarts, fmt, mb, ratio, root, timeInterleaved } from './util.mjs';

/** Lint's measurements are all needed for its ratios: a failed command fails the suite. */
function ok(results) {
  for (const r of results) if (r.error) throw new Error(`lint bench: ${r.error}`);
  return results;
}

export function benchLint({ quick = false } = {}) {
  const cli = join(root, 'bin/ingressctl');
  const { file, mb: size } = benchInput(10000);
  const [lint, routes] = ok(timeInterleaved(
    [
      [process.execPath, cli, 'lint', file],
      [process.execPath, cli, 'routes', file],
    ],
    quick ? 1 : 3,
  ));
  const cafe = join(root, 'fixtures/cafe');
  const [node0, cold] = coldStarts([[process.execPath, '-e', '0'], [process.execPath, cli, 'lint', cafe]], quick ? 5 : 21);
  const input = `10,000 Ingresses (${size.toFixed(0)} MB)`;
  return {
    title: 'Lint',
    rows: [
      [`ingressctl lint, ${input} (median of ${quick ? 1 : 3})`, fmt(lint.ms), mb(lint.peakMb)],
      [`ingressctl routes (table), same file, same runs`, fmt(routes.ms), mb(routes.peakMb)],
      ['node -e 0 (median)', fmt(node0), ''],
      ['ingressctl lint fixtures/cafe, cold (median)', fmt(cold), ''],
    ],
    ratios: [
      ['lint ÷ routes, 10k Ingresses', ratio(lint.ms, routes.ms), '≤ 1.2×'],
      ['cold lint ÷ node -e 0', ratio(cold, node0), '≤ 2×'],
    ],
  };
}
