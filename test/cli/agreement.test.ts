// lint and render agree: every finding `routes` and `render` print (load, validate and
// resolve findings) is in `lint`'s report with the same rule id and severity at the same
// place, over every fixture and the shared corpus. (Messages may differ: lint's own check of
// a rule may say more, e.g. the Kubernetes version it checked against.) The documented
// exceptions: a lint rule that supersedes the finding's rule reports the same field of the
// same object at the same or a higher severity; the object opts out of the rule.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildModel } from '../../src/cli/options.js';
import { ruleMap } from '../../src/lint/engine.js';
import { corpusTest } from '../corpus.js';
import { cli, ROOT } from '../helpers.js';

const RULES = ruleMap();
const RANK = { error: 0, warning: 1, info: 2 } as const;
type Sev = keyof typeof RANK;
interface Printed {
  ruleId: string;
  severity: Sev;
  where: string;
  message: string;
}

/** `file:line:col: severity: message [rule]` lines, up to render's "not translated" section (the emitters' own findings). */
function printed(stderr: string): Printed[] {
  const out: Printed[] = [];
  for (const line of stderr.split('\n')) {
    if (line.startsWith('not translated for ')) break;
    const m = /^(?:(.+?:\d+:\d+): )?(error|warning|info): (.*) \[([a-z0-9-]+)\]$/.exec(line);
    if (m) out.push({ where: m[1] ?? '', severity: m[2] as Sev, message: m[3], ruleId: m[4] });
  }
  return out;
}

const key = (f: { where: string; severity: string; ruleId: string }) => `${f.where} ${f.severity} ${f.ruleId}`;
const whereOf = (f: { file?: string; line?: number; column?: number }) => (f.file && f.line ? `${f.file}:${f.line}:${f.column ?? 1}` : '');
/** the field g names is f's field or holds it (data holds data[tls.key]) */
const covers = (g: { path?: string }, f: { path?: string }) => !!g.path && !!f.path && (f.path === g.path || f.path.startsWith(`${g.path}[`) || f.path.startsWith(`${g.path}.`) || g.path.startsWith(`${f.path}[`) || g.path.startsWith(`${f.path}.`));

/** What routes and render print that lint lacks, for one input path. */
async function disagreements(path: string): Promise<string[]> {
  const lint = await cli(['lint', path, '--format', 'json', '--config', 'fixtures/lint/configs/empty.yaml']);
  if (lint.code === 2) {
    // input that cannot be used (no objects at all): every command refuses it alike, no findings to compare
    const routes = await cli(['routes', path]);
    return routes.code === 2 ? [] : [`lint exited 2 but routes ${routes.code}: ${lint.stderr.slice(0, 200)}`];
  }
  const linted = (JSON.parse(lint.stdout) as { ruleId: string; severity: Sev; file?: string; line?: number; column?: number; path?: string; object?: string }[]).map((f) => ({ ...f, where: whereOf(f) }));
  const have = new Set(linted.map(key));
  // the same findings as data, for the field and object a printed line does not show
  const io = { stdout: { write: () => true }, stderr: { write: () => true }, stdin: () => '', env: {}, cwd: ROOT };
  const built = buildModel([path], {}, io).findings.map((f) => ({ ...f, where: whereOf(f) }));
  const text = (p: string) => readFileSync(p.split(':')[0] || path, 'utf8');
  const out: string[] = [];
  for (const argv of [['routes', path], ['render', path, '--target', 'nginx']]) {
    const r = await cli(argv);
    for (const f of printed(r.stderr)) {
      if (have.has(key(f))) continue;
      // lint's report replaces it by a rule that supersedes it at the same place, as severe or more
      const data = built.find((b) => key(b) === key(f));
      const supersedes = (g: (typeof linted)[number]) => RULES.get(g.ruleId)?.meta.supersedes?.includes(f.ruleId) && RANK[g.severity] <= RANK[f.severity];
      if (linted.some((g) => supersedes(g) && (g.where === f.where || (!!data && g.object === data.object && covers(g, data))))) continue;
      // the object opts out of the rule (ignore-check.ingressctl.io/<rule>: "<reason>")
      if (f.where && text(f.where).includes(`ignore-check.ingressctl.io/${f.ruleId}`)) continue;
      out.push(`${argv[0]} printed, lint lacks: ${f.where}: ${f.severity}: ${f.message} [${f.ruleId}]`);
    }
  }
  return out;
}

/** Every manifest file under fixtures/ on its own, and each folder of fixtures/ whole (findings across objects). */
function fixtureInputs(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/.test(name)) files.push(relative(ROOT, p));
    }
  };
  walk(join(ROOT, 'fixtures'));
  const folders = readdirSync(join(ROOT, 'fixtures')).filter((n) => statSync(join(ROOT, 'fixtures', n)).isDirectory()).map((n) => `fixtures/${n}`);
  return [...folders, ...files];
}

test('lint reports every finding routes and render print, with the same rule id and severity: every fixture', async () => {
  const inputs = fixtureInputs();
  const failures: string[] = [];
  for (const p of inputs) for (const d of await disagreements(p)) failures.push(`${p}: ${d}`);
  console.log(`  agreement: ${inputs.length} fixture inputs ran`);
  assert.ok(inputs.length > 100, `only ${inputs.length} fixture inputs`);
  assert.equal(failures, []);
});

test('a path the model refuses ("[" in a Prefix path) fails routes, render and lint alike, reported once', async () => {
  const yaml = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
    - host: a.example.com
      http:
        paths:
          - {path: "/a[b", pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`;
  for (const argv of [['routes', '-'], ['render', '-'], ['lint', '-', '--config', 'fixtures/lint/configs/empty.yaml']]) {
    const r = await cli(argv, yaml);
    assert.is(r.code, 1, `${argv[0]} exit code`);
    const lines = (r.stderr + r.stdout).split('\n').filter((l) => /invalid-path|path-characters|regex-in-plain-path/.test(l));
    assert.is(lines.length, 1, `${argv[0]}: ${lines.join('\n')}`);
    assert.match(lines[0], /error/);
  }
});

corpusTest(test, 'lint reports every finding routes and render print, with the same rule id and severity: the shared corpus', async (paths) => {
  const failures: string[] = [];
  for (const p of paths) for (const d of await disagreements(p)) failures.push(d);
  assert.equal(failures, []);
  return paths.length;
});

test.run();
