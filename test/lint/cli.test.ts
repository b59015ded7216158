// ingressctl lint as a command: exit codes, flags, config discovery, stdout only the report.
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../../src/cli/run.js';
import { cli, ROOT } from '../helpers.js';

const F = (...p: string[]) => join('fixtures/lint', ...p);

/** Runs lint with another working directory (config discovery). */
async function lintIn(cwd: string, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const prev = process.cwd();
  process.chdir(cwd);
  try {
    const code = await run(['lint', ...argv], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, stdin: () => '', env: { NO_COLOR: '1' }, cwd });
    return { code, stdout, stderr };
  } finally {
    process.chdir(prev);
  }
}

test('clean input exits 0 (info findings do not fail)', async () => {
  const r = await cli(['lint', F('clean')]);
  assert.is(r.code, 0, r.stdout);
  assert.match(r.stdout, 'plain-http-only');
  assert.is(r.stderr, '');
});

test('the cafe example lints clean', async () => {
  const r = await cli(['lint', 'fixtures/cafe', '--now', '2030-01-01T00:00:00Z']);
  assert.is(r.code, 0, r.stdout);
});

test('error-level findings exit 1; a file that does not parse is a finding and the others are still linted', async () => {
  const r = await cli(['lint', '--format', 'json', F('formats')]);
  assert.is(r.code, 1);
  const ids = JSON.parse(r.stdout).map((f: { ruleId: string }) => f.ruleId);
  assert.ok(ids.includes('yaml-syntax'));
  assert.ok(ids.includes('ingress-path'));
});

test('warnings exit 0, 1 with --strict, 1 over --max-warnings', async () => {
  assert.is((await cli(['lint', F('warnings')])).code, 0);
  assert.is((await cli(['lint', '--strict', F('warnings')])).code, 1);
  assert.is((await cli(['lint', '--max-warnings', '1', F('warnings')])).code, 0);
  const over = await cli(['lint', '--max-warnings', '0', F('warnings')]);
  assert.is(over.code, 1);
  assert.match(over.stderr, 'more than --max-warnings 0');
});

test('--quiet reports errors only (warnings still count for --strict)', async () => {
  const q = await cli(['lint', '--quiet', '--format', 'json', F('formats')]);
  assert.ok(JSON.parse(q.stdout).every((f: { severity: string }) => f.severity === 'error'));
  const w = await cli(['lint', '--quiet', '--strict', F('warnings')]);
  assert.is(w.stdout, '');
  assert.is(w.code, 1);
});

test('usage errors, unreadable paths and bad configs exit 2 with the reason on stderr', async () => {
  const cases: [string[], string][] = [
    [['lint'], 'no input'],
    [['lint', 'fixtures/lint/nope.yaml'], 'no such file or directory'],
    [['lint', '--now', 'yesterday', F('clean')], '--now must be an RFC 3339 time'],
    [['lint', '--kubernetes-version', '2', F('clean')], '--kubernetes-version must be a release'],
    [['lint', '--max-warnings', '-1', F('clean')], '--max-warnings must be a whole number'],
    [['lint', '--format', 'xml', F('clean')], 'xml'],
    [['lint', '--target', 'apache', F('clean')], 'apache'],
    [['lint', '--config', F('nope.yaml'), F('clean')], 'no such file'],
    [['lint', '--config', F('formats/shop.yaml'), F('clean')], 'unknown key "apiVersion"'],
    [['lint', '--config', F('clean/app.yaml'), F('clean')], 'config is not valid YAML'],
  ];
  for (const [argv, message] of cases) {
    const r = await cli(argv);
    assert.is(r.code, 2, argv.join(' '));
    assert.is(r.stdout, '', argv.join(' '));
    assert.match(r.stderr, message, argv.join(' '));
  }
});

test('.ingressctl.yaml is found from the working directory upward; ignorePaths and rule settings apply', async () => {
  const dir = join(ROOT, F('config'));
  const r = await lintIn(dir, ['--format', 'json', '.']);
  const found = JSON.parse(r.stdout) as { ruleId: string; severity: string; file: string }[];
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.equal(found.map((f) => [f.ruleId, f.severity]), [['plain-http-only', 'warning']]);
  const nested = await lintIn(join(dir, 'ignored'), ['--format', 'json', '../app.yaml']);
  assert.equal(JSON.parse(nested.stdout).map((f: { ruleId: string }) => f.ruleId), ['plain-http-only']);
  // the same files without the config: the trailing slash warns and the ignored file errs
  const without = await cli(['lint', '--format', 'json', '--config', F('configs', 'empty.yaml'), F('config')]);
  const ids = JSON.parse(without.stdout).map((f: { ruleId: string }) => f.ruleId);
  assert.ok(ids.includes('prefix-trailing-slash') && ids.includes('object-name'), ids.join());
});

