// Installs and runs outside the clone: `npm install -g .` (into a temporary prefix, never the
// machine's), the kubectl plugin name, and a package holding only what the CLI needs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testNeeding } from '../needs.js';
import { ROOT } from '../helpers.js';

const BUILT = existsSync(join(ROOT, 'dist', 'cli.js'));
const KUBECTL = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find(existsSync);
const dir = mkdtempSync(join(tmpdir(), 'ingressctl-install-'));
const VERSION_LINE = /^ingressctl \d+\.\d+\.\d+/;

/** A folder holding only the kubectl-ingressctl bin (as npm links it), for PATH. */
function pluginDir(): string {
  const bin = join(dir, 'plugin-bin');
  if (!existsSync(bin)) {
    spawnSync('mkdir', ['-p', bin]);
    symlinkSync(join(ROOT, 'bin', 'kubectl-ingressctl'), join(bin, 'kubectl-ingressctl'));
  }
  return bin;
}

testNeeding(test, 'dist/ (npm test builds it)', BUILT, 'kubectl-ingressctl is found on PATH and runs from any folder', () => {
  const r = spawnSync('sh', ['-c', 'kubectl-ingressctl version'], { cwd: tmpdir(), encoding: 'utf8', env: { ...process.env, PATH: `${pluginDir()}:${dirname(process.execPath)}:/usr/bin:/bin` } });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, VERSION_LINE);
}, false);

testNeeding(test, 'kubectl', BUILT && !!KUBECTL, 'kubectl ingressctl version: kubectl runs the plugin from PATH', () => {
  const r = spawnSync(KUBECTL!, ['ingressctl', 'version'], { cwd: tmpdir(), encoding: 'utf8', env: { ...process.env, PATH: `${pluginDir()}:${dirname(process.execPath)}:/usr/bin:/bin`, KUBECONFIG: join(dir, 'none') } });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, VERSION_LINE);
  const lint = spawnSync(KUBECTL!, ['ingressctl', 'lint', join(ROOT, 'fixtures', 'cafe')], { cwd: tmpdir(), encoding: 'utf8', env: { ...process.env, PATH: `${pluginDir()}:${dirname(process.execPath)}:/usr/bin:/bin`, KUBECONFIG: join(dir, 'none') } });
  assert.is(lint.status, 0, lint.stderr);
}, false);

testNeeding(test, 'dist/ (npm test builds it)', BUILT, 'npm install -g . (into a temporary prefix): ingressctl and kubectl-ingressctl work from another folder', () => {
  const prefix = join(dir, 'prefix');
  const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', ROOT], { encoding: 'utf8', timeout: 60_000 });
  assert.is(install.status, 0, install.stderr);
  for (const bin of ['ingressctl', 'kubectl-ingressctl']) {
    const r = spawnSync(join(prefix, 'bin', bin), ['version'], { cwd: tmpdir(), encoding: 'utf8' });
    assert.is(r.status, 0, `${bin}: ${r.stderr}`);
    assert.match(r.stdout, VERSION_LINE);
  }
}, false);

test('npm pack holds the launchers, the bundle and the schemas: no sources, tests or fixtures; of the source maps only the CLI bundle\'s (for --debug), of TypeScript only the library\'s declarations', () => {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.is(r.status, 0, r.stderr);
  const files = (JSON.parse(r.stdout)[0].files as { path: string }[]).map((f) => f.path);
  for (const need of ['bin/ingressctl', 'bin/kubectl-ingressctl', 'package.json', 'README.md', 'schemas/networking.k8s.io_v1_Ingress.json']) assert.ok(files.includes(need), need);
  if (BUILT) for (const need of ['dist/cli.js', 'dist/ingressctl.js', 'dist/gateway-validators.cjs', 'dist/gateway-cel.js']) assert.ok(files.includes(need), need);
  const extra = files.filter((f) => /^(src|test|fixtures|bench|scripts|docs|build)\//.test(f) || (f.endsWith('.map') && f !== 'dist/ingressctl.js.map') || (f.endsWith('.ts') && !/^dist\/types\/.*\.d\.ts$/.test(f)));
  assert.equal(extra, []);
});

function dirname(p: string): string {
  return p.slice(0, p.lastIndexOf('/')) || '/';
}

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
