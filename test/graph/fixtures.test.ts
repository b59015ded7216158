// graph on every fixture folder: valid Mermaid, DOT and SVG (the shared corpus: corpus.slow.test.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixture, manifestFixtureFolders } from '../helpers.js';
import { checkGraph } from './check.js';

test('every fixture folder: valid Mermaid, DOT and SVG', async () => {
  const folders = manifestFixtureFolders();
  const failures: string[] = [];
  for (const f of folders) await checkGraph(fixture(f), f, failures);
  console.log(`  graph: ${folders.length} fixture folders`);
  assert.ok(folders.length >= 10);
  assert.equal(failures, []);
});

test.run();
