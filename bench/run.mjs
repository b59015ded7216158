// npm run bench: every benchmark, side by side in one run, printed as tables.
// `npm run bench -- --quick` for a short run.
import { benchCore } from './core.bench.mjs';

const quick = process.argv.includes('--quick');
const suites = [benchCore];
for (const suite of suites) {
  const { title, rows, ratios } = suite({ quick });
  console.log(`\n## ${title}\n`);
  console.log('| measurement | time | peak memory |\n| --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log('\n| ratio | measured | target |\n| --- | --- | --- |');
  for (const r of ratios) console.log(`| ${r.join(' | ')} |`);
}