test('--now decides certificate expiry', async () => {
  const paths = ['fixtures/cafe', '--format', 'json'];
  const ok = JSON.parse((await cli(['lint', '--now', '2030-01-01T00:00:00Z', ...paths])).stdout);
  assert.not.ok(ok.some((f: { ruleId: string }) => f.ruleId.startsWith('tls-cert-')));
  const late = await cli(['lint', '--now', '2127-01-01T00:00:00Z', ...paths]);
  assert.is(late.code, 1);
  assert.ok(JSON.parse(late.stdout).some((f: { ruleId: string }) => f.ruleId === 'tls-cert-expired'));
});

test('--kubernetes-version: v1beta1 Ingress is a warning on 1.21, an error on 1.22', async () => {
  const yaml = 'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata:\n  name: a\n  annotations:\n    kubernetes.io/ingress.class: nginx\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n';
  const old = await cli(['lint', '--kubernetes-version', '1.21', '--format', 'json', '-'], yaml);
  assert.is(old.code, 0, old.stdout);
  assert.ok(JSON.parse(old.stdout).some((f: { ruleId: string }) => f.ruleId === 'deprecated-api'));
  const now = await cli(['lint', '--format', 'json', '-'], yaml);
  assert.is(now.code, 1);
  const removed = JSON.parse(now.stdout).find((f: { ruleId: string }) => f.ruleId === 'removed-api');
  assert.match(removed.hint, 'v1 form: {apiVersion: networking.k8s.io/v1, kind: Ingress, spec: {defaultBackend: {service: {name: web, port: {number: 80}}}}}');
});

test('stdin is read with "-"; snippets are errors unless the config allows them', async () => {
  const yaml = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: a\n  annotations:\n    nginx.ingress.kubernetes.io/server-snippet: "return 403;"\nspec:\n  ingressClassName: nginx\n  defaultBackend: {service: {name: web, port: {number: 80}}}\n';
  const r = await cli(['lint', '-f', '-', '--format', 'json'], yaml);
  assert.is(r.code, 1);
  const snippet = JSON.parse(r.stdout).find((f: { ruleId: string }) => f.ruleId === 'snippet-annotation');
  assert.equal([snippet.file, snippet.line, snippet.column], ['<stdin>', 6, 5]);
  const allowed = await cli(['lint', '--config', F('configs', 'allow-snippets.yaml'), '-'], yaml);
  assert.is(allowed.code, 0, allowed.stdout);
});

test('--target reports annotations the target does not honour', async () => {
  const yaml = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: a\n  annotations:\n    nginx.ingress.kubernetes.io/limit-connections: "10"\nspec:\n  ingressClassName: nginx\n  defaultBackend: {service: {name: web, port: {number: 80}}}\n';
  const without = JSON.parse((await cli(['lint', '--format', 'json', '-'], yaml)).stdout);
  assert.not.ok(without.some((f: { ruleId: string }) => f.ruleId === 'target-unsupported-annotation'));
  const envoy = JSON.parse((await cli(['lint', '--target', 'envoy', '--format', 'json', '-'], yaml)).stdout);
  assert.match(envoy.find((f: { ruleId: string }) => f.ruleId === 'target-unsupported-annotation').message, 'envoy');
});

const nodePortService = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {type: NodePort, ports: [{port: 80, nodePort: 12345}]}\n';

test('--service-node-port-range and serviceNodePortRange in .ingressctl.yaml set the NodePort range', async () => {
  const byDefault = await cli(['lint', '-', '--config', F('configs/empty.yaml')], nodePortService);
  assert.is(byDefault.code, 1);
  assert.match(byDefault.stdout, /The range of valid ports is 30000-32767/);
  assert.is((await cli(['lint', '-', '--config', F('configs/empty.yaml'), '--service-node-port-range', '10000-20000'], nodePortService)).code, 0);
  assert.is((await cli(['lint', '-', '--config', F('configs/node-ports.yaml')], nodePortService)).code, 0);
  // the flag wins over the config
  const flag = await cli(['lint', '-', '--config', F('configs/node-ports.yaml'), '--service-node-port-range', '30000-32767'], nodePortService);
  assert.is(flag.code, 1);
  const bad = await cli(['lint', '-', '--service-node-port-range', '20000-10000'], nodePortService);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /--service-node-port-range must be a port range/);
});

test.run();
