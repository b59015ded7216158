// graph on every file of the shared corpus: valid Mermaid, DOT and SVG, never a crash.
import { basename } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { corpusTest } from '../corpus.js';
import { checkGraph } from './check.js';

corpusTest(test, 'corpus: graph draws every file as valid Mermaid, DOT and SVG', async (paths) => {
  const failures: string[] = [];
  for (const path of paths) await checkGraph(path, basename(path), failures);
  assert.equal(failures, []);
  return paths.length;
});

test.run();
