// The built CLI reads Gateway API objects: the validators beside the bundle
// (dist/gateway-validators.cjs, with their code cache) and the CEL library are loaded when needed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { wrap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers.js';
import { requireCached } from '../../src/util/cached-require.js';

test('the bundle holds neither the Gateway API validators nor the CEL library', () => {
  const bundle = readFileSync(join(ROOT, 'dist/ingressctl.js'), 'utf8');
  assert.not.match(bundle, /gateway\.networking\.k8s\.io_v1_HTTPRoute"\]\s*=/);
  assert.ok(bundle.length < 1_500_000, `bundle is ${bundle.length} bytes`);
});

test('bin/ingressctl lint reports a CRD schema error and a CEL rule of an HTTPRoute at line:col', () => {
  const yaml = 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\nspec:\n  rules:\n    - matches:\n        - path: {type: PathPrefix, value: api}\n          methd: GET\n';
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/ingressctl'), 'lint', '--format', 'json', '-'], { cwd: ROOT, encoding: 'utf8', input: yaml });
  assert.is(r.status, 1, r.stderr);
  // (the route model says too that it leaves the match out: gateway-invalid-match)
  const findings = JSON.parse(r.stdout)
    .filter((f: any) => f.ruleId === 'crd-validation' || f.ruleId === 'schema')
    .map((f: any) => `${f.line}:${f.column} ${f.ruleId}`);
  assert.equal(findings, ['8:17 crd-validation', '9:11 schema']);
});

test('the validators come with a V8 code cache that V8 accepts; requireCached loads a file the same with or without one', () => {
  const file = join(ROOT, 'dist/gateway-validators.cjs');
  const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData: readFileSync(file + '.cache') });
  assert.is(script.cachedDataRejected, false);
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-cached-require-'));
  try {
    const js = join(dir, 'm.cjs');
    writeFileSync(js, "exports.twice = (n) => 2 * n; exports.dir = __dirname; exports.req = typeof require('node:path').join;");
    const plain = requireCached(js) as any;
    const made = new Script(wrap(readFileSync(js, 'utf8')), { filename: js });
    made.runInThisContext();
    writeFileSync(js + '.cache', made.createCachedData());
    const cached = requireCached(js) as any;
    for (const m of [plain, cached]) assert.equal([m.twice(21), m.dir, m.req], [42, dir, 'function']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
