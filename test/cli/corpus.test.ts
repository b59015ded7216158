// Every manifest of ../shared/corpus (240 real files): routes and explain end cleanly
// (exit 0, 1 or 2 with a message), never an internal error or a stack trace.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cli } from '../helpers.js';

const corpus = join(ROOT, '..', 'shared', 'corpus');
const files = existsSync(corpus) ? readdirSync(corpus).filter((f) => /\.(ya?ml|json)$/.test(f)).sort() : [];

if (!files.length) {
  console.log('  skipped: ../shared/corpus is not present');
  test.skip('corpus: routes and explain handle every file', () => {});
} else {
  test(`corpus: routes and explain handle all ${files.length} files`, async () => {
    const failures: string[] = [];
    for (const f of files) {
      const path = join(corpus, f);
      for (const argv of [['routes', path, '-o', 'json'], ['explain', 'http://example.com/', path, '-o', 'json']]) {
        const r = await cli(argv);
        if (r.code > 2 || /internal error|\n\s+at /.test(r.stderr)) failures.push(`${argv[0]} ${f}: exit ${r.code}: ${r.stderr.slice(0, 300)}`);
        else if (r.code === 2 && !/:\d+:\d+: error|error:/.test(r.stderr)) failures.push(`${argv[0]} ${f}: exit 2 without a located message`);
        else if (r.code < 2) JSON.parse(r.stdout);
      }
    }
    assert.equal(failures, []);
  });
}

test.run();
