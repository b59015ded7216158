// The built CLI (dist/) as a user runs it: bin → dist/cli.js → bundle with code cache.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, cli } from '../helpers.js';

/** The CLI bundles: dist/ingressctl.js and the one-command bundles beside it. */
const BUNDLES = ['dist/ingressctl.js', ...readdirSync(join(ROOT, 'dist')).filter((f) => /^ingressctl-[\w-]+\.js$/.test(f)).map((f) => `dist/${f}`)];

test('the bundles have no dynamic import(): dist/cli.js runs them through vm.Script, where import() is unavailable', () => {
  for (const file of BUNDLES) assert.not.match(readFileSync(join(ROOT, file), 'utf8'), /[^\w.$]import\(\s*["'`]/, file);
});

test('routes and lint have a bundle of their own, without the other commands, each with its code cache', () => {
  for (const name of ['routes', 'lint']) {
    const file = `dist/ingressctl-${name}.js`;
    assert.ok(BUNDLES.includes(file), file);
    assert.ok(readFileSync(join(ROOT, `${file}.cache`)).length > 0, `${file}.cache`);
    const text = readFileSync(join(ROOT, file), 'utf8');
    assert.ok(text.length < readFileSync(join(ROOT, 'dist/ingressctl.js'), 'utf8').length * 0.75, `${file} is smaller`);
    assert.ok(text.includes(`has no explain command`), `${file}: explain is a stand-in`);
  }
});

/** The launcher's choice of bundle: the file it reads, found by running it under a require hook. */
function bundleRead(args: string[]): string {
  const probe = `const fs = require('node:fs'); const read = fs.readFileSync; fs.readFileSync = function (p, ...a) { if (/ingressctl[\\w-]*\\.js$/.test(String(p))) process.stderr.write('READ ' + require('node:path').basename(String(p)) + '\\n'); return read.call(this, p, ...a); };`;
  const r = spawnSync(process.execPath, ['-e', `${probe} process.argv.splice(1, 0, 'ingressctl'); require(${JSON.stringify(join(ROOT, 'dist/cli.js'))}).main();`, '--', ...args], { cwd: ROOT, encoding: 'utf8' });
  return [...r.stderr.matchAll(/^READ (.*)$/gm)].map((m) => m[1]).join(' ');
}

test('the launcher loads the command named first on the command line from its own bundle, anything else from the whole one', () => {
  assert.is(bundleRead(['routes', 'fixtures/cafe']), 'ingressctl-routes.js');
  assert.is(bundleRead(['--no-color', 'lint', 'fixtures/cafe']), 'ingressctl-lint.js');
  assert.is(bundleRead(['explain', 'https://cafe.example.com/', 'fixtures/cafe']), 'ingressctl.js');
  assert.is(bundleRead(['--help']), 'ingressctl.js');
  assert.is(bundleRead(['completion', 'bash']), 'ingressctl.js');
  assert.is(bundleRead(['../routes']), 'ingressctl.js');
});

test('a command run from its own bundle prints and exits as from the whole bundle (run in-process from the sources)', async () => {
  for (const args of [['routes', 'fixtures/cafe'], ['routes', '-o', 'json', 'fixtures/cafe'], ['lint', 'fixtures/cafe'], ['lint', '--format', 'json', 'fixtures/cafe'], ['routes', '--help'], ['lint', '--help'], ['routes', '--nope'], ['lint', 'nope.yaml'], ['routes', '--version']]) {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/ingressctl'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const want = await cli(args);
    assert.is(r.stdout, want.stdout, args.join(' '));
    assert.is(r.stderr, want.stderr, args.join(' '));
    assert.is(r.status, want.code, args.join(' '));
  }
});

test('the bundles and dist/js-yaml.js are ASCII: dist/cli.js reads them as latin1', () => {
  for (const file of [...BUNDLES, 'dist/js-yaml.js']) {
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
