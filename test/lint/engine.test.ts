// The engine: rule registry and metadata, model findings presented by lint, config,
// supersession, per-object ignores, determinism; docs/rules.md up to date.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkConfig } from '../../src/lint/config.js';
import { renderRulesDoc } from '../../src/lint/docs.js';
import { globToRegExp, matchesAny } from '../../src/lint/glob.js';
import { RULES } from '../../src/lint/rules/index.js';
import { severityOf, STAGE_RULES } from '../../src/findings/registry.js';
import { InputError } from '../../src/load/errors.js';
import { ROOT } from '../helpers.js';
import { ing, lintText, route } from './helpers.js';

const ids = RULES.map((r) => r.meta.id);

test('every stage rule (load, validate, resolve) is a lint rule with the registry\'s severity', () => {
  for (const id of Object.keys(STAGE_RULES) as (keyof typeof STAGE_RULES)[]) {
    if (id === 'test-spec') continue; // test specs are not manifests: only `ingressctl test` reports it
    const rule = RULES.find((r) => r.meta.id === id);
    assert.ok(rule, `${id} has no lint rule`);
    assert.is(rule!.meta.severity, severityOf(id), id); // a rule with cases: its default, the first
  }
  for (const r of RULES) if (r.meta.fromModel) assert.ok(r.meta.id in STAGE_RULES, `${r.meta.id} is presented from the model but not in src/findings/registry.ts`);
});

test('every file in src/lint/rules is registered under its file name', () => {
  const files = readdirSync(join(ROOT, 'src/lint/rules'))
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .map((f) => f.slice(0, -3))
    .sort();
  assert.equal([...ids].sort(), files);
  assert.is(new Set(ids).size, ids.length);
});

test('every rule has complete metadata: kebab-case id, description, details, bad and good examples', () => {
  for (const { meta, check } of RULES) {
    assert.match(meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(['error', 'warning', 'info'].includes(meta.severity), meta.id);
    for (const k of ['description', 'details', 'bad', 'good'] as const) assert.ok(meta[k].trim().length > 10, `${meta.id}.${k}`);
    assert.ok(check !== undefined || meta.fromModel || meta.fromTarget, `${meta.id} neither checks nor presents model or render findings`);
  }
});

test('every rule id the loader, schema validation and model emit has a rule file that presents it', () => {
  const emitted = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) for (const m of readFileSync(p, 'utf8').matchAll(/ruleId: '([a-z-]+)'/g)) emitted.add(m[1]);
    }
  };
  for (const d of ['src/load', 'src/model', 'src/schema', 'src/gateway']) walk(join(ROOT, d));
  assert.ok(emitted.size >= 15, `found only ${[...emitted]}`);
  for (const id of emitted) {
    const rule = RULES.find((r) => r.meta.id === id);
    assert.ok(rule, `no rule file for ${id}`);
    assert.ok(rule!.meta.fromModel || rule!.check, `${id} is neither presented nor re-checked`);
  }
});

test('docs/rules.md is generated from the metadata and up to date (npm run docs:rules)', () => {
  const doc = readFileSync(join(ROOT, 'docs/rules.md'), 'utf8');
  assert.ok(doc === renderRulesDoc(RULES.map((r) => r.meta)), 'docs/rules.md is stale: run npm run docs:rules');
  for (const id of ids) assert.ok(doc.includes(`### ${id}\n`), id);
});

test('config: a rule set to off is silent; a severity is raised or lowered', () => {
  const code = ing(route('/api/'));
  assert.ok(lintText(code).findings.some((f) => f.ruleId === 'prefix-trailing-slash' && f.severity === 'warning'));
  assert.not.ok(lintText(code, {}, { rules: { 'prefix-trailing-slash': 'off' } }).findings.some((f) => f.ruleId === 'prefix-trailing-slash'));
  assert.ok(lintText(code, {}, { rules: { 'prefix-trailing-slash': 'error' } }).findings.some((f) => f.ruleId === 'prefix-trailing-slash' && f.severity === 'error'));
  // model findings too
  const svcless = ing(route('/'));
  assert.ok(lintText(svcless, {}, { rules: { 'services-not-given': 'warning' } }).findings.some((f) => f.ruleId === 'services-not-given' && f.severity === 'warning'));
  assert.not.ok(lintText(svcless, {}, { rules: { 'services-not-given': 'off' } }).findings.some((f) => f.ruleId === 'services-not-given'));
});

