// graph on every fixture folder and every file of ../shared/corpus: no crash, and valid
// Mermaid (Mermaid's own parser), DOT (dotparser) and SVG (XML, self-contained).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cli, fixture, manifestFixtureFolders } from '../helpers.js';
import { checkSvg, parseDot, parseMermaid } from './validate.js';

const corpus = join(ROOT, '..', 'shared', 'corpus');
const files = existsSync(corpus) ? readdirSync(corpus).filter((f) => /\.(ya?ml|json)$/.test(f)).sort() : [];

async function check(path: string, label: string, failures: string[]): Promise<void> {
  for (const output of ['mermaid', 'dot', 'svg']) {
    const r = await cli(['graph', path, '-o', output]);
    if (r.code > 2 || /internal error|\n\s+at /.test(r.stderr)) failures.push(`${label} -o ${output}: exit ${r.code}: ${r.stderr.slice(0, 300)}`);
    else if (r.code === 2) {
      if (!/:\d+:\d+: error|error:/.test(r.stderr)) failures.push(`${label}: exit 2 without a located message`);
      return;
    } else {
      try {
        if (output === 'mermaid') await parseMermaid(r.stdout);
        else if (output === 'dot') parseDot(r.stdout);
        else checkSvg(r.stdout);
      } catch (err) {
        failures.push(`${label} -o ${output}: ${(err as Error).message.split('\n')[0]}`);
      }
    }
  }
}

test('every fixture folder: valid Mermaid, DOT and SVG', async () => {
  const folders = manifestFixtureFolders();
  const failures: string[] = [];
  for (const f of folders) await check(fixture(f), f, failures);
  console.log(`  graph: ${folders.length} fixture folders`);
  assert.ok(folders.length >= 10);
  assert.equal(failures, []);
});

if (!files.length) {
  console.log('  skipped: ../shared/corpus is not present');
  test.skip('corpus: graph draws every file', () => {});
} else {
  test(`corpus: graph draws all ${files.length} files as valid Mermaid, DOT and SVG`, async () => {
    const failures: string[] = [];
    for (const f of files) await check(join(corpus, f), f, failures);
    console.log(`  graph: ${files.length} corpus files`);
    assert.equal(failures, []);
  });
}

test.run();
