// nginx.conf of every fixture folder equals its golden file (UPDATE_GOLDEN=1 rewrites them),
// and does not depend on the order or file split of the input.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchGolden } from '../golden.js';
import { cli, manifestFixtureFolders, ROOT } from '../helpers.js';
import { routingFixture } from '../cases/routing-cases.js';

const folders = manifestFixtureFolders();

for (const name of folders) {
  test(`fixtures/${name} renders as test/golden/nginx/${name}.conf`, async () => {
    const r = await cli(['render', `fixtures/${name}`]);
    if (r.code === 2) return; // unusable input: nothing is rendered (tested in the command tests)
    matchGolden(r.stdout, join(ROOT, 'test/golden/nginx', `${name}.conf`), 'emit/nginx-golden');
  });
}

/** The documents of a folder, one per "---", in the given order, as one stdin stream. */
function documents(folder: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(join(ROOT, folder)).sort()) {
    const text = readFileSync(join(ROOT, folder, f), 'utf8');
    out.push(...text.split(/^---$/m).filter((d) => /\bkind:/.test(d)));
  }
  return out;
}

test('input order and file split do not change the output', async () => {
  const base = await cli(['render', routingFixture]);
  const docs = documents(routingFixture);
  assert.ok(docs.length > 10);
  const reversed = await cli(['render', '-'], docs.slice().reverse().join('\n---\n'));
  const interleaved = await cli(['render', '-'], [...docs.filter((_, i) => i % 2), ...docs.filter((_, i) => !(i % 2))].join('\n---\n'));
  assert.is(reversed.code, base.code);
  assert.fixture(reversed.stdout, base.stdout);
  assert.fixture(interleaved.stdout, base.stdout);
});

test('the same input renders byte-identical output twice', async () => {
  const a = await cli(['render', routingFixture]);
  const b = await cli(['render', routingFixture]);
  assert.ok(a.stdout.length > 1000);
  assert.is(a.stdout, b.stdout);
});

test.run();
