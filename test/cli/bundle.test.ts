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
  assert.match(r.stdout, /cafe\.example\.com\s+yes\s+\/coffee\s+Prefix\s+default\/coffee-svc:80/);
});

test('bin/ingressctl: a missing file is exit 2 with one line and no stack', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/ingressctl'), 'routes', 'nope.yaml'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(r.status, 2);
  assert.is(r.stderr, 'ingressctl: nope.yaml: no such file or directory\n');
});

test('bin/ingressctl --debug: the stack trace points at the TypeScript sources (source map), without --debug none is printed', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/ingressctl'), 'routes', '--debug'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(r.status, 2);
  assert.match(r.stderr, /\n\s+at buildModel \(.*src\/cli\/options\.ts:\d+:\d+\)/);
  assert.not.match(r.stderr, /dist\/ingressctl\.js/);
  const plain = spawnSync(process.execPath, [join(ROOT, 'bin/ingressctl'), 'routes'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(plain.stderr, 'ingressctl: no input: give manifest files or directories (or "-" for stdin)\n');
});

test('package.json is the one place the version is written: --version and lint reports say it', () => {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/ingressctl'), '--version'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(r.stdout.split('\n')[0], `ingressctl ${version}`);
  const sarif = spawnSync(process.execPath, [join(ROOT, 'bin/ingressctl'), 'lint', '--format', 'sarif', 'fixtures/cafe'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(JSON.parse(sarif.stdout).runs[0].tool.driver.version, version);
});

test.run();
