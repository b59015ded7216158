// version / --version (one source: package.json), shell completion for bash, zsh and fish,
// routes -o wide.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LATEST_KUBERNETES } from '../../src/lint/k8s/api-versions.js';
import { testNeeding } from '../needs.js';
import { cli, fixture, ROOT } from '../helpers.js';

const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const which = (p: string) => ['/usr/bin', '/bin', '/usr/local/bin'].map((d) => join(d, p)).find(existsSync);

test('version and --version: the package.json version and the Kubernetes release lint assumes', async () => {
  for (const argv of [['version'], ['--version'], ['-V']]) {
    const r = await cli(argv);
    assert.is(r.code, 0, argv.join(' '));
    assert.match(r.stdout, new RegExp(`^ingressctl ${PKG.version.replace(/\./g, '\\.')}\n`));
    assert.match(r.stdout, new RegExp(`^Kubernetes API: ${LATEST_KUBERNETES.join('\\.')} `, 'm'));
  }
  const json = JSON.parse((await cli(['version', '-o', 'json'])).stdout);
  assert.equal(json, { version: PKG.version, kubernetes: LATEST_KUBERNETES.join('.'), node: process.version });
});

const dir = mkdtempSync(join(tmpdir(), 'ingressctl-completion-'));

/** What bash completes for the words typed so far (the last one being completed). */
function bashComplete(script: string, words: string[]): string[] {
  const file = join(dir, 'ingressctl.bash');
  writeFileSync(file, script);
  const quoted = words.map((w) => `'${w}'`).join(' ');
  const r = spawnSync('bash', ['-c', `source ${file}; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _ingressctl; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8', cwd: dir });
  assert.is(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean);
}

testNeeding(test, 'bash', !!which('bash'), 'completion bash: valid bash that completes commands, options and their values', async () => {
  const r = await cli(['completion', 'bash']);
  assert.is(r.code, 0);
  writeFileSync(join(dir, 'syntax.bash'), r.stdout);
  assert.is(spawnSync('bash', ['-n', join(dir, 'syntax.bash')]).status, 0);
  assert.equal(bashComplete(r.stdout, ['ingressctl', 're']), ['render']);
  assert.ok(bashComplete(r.stdout, ['ingressctl', '']).includes('describe'));
  assert.ok(bashComplete(r.stdout, ['ingressctl', 'render', '--ta']).includes('--target'));
  assert.equal(bashComplete(r.stdout, ['ingressctl', 'render', '--target', '']), ['nginx', 'haproxy', 'envoy', 'traefik', 'gateway-api']);
  assert.equal(bashComplete(r.stdout, ['ingressctl', 'routes', '-o', 'w']), ['wide']);
  assert.match(r.stdout, /complete -o filenames -F _ingressctl ingressctl kubectl-ingressctl/);
});

for (const [shell, check] of [['zsh', ['-n']], ['fish', ['--no-execute']]] as const) {
  test(`completion ${shell}: every command and option is in the script`, async () => {
    const r = await cli(['completion', shell]);
    assert.is(r.code, 0);
    for (const c of ['routes', 'explain', 'describe', 'lint', 'render', 'serve', 'diff', 'annotations', 'version', 'completion']) assert.ok(r.stdout.includes(c), c);
    assert.ok(r.stdout.includes('nginx haproxy envoy'), 'the values of --target');
  });
  testNeeding(test, shell, !!which(shell), `completion ${shell}: the script parses`, async () => {
    const file = join(dir, `completion.${shell}`);
    writeFileSync(file, (await cli(['completion', shell])).stdout);
    const r = spawnSync(shell, [...check, file], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
  });
}

test('completion with an unknown shell is a usage error', async () => {
  const r = await cli(['completion', 'tcsh']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /^ingressctl: completion: the shell must be bash, zsh or fish/);
});

test('routes: narrow by default (TLS yes/no), -o wide adds the TLS Secret, the upstream and a policy summary', async () => {
  const plain = (await cli(['routes', fixture('routing')])).stdout.split('\n');
  assert.match(plain[0], /^HOST\s+TLS\s+PATH\s+MATCH\s+BACKEND\s+ORIGIN$/);
  const cafe = await cli(['routes', fixture('cafe')]);
  assert.match(cafe.stdout, /^cafe\.example\.com\s+yes\s+\/coffee\s+Prefix\s+default\/coffee-svc:80\s+default\/cafe-ingress /m);
  const cafeWide = await cli(['routes', fixture('cafe'), '-o', 'wide']);
  assert.match(cafeWide.stdout, /^cafe\.example\.com\s+cafe-secret\s+\/coffee\s+Prefix\s+default\/coffee-svc:80\s+coffee-svc\.default\.svc\.cluster\.local:80\s+-\s+default\/cafe-ingress /m);
  const wide = await cli(['routes', fixture('routing'), '-o', 'wide']);
  assert.is(wide.code, 0, wide.stderr);
  const lines = wide.stdout.split('\n');
  assert.match(lines[0], /^HOST\s+TLS SECRET\s+PATH\s+MATCH\s+BACKEND\s+UPSTREAM\s+POLICY\s+ORIGIN$/);
  assert.is(lines.length, plain.length);
  assert.ok(lines.some((l) => /^forced\.example\.com .* force https /.test(l)), 'a policy shown');
  assert.ok(lines.some((l) => /^defaults\.example\.com .* - +default\/host-default/.test(l)), 'no policy: -');
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
