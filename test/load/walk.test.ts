// Reading a repository as a newcomer points ingressctl at it: each file once, the same
// object twice reported once, dot-folders and node_modules left out, non-Kubernetes YAML
// skipped silently, templates named as templates, and a bad -n a usage error.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, fixture, ingress, ROOT } from '../helpers.js';

const CAFE_INGRESS = join(ROOT, fixture('cafe', 'cafe-ingress.yaml'));
const tmp: string[] = [];
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-walk-'));
  tmp.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
const WEB = ingress('web', 'web.example.com', [['/', 'Prefix', 'web']]);
const CI = 'name: ci\non:\n  push: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n';

test('a file named and walked again is read once: no duplicate-route against itself', async () => {
  const dir = repo({});
  copyFileSync(CAFE_INGRESS, join(dir, 'cafe-ingress.yaml'));
  const r = await cli(['lint', '--format', 'json', join(dir, 'cafe-ingress.yaml'), dir]);
  const ids = (JSON.parse(r.stdout) as { ruleId: string }[]).map((f) => f.ruleId);
  assert.not.ok(ids.includes('duplicate-route'), r.stdout);
  assert.not.ok(ids.includes('object-defined-twice'), r.stdout);
});

test('routes - - reads standard input once', async () => {
  const r = await cli(['routes', '-', '-'], readFileSync(CAFE_INGRESS, 'utf8'));
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stderr, /duplicate-route|object-defined-twice/);
  assert.is(r.stdout.trim().split('\n').length, 3, r.stdout);
});

test('the same object in two files: one object-defined-twice naming both places, no route cascade', async () => {
  const dir = repo({ 'base/web.yaml': WEB, 'copy/web.yaml': WEB });
  const r = await cli(['routes', dir]);
  const lines = r.stderr.trim().split('\n').filter((l) => !/\[services-not-given\]/.test(l));
  assert.is(lines.length, 1, r.stderr);
  assert.match(lines[0], /copy\/web\.yaml:\d+:\d+: warning: Ingress default\/web is also defined at .*base\/web\.yaml:\d+; .* \[object-defined-twice\]/);
  assert.is(r.stdout.trim().split('\n').length, 2, 'one route');
});

test('the same object in three files: the last one is used, the finding names both earlier places', async () => {
  const dir = repo({ 'a/web.yaml': WEB, 'b/web.yaml': WEB, 'c/web.yaml': WEB });
  const r = await cli(['routes', dir]);
  const lines = r.stderr.trim().split('\n').filter((l) => !/\[services-not-given\]/.test(l));
  assert.is(lines.length, 1, r.stderr);
  assert.match(lines[0], /c\/web\.yaml:\d+:\d+: warning: Ingress default\/web is also defined at .*a\/web\.yaml:\d+, .*b\/web\.yaml:\d+; .* \[object-defined-twice\]/);
  assert.is(r.stdout.trim().split('\n').length, 2, 'one route, no duplicate-route between the first two');
});

test('a walk skips .git, .github and node_modules (even broken YAML there); --include-hidden reads them', async () => {
  const dir = repo({ 'k8s/web.yaml': WEB, '.github/workflows/ci.yml': CI, 'node_modules/pkg/broken.yaml': 'a: [\n', '.git/x.yaml': 'a: [\n' });
  const lint = await cli(['lint', dir]);
  assert.is(lint.code, 0, lint.stdout);
  assert.not.match(lint.stdout, /ci\.yml|broken|yaml-syntax/);
  const render = await cli(['render', dir]);
  assert.is(render.code, 0, render.stderr);
  assert.match(render.stdout, /web\.example\.com/);
  const hidden = await cli(['render', dir, '--include-hidden']);
  assert.is(hidden.code, 2, 'broken YAML under node_modules is read with --include-hidden');
  assert.match(hidden.stderr, /broken\.yaml:\d+:\d+: error: YAML syntax error/);
});

test('YAML that is not a Kubernetes object is skipped silently in a walk, reported when named', async () => {
  const dir = repo({ 'web.yaml': WEB, 'docker-compose.yml': 'services:\n  web:\n    image: nginx\n', 'ci.yml': CI });
  const walked = await cli(['lint', dir]);
  assert.is(walked.code, 0, walked.stdout);
  assert.not.match(walked.stdout, /docker-compose|ci\.yml/);
  const named = await cli(['lint', join(dir, 'ci.yml')]);
  assert.match(named.stdout, /ci\.yml/);
});

const TEMPLATE = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ .Release.Name }}-web
  labels: {{- include "chart.labels" . | nindent 4 }}
spec:
  rules:
    - host: {{ .Values.host }}
`;

test('a Helm template in a walk: one warning saying so, skipped, the rest still renders', async () => {
  const dir = repo({ 'web.yaml': WEB, 'chart/templates/ingress.yaml': TEMPLATE });
  const r = await cli(['render', dir]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /web\.example\.com/);
  const lines = r.stderr.trim().split('\n').filter((l) => /: (warning|error): /.test(l));
  assert.is(lines.length, 1, r.stderr);
  assert.match(lines[0], /ingress\.yaml:4:9: warning: this is a Go\/Helm template, not a manifest .* skipped \[template-file\]/);
  const lint = await cli(['lint', '--format', 'json', dir]);
  const found = (JSON.parse(lint.stdout) as { ruleId: string; hint: string }[]).filter((f) => f.ruleId === 'template-file');
  assert.is(found.length, 1);
  assert.match(found[0].hint, /helm template .* \| ingressctl lint -/);
});

test('a Helm template named explicitly is an error (exit 1 for lint, 2 for render), not a YAML comma error', async () => {
  const dir = repo({ 'ingress.yaml': TEMPLATE });
  const lint = await cli(['lint', join(dir, 'ingress.yaml')]);
  assert.is(lint.code, 1);
  assert.match(lint.stdout, /error\s+this is a Go\/Helm template/);
  assert.not.match(lint.stdout, /yaml-syntax|comma/);
  assert.is((await cli(['render', join(dir, 'ingress.yaml')])).code, 2);
});

test('a bad -n is a usage error (exit 2) naming the flag, not a finding per file', async () => {
  for (const cmd of [['routes'], ['lint'], ['render'], ['explain', 'http://cafe.example.com/tea']]) {
    const r = await cli([...cmd, '-n', 'Bad_NS', fixture('cafe')]);
    assert.is(r.code, 2, cmd.join(' '));
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^ingressctl: -n\/--namespace must be a DNS-1123 label/);
  }
});

test.after(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});
test.run();
