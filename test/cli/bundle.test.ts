// The built CLI (dist/) as a user runs it: bin → dist/cli.js → bundle with code cache.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';

test('the bundle has no dynamic import(): dist/cli.js runs it through vm.Script, where import() is unavailable', () => {
  const bundle = readFileSync(join(ROOT, 'dist/ingressctl.js'), 'utf8');
  assert.not.match(bundle, /[^\w.$]import\(\s*["'`]/);
});

test('bin/ingressctl runs routes on the cafe fixture and exits 0', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/ingressctl'), 'routes', 'fixtures/cafe'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /cafe\.example\.com\s+cafe-secret\s+\/coffee\s+Prefix\s+default\/coffee-svc:80/);
});

test('bin/ingressctl: a missing file is exit 2 with one line and no stack', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/ingressctl'), 'routes', 'nope.yaml'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(r.status, 2);
  assert.is(r.stderr, 'ingressctl: nope.yaml: no such file or directory\n');
});

test.run();
