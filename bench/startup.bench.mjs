// Cold start: `ingressctl routes fixtures/cafe` beside `node -e 0`, run in turn, medians.
import { join } from 'node:path';
import { coldStarts, fmt, ratio, root } from './util.mjs';

const GOAL = 1.5;

export function benchStartup({ quick = false } = {}) {
  const runs = quick ? 7 : 21;
  const cli = join(root, 'bin/ingressctl');
  const cafe = join(root, 'fixtures/cafe');
  const [node0, routes, lint] = coldStarts([[process.execPath, '-e', '0'], [process.execPath, cli, 'routes', cafe], [process.execPath, cli, 'lint', cafe]], runs);
  return {
    title: `Cold start (medians of ${runs}, run in turn)`,
    rows: [
      ['node -e 0', fmt(node0), ''],
      ['ingressctl routes fixtures/cafe', fmt(routes), ''],
      ['ingressctl lint fixtures/cafe', fmt(lint), ''],
    ],
    ratioColumns: ['ratio', 'measured', 'goal', 'verdict'],
    ratios: [
      ['cold routes fixtures/cafe ÷ node -e 0', ratio(routes, node0), `≤ ${GOAL}×`, routes / node0 <= GOAL ? 'met' : 'NOT MET'],
      ['cold lint fixtures/cafe ÷ node -e 0', ratio(lint, node0), '—', ''],
    ],
  };
}
