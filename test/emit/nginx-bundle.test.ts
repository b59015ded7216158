// The bundle writer: atomic, refuses an existing folder unless forced, keys 0600,
// folders usable by an unprivileged nginx worker, nothing half-written on failure.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BundleError, closedAncestor, writeBundle } from '../../src/emit/bundle.js';

const FILES = [
  { path: 'nginx.conf', content: 'new\n' },
  { path: 'certs/a.crt', content: 'CERT', mode: 0o644 },
  { path: 'certs/a.key', content: 'KEY', mode: 0o600 },
];

let parent = '';
test.before.each(() => {
  parent = mkdtempSync(join(tmpdir(), 'ingressctl-bundle-'));
});
test.after.each(() => rmSync(parent, { recursive: true, force: true }));

const mode = (p: string) => statSync(p).mode & 0o777;

test('writes every file, keys 0600, folders 0755', () => {
  const dir = join(parent, 'out');
  writeBundle(dir, FILES);
  assert.is(readFileSync(join(dir, 'nginx.conf'), 'utf8'), 'new\n');
  assert.is(mode(join(dir, 'certs/a.key')), 0o600);
  assert.is(mode(join(dir, 'certs/a.crt')), 0o644);
  assert.is(mode(dir), 0o755);
  assert.is(mode(join(dir, 'certs')), 0o755);
  assert.equal(readdirSync(parent), ['out'], 'no temporary folder left beside it');
});

test('an existing folder is refused without force, and left as it was', () => {
  const dir = join(parent, 'out');
  mkdirSync(dir);
  writeFileSync(join(dir, 'keep'), 'old');
  assert.throws(() => writeBundle(dir, FILES), (e: unknown) => e instanceof BundleError && /--force/.test((e as Error).message));
  assert.equal(readdirSync(dir), ['keep']);
  assert.equal(readdirSync(parent), ['out']);
});

test('force replaces the folder whole: old files are gone', () => {
  const dir = join(parent, 'out');
  mkdirSync(dir);
  writeFileSync(join(dir, 'stale.conf'), 'old');
  writeBundle(dir, FILES, { force: true });
  assert.equal(readdirSync(dir).sort(), ['certs', 'nginx.conf']);
  assert.equal(readdirSync(parent), ['out']);
});

test('a file in the way is never replaced, even with force', () => {
  const dir = join(parent, 'out');
  writeFileSync(dir, 'a file');
  assert.throws(() => writeBundle(dir, FILES, { force: true }), (e: unknown) => e instanceof BundleError);
  assert.is(readFileSync(dir, 'utf8'), 'a file');
});

test('a path that cannot be written is a BundleError in words, not an errno', () => {
  writeFileSync(join(parent, 'file'), 'x');
  assert.throws(() => writeBundle(join(parent, 'file', 'out'), FILES), (e: unknown) => e instanceof BundleError && /a part of the path is a file, not a folder/.test((e as Error).message));
  if (process.getuid?.() !== 0) {
    // root passes through permissions: only checked as another user
    mkdirSync(join(parent, 'ro'), 0o555);
    assert.throws(() => writeBundle(join(parent, 'ro', 'out'), FILES), (e: unknown) => e instanceof BundleError && /permission denied/.test((e as Error).message));
  }
  assert.equal(readdirSync(parent).sort(), process.getuid?.() !== 0 ? ['file', 'ro'] : ['file']);
});

test('force never replaces a folder that holds a protected path; it is left as it was', () => {
  const dir = join(parent, 'out');
  mkdirSync(join(dir, 'inputs'), { recursive: true });
  writeFileSync(join(dir, 'inputs', 'app.yaml'), 'kind: Ingress');
  for (const path of [dir, join(dir, 'inputs'), join(dir, 'inputs', 'app.yaml')]) {
    assert.throws(() => writeBundle(dir, FILES, { force: true, protect: [{ path, name: 'the input' }] }), (e: unknown) => e instanceof BundleError && /holds the input, which --force would delete/.test((e as Error).message));
  }
  assert.equal(readdirSync(dir), ['inputs']);
  assert.equal(readdirSync(parent), ['out']);
  // a protected path elsewhere does not stop it
  writeBundle(dir, FILES, { force: true, protect: [{ path: join(parent, 'outside'), name: 'x' }, { path: join(parent, 'out2'), name: 'y' }] });
  assert.equal(readdirSync(dir).sort(), ['certs', 'nginx.conf']);
});

test('a failure while writing leaves nothing behind, and an old folder untouched', () => {
  const dir = join(parent, 'out');
  const clash = [{ path: 'a', content: 'file' }, { path: 'a/b', content: 'under a file' }];
  assert.throws(() => writeBundle(dir, clash));
  assert.equal(readdirSync(parent), []);
  mkdirSync(dir);
  writeFileSync(join(dir, 'keep'), 'old');
  assert.throws(() => writeBundle(dir, clash, { force: true }));
  assert.equal(readdirSync(parent), ['out']);
  assert.equal(readdirSync(dir), ['keep']);
});

test('paths that climb out of the bundle are refused before anything is written', () => {
  for (const bad of ['../x', '/etc/x', 'a/../../x', '.hidden/../x', '']) {
    assert.throws(() => writeBundle(join(parent, 'out'), [{ path: bad, content: '' }]), /unsafe bundle path/, bad);
  }
  assert.equal(readdirSync(parent), []);
});

test('a folder closed to other users above the bundle is named', () => {
  chmodSync(parent, 0o700);
  assert.is(closedAncestor(join(parent, 'out')), parent);
  chmodSync(parent, 0o755);
  assert.is(closedAncestor(join(parent, 'out')), undefined);
});

test.run();
