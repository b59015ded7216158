// npm run bench: every benchmark, side by side in one run, printed as tables.
// `npm run bench -- --quick` for a short run (scale: the git-like input only, one run);
// `-- --only scale,startup` for some suites (`serve`, `reload`: the local proxies); `-- --shapes git-like,complete` for the scale
// inputs; `-- --baseline DIR` to run another built checkout's CLI in the same scale, startup, files and serve rounds; `-- --runs N`
// scale rounds instead of 3; `-- --commands nginx,haproxy` and `-- --sizes 10000` for some scale commands and input sizes.
import { cpus, loadavg } from 'node:os';
import { benchScale } from './scale.bench.mjs';
import { benchStartup } from './startup.bench.mjs';
import { benchFiles } from './files.bench.mjs';
import { benchServe } from './serve.bench.mjs';
import { benchReload } from './reload.bench.mjs';
import { benchGraph } from './graph.bench.mjs';

const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt === -1 ? undefined : process.argv[onlyAt + 1]?.split(',');
const suites = { scale: benchScale, startup: benchStartup, files: benchFiles, serve: benchServe, reload: benchReload, graph: benchGraph };
console.log(`# ingressctl bench, ${new Date().toISOString()}: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at start${quick ? ' (--quick)' : ''}`);
for (const [name, suite] of Object.entries(suites)) {
  if (only && !only.includes(name)) continue;
  const result = await suite({ quick });
  if (!result) continue;
  const { title, columns = ['measurement', 'time', 'peak memory'], rows, ratioColumns = ['ratio', 'measured', 'target'], ratios } = result;
  console.log(`\n## ${title}\n`);
  console.log(`| ${columns.join(' | ')} |\n|${' --- |'.repeat(columns.length)}`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(`\n| ${ratioColumns.join(' | ')} |\n|${' --- |'.repeat(ratioColumns.length)}`);
  for (const r of ratios) console.log(`| ${r.join(' | ')} |`);
}
console.log(`\n(load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end)`);
