// Every manifest of the shared corpus (../shared/corpus, real-world files) lints to exit
// 0 or 1: never a usage error, never a crash, in bounded time. Each test prints how many
// files it ran (test/corpus.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { CORPUS, corpusTest } from '../corpus.js';
import { cli, ROOT } from '../helpers.js';

const PER_FILE_MS = 5000;

corpusTest(test, 'lint ends with exit 0 or 1 on every corpus file, each within bounded time', async (paths) => {
  const bad: string[] = [];
  const started = Date.now();
  for (const path of paths) {
    const t = Date.now();
    const r = await cli(['lint', '--config', 'fixtures/lint/configs/empty.yaml', '--now', '2030-01-01T00:00:00Z', '--format', 'json', path]);
    const ms = Date.now() - t;
    if (r.code !== 0 && r.code !== 1) bad.push(`${path}: exit ${r.code} ${r.stderr.trim()}`);
    else if (ms > PER_FILE_MS) bad.push(`${path}: took ${ms} ms`);
    else JSON.parse(r.stdout); // the report is complete JSON
  }
  assert.equal(bad, []);
  assert.ok(Date.now() - started < 60_000, 'the corpus took over a minute');
  return paths.length;
});

corpusTest(test, 'the SARIF report of the whole corpus validates against the SARIF 2.1.0 schema', async (paths) => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'test/schemas/sarif-2.1.0.json'), 'utf8')));
  const r = await cli(['lint', '--config', 'fixtures/lint/configs/empty.yaml', '--now', '2030-01-01T00:00:00Z', '--format', 'sarif', CORPUS]);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const log = JSON.parse(r.stdout);
  assert.ok(log.runs[0].results.length > 100);
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  return paths.length;
});

test.run();