test('config: unknown keys and rules, bad severities are refused with did-you-mean', () => {
  const bad = (raw: unknown) => {
    try {
      checkConfig(raw, '.ingressctl.yaml', ids);
    } catch (e) {
      assert.instance(e, InputError);
      return (e as Error).message;
    }
    assert.unreachable('accepted');
  };
  assert.match(bad({ rules: { 'prefix-trailing-slsh': 'warn' } })!, 'did you mean "prefix-trailing-slash"');
  assert.match(bad({ rules: { 'prefix-trailing-slash': 'loud' } })!, 'severity must be off, info, warn or error');
  assert.match(bad({ ignorePath: ['x'] })!, 'did you mean "ignorePaths"');
  assert.match(bad({ allowSnippets: 'yes' })!, 'allowSnippets must be true or false');
  assert.match(bad([1])!, 'must be a mapping');
  const ok = checkConfig({ rules: { 'plain-http-only': 'off', 'tls-secret-not-found': 'warn' }, ignorePaths: ['legacy/**'], allowSnippets: true }, '/x/.ingressctl.yaml', ids);
  assert.equal(ok.rules, { 'plain-http-only': 'off', 'tls-secret-not-found': 'warning' });
  assert.is(ok.baseDir, '/x');
});

test('ignorePaths globs', () => {
  const g = ['legacy/**', '*.generated.yaml', 'a/*/c.yaml'].map(globToRegExp);
  assert.ok(matchesAny('legacy/x/y.yaml', g));
  assert.ok(matchesAny('deep/dir/z.generated.yaml', g));
  assert.ok(matchesAny('a/b/c.yaml', g));
  assert.not.ok(matchesAny('a/b/d/c.yaml', g));
  assert.not.ok(matchesAny('notlegacy/y.yaml', g));
});

test('an API-server rule replaces the model finding on the same field; off, the model finding shows', () => {
  const code = ing(route('/', 'Prefix', 'Shop.example.com'));
  const ids = (fs: { ruleId: string }[]) => fs.map((f) => f.ruleId).filter((id) => id === 'ingress-host' || id === 'invalid-host');
  assert.equal(ids(lintText(code).findings), ['ingress-host']);
  assert.equal(ids(lintText(code, {}, { rules: { 'ingress-host': 'off' } }).findings), ['invalid-host']);
  // tls-secret-data replaces the model's "has no tls.key" on the same Secret
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: kubernetes.io/tls\ndata: {tls.crt: eA==}\n---\n' + ing('tls:\n  - hosts: [shop.example.com]\n    secretName: s\n' + route('/'));
  const f = lintText(secret).findings.filter((x) => x.object === 'Secret default/s');
  assert.equal(f.map((x) => x.ruleId), ['tls-secret-data']);
});

test('ignore-check annotation with a reason hides that rule for that object only', () => {
  const a = ing(route('/api/'), 'name: a\nannotations:\n  ignore-check.ingressctl.io/prefix-trailing-slash: "the backend needs the slash"');
  const b = ing(route('/docs/', 'Prefix', 'docs.example.com'), 'name: b');
  const found = lintText(a + '---\n' + b).findings.filter((f) => f.ruleId === 'prefix-trailing-slash');
  assert.equal(found.map((f) => f.object), ['Ingress default/b']);
});

test('an ignore without a reason does not apply and is itself reported', () => {
  const a = ing(route('/api/'), 'name: a\nannotations:\n  ignore-check.ingressctl.io/prefix-trailing-slash: ""');
  const ruleIds = lintText(a).findings.map((f) => f.ruleId);
  assert.ok(ruleIds.includes('prefix-trailing-slash'));
  assert.ok(ruleIds.includes('invalid-ignore'));
});

test('findings are deterministic and sorted by file, line, column', () => {
  const code = ing(route('/api/')) + '---\n' + ing(route('api'), 'name: b');
  const one = JSON.stringify(lintText(code).findings);
  assert.is(JSON.stringify(lintText(code).findings), one);
  const lines = lintText(code).findings.filter((f) => f.line).map((f) => f.line!);
  assert.equal(lines, [...lines].sort((x, y) => x - y));
});

test('--ingress-class limits the Ingresses lint checks', () => {
  const code = ing('ingressClassName: a\n' + route('/x/'), 'name: a') + '---\n' + ing('ingressClassName: b\n' + route('/y/'), 'name: b');
  const objects = lintText(code, { ingressClass: 'b' }).findings.filter((f) => f.ruleId === 'prefix-trailing-slash').map((f) => f.object);
  assert.equal(objects, ['Ingress default/b']);
});

test.run();
