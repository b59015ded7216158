// Golden `routes -o json` output for every fixture folder; UPDATE_GOLDEN=1 rewrites them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { matchGolden } from '../golden.js';
import { ROOT, cli, manifestFixtureFolders } from '../helpers.js';

// invalid/ holds unparseable files: routes exits 2 there (test/load/bad-input.test.ts)
const folders = manifestFixtureFolders().filter((f) => f !== 'invalid');

for (const name of folders) {
  test(`routes -o json matches the golden file for fixtures/${name}`, async () => {
    const r = await cli(['routes', `fixtures/${name}`, '-o', 'json']);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
    matchGolden(r.stdout, join(ROOT, 'test/golden/routes', `${name}.json`), 'cli/routes-golden');
  });
}

test('routes output is the same whatever the file order or split', async () => {
  const a = await cli(['routes', 'fixtures/wildcard/hosts.yaml', 'fixtures/wildcard/services.yaml', '-o', 'json']);
  const b = await cli(['routes', 'fixtures/wildcard/services.yaml', 'fixtures/wildcard/hosts.yaml', '-o', 'json']);
  const strip = (s: string) => s.replace(/"line": \d+,\s*"column": \d+,/g, '').replace(/"file": "[^"]*",/g, '');
  assert.is(strip(a.stdout), strip(b.stdout));
  // and byte-identical for the same input
  const c = await cli(['routes', 'fixtures/wildcard/hosts.yaml', 'fixtures/wildcard/services.yaml', '-o', 'json']);
  assert.is(a.stdout, c.stdout);
});

test.run();
