// Cold start: `ingressctl routes fixtures/cafe` beside `node -e 0`, run in turn, medians.
// `--baseline DIR` also runs DIR/bin/ingressctl (another checkout, built) in the same rounds.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { coldStarts, fmt, ratio, root } from './util.mjs';

const GOAL = 1.5;

export function benchStartup({ quick = false, argv = process.argv } = {}) {
  const runs = quick ? 7 : 21;
  const at = argv.indexOf('--baseline');
  const baseline = at === -1 ? undefined : resolve(argv[at + 1]);
  if (baseline && !existsSync(join(baseline, 'dist', 'ingressctl.js'))) throw new Error(`startup bench: --baseline ${baseline} has no build (run node scripts/build.mjs there)`);
  const cli = join(root, 'bin/ingressctl');
  const cafe = join(root, 'fixtures/cafe');
  const commands = [[process.execPath, '-e', '0'], [process.execPath, cli, 'routes', cafe], [process.execPath, cli, 'lint', cafe]];
  if (baseline) commands.push([process.execPath, join(baseline, 'bin/ingressctl'), 'routes', cafe], [process.execPath, join(baseline, 'bin/ingressctl'), 'lint', cafe]);
  const [node0, routes, lint, baseRoutes, baseLint] = coldStarts(commands, runs);
  const rows = [
    ['node -e 0', fmt(node0), ''],
    ['ingressctl routes fixtures/cafe', fmt(routes), ''],
    ['ingressctl lint fixtures/cafe', fmt(lint), ''],
  ];
  const ratios = [
    ['cold routes fixtures/cafe ÷ node -e 0', ratio(routes, node0), `≤ ${GOAL}×`, routes / node0 <= GOAL ? 'met' : 'NOT MET'],
    ['cold lint fixtures/cafe ÷ node -e 0', ratio(lint, node0), '—', ''],
  ];
  if (baseline) {
    rows.push(['baseline: ingressctl routes fixtures/cafe', fmt(baseRoutes), ''], ['baseline: ingressctl lint fixtures/cafe', fmt(baseLint), '']);
    ratios.push(['baseline: cold routes fixtures/cafe ÷ node -e 0', ratio(baseRoutes, node0), '—', ''], ['baseline: cold lint fixtures/cafe ÷ node -e 0', ratio(baseLint, node0), '—', '']);
  }
  return {
    title: `Cold start (medians of ${runs}, run in turn${baseline ? `, baseline ${baseline} in the same rounds` : ''})`,
    rows,
    ratioColumns: ['ratio', 'measured', 'goal', 'verdict'],
    ratios,
  };
}
