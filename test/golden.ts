// Golden files: compared byte for byte; UPDATE_GOLDEN=1 rewrites them from the current
// output. A missing golden file is a failure naming the command that writes it: a test
// never creates its own expectation.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import * as assert from 'uvu/assert';
import { ROOT } from './helpers.js';

/** `file` is absolute; `testFile` the test's path pattern for the command to print (e.g. cli/routes-golden). */
export function matchGolden(actual: string, file: string, testFile: string): void {
  const shown = relative(ROOT, file);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  assert.ok(existsSync(file), `golden file ${shown} is missing: run \`UPDATE_GOLDEN=1 node test/run.mjs ${testFile}\` and review it before committing`);
  assert.fixture(actual, readFileSync(file, 'utf8'), `golden file ${shown} (UPDATE_GOLDEN=1 node test/run.mjs ${testFile} rewrites it)`);
}
