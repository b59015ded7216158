// npm run bench: every benchmark, side by side in one run, printed as tables.
// `npm run bench -- --quick` for a short run; `-- --only lint,serve,reload` for some suites.
import { benchCore } from './core.bench.mjs';
import { benchLint } from './lint.bench.mjs';
import { benchRender } from './render.bench.mjs';
import { benchServe } from './serve.bench.mjs';
import { benchReload } from './reload.bench.mjs';

const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt === -1 ? undefined : process.argv[onlyAt + 1]?.split(',');
const suites = { core: benchCore, lint: benchLint, render: benchRender, serve: benchServe, reload: benchReload };
for (const [name, suite] of Object.entries(suites)) {
  if (only && !only.includes(name)) continue;
  const { title, columns = ['measurement', 'time', 'peak memory'], rows, ratios } = await suite({ quick });
  console.log(`\n## ${title}\n`);
  console.log(`| ${columns.join(' | ')} |\n|${' --- |'.repeat(columns.length)}`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log('\n| ratio | measured | target |\n| --- | --- | --- |');
  for (const r of ratios) console.log(`| ${r.join(' | ')} |`);
}
