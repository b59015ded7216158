// Every manifest of ../shared/corpus (real files): routes and explain end cleanly (exit 0,
// 1 or 2 with a message), never an internal error or a stack trace. Prints how many files ran.
import { basename } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { corpusTest } from '../corpus.js';
import { cli } from '../helpers.js';

corpusTest(test, 'corpus: routes and explain handle every file', async (paths) => {
  const failures: string[] = [];
  for (const path of paths) {
    const f = basename(path);
    for (const argv of [['routes', path, '-o', 'json'], ['explain', 'http://example.com/', path, '-o', 'json']]) {
      const r = await cli(argv);
      if (r.code > 2 || /internal error|\n\s+at /.test(r.stderr)) failures.push(`${argv[0]} ${f}: exit ${r.code}: ${r.stderr.slice(0, 300)}`);
      else if (r.code === 2 && !/:\d+:\d+: error|error:/.test(r.stderr)) failures.push(`${argv[0]} ${f}: exit 2 without a located message`);
      else if (r.code < 2) JSON.parse(r.stdout);
    }
  }
  assert.equal(failures, []);
  return paths.length;
});

test.run();
