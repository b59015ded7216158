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

test('dist/ingressctl.js and dist/js-yaml.js are ASCII: dist/cli.js reads them as latin1', () => {
  for (const file of ['dist/ingressctl.js', 'dist/js-yaml.js']) {
    const bytes = readFileSync(join(ROOT, file));
    assert.is(bytes.findIndex((b) => b > 0x7f), -1, file);
  }
});

test('dist/js-yaml.js (its non-ASCII string literals escaped) dumps and loads as the published js-yaml does', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const built = require(join(ROOT, 'dist/js-yaml.js')) as typeof import('js-yaml');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const published = require('js-yaml') as typeof import('js-yaml');
  const value = { nel: 'a\u0085b', arrow: '\u2192', tab: 'x\ty' };
  assert.is(built.dump(value), published.dump(value));
  assert.equal(built.load('a: "\\N"'), { a: '\u0085' });
  const bad = 'a:\n\tb: 1\n';
  const message = (lib: typeof import('js-yaml')) => {
    try {
      lib.load(bad);
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  };
  assert.ok(message(published).includes('\u2192'), 'the tab is shown as an arrow');
  assert.is(message(built), message(published));
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
