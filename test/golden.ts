// Golden files: compared byte for byte; UPDATE_GOLDEN=1 rewrites them from the current
// output. A missing golden file is a failure naming the command that writes it: a test
// never creates its own expectation.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as assert from 'uvu/assert';
import { loadInputs } from '../src/load/index.js';
import { parseText, type ParsedFile } from '../src/load/parse.js';
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

/** A folder of golden files: each of `files` (name → content) matches its namesake in `dir`, and `dir` holds no other file. */
export function matchGoldenDir(files: Map<string, string>, dir: string, testFile: string): void {
  for (const [name, content] of files) matchGolden(content, join(dir, name), testFile);
  assert.equal(readdirSync(dir).sort(), [...files.keys()].sort(), `${relative(ROOT, dir)} holds files the render does not write`);
}

/**
 * The documents of fixtures/FOLDER as one file in reverse order (files and documents), each
 * in its own namespace or "default": a render must not depend on input order or file split.
 */
export function reorderedFixture(folder: string): ParsedFile['documents'] {
  const { files } = loadInputs([`fixtures/${folder}`]);
  const joined = files.reverse().map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n---\n');
  const docs = parseText('all-in-one.yaml', joined).documents.reverse();
  for (const d of docs) d.namespace = typeof d.obj.metadata?.namespace === 'string' ? d.obj.metadata.namespace : 'default';
  return docs;
}
