// diff's findings: each labelled with its side, each once per side; exit 1 when NEW has
// error-level findings (as lint would), 2 for unusable input; -f OLD -f NEW works.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, fixture, ingress, ROOT } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'ingressctl-diff-'));
const OLD = join(dir, 'cafe');
const NEW = join(dir, 'cafe-new');
const BROKEN = join(dir, 'broken');
// both sides route /milk to a Service that is not in the input (an error finding on each side)
for (const d of [OLD, NEW]) {
  cpSync(join(ROOT, fixture('cafe')), d, { recursive: true });
  writeFileSync(join(d, 'milk.yaml'), ingress('milk', 'cafe.example.com', [['/milk', 'Prefix', 'milk-svc']]));
}
writeFileSync(join(NEW, 'latte.yaml'), ingress('latte', 'cafe.example.com', [['/latte', 'Prefix', 'coffee-svc']]));
cpSync(join(ROOT, fixture('cafe')), BROKEN, { recursive: true });
writeFileSync(join(BROKEN, 'broken.yaml'), 'kind: Ingress\nmetadata: [\n');

const errorLines = (stderr: string) => stderr.split('\n').filter((l) => / error: /.test(l));

test('findings are labelled OLD:/NEW:, each once per side; NEW with errors exits 1', async () => {
  const r = await cli(['diff', OLD, NEW]);
  const lines = errorLines(r.stderr);
  assert.is(lines.length, 2, r.stderr);
  assert.match(lines[0], /^OLD: .*milk\.yaml:\d+:\d+: error: .*milk-svc.*\[service-not-found\]$/);
  assert.match(lines[1], /^NEW: .*milk\.yaml:\d+:\d+: error: .*milk-svc.*\[service-not-found\]$/);
  assert.is(r.code, 1, 'NEW has error-level findings');
  assert.match(r.stdout, /\/latte/);
});

test('NEW without errors exits 0 even when OLD had some; --exit-code exits 1 when an outcome differs', async () => {
  const fixed = await cli(['diff', OLD, join(ROOT, fixture('cafe'))]);
  assert.is(fixed.code, 0, fixed.stderr);
  assert.match(fixed.stderr, /^OLD: .*\[service-not-found\]$/m);
  assert.not.match(fixed.stderr, /^NEW: /m);
  assert.is((await cli(['diff', OLD, join(ROOT, fixture('cafe')), '--exit-code'])).code, 1);
  assert.is((await cli(['diff', fixture('cafe'), fixture('cafe'), '--exit-code'])).code, 0);
});

test('unusable input on either side exits 2', async () => {
  assert.is((await cli(['diff', BROKEN, fixture('cafe')])).code, 2);
  assert.is((await cli(['diff', fixture('cafe'), BROKEN])).code, 2);
});

test('diff -f OLD -f NEW is diff OLD NEW; one or three sets are a usage error', async () => {
  const positional = await cli(['diff', OLD, NEW, '-o', 'json']);
  const flags = await cli(['diff', '-f', OLD, '-f', NEW, '-o', 'json']);
  assert.is(flags.code, positional.code);
  assert.is(flags.stdout, positional.stdout);
  assert.is((await cli(['diff', '-f', OLD])).code, 2);
  const three = await cli(['diff', OLD, NEW, '-f', OLD]);
  assert.is(three.code, 2);
  assert.match(three.stderr, /diff OLD NEW, or -f OLD -f NEW/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
