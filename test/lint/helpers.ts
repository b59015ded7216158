// Lint test helpers: lint YAML text in-process, and an ESLint-style rule tester
// (valid cases must not report the rule; invalid cases must report it at line:col).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseText } from '../../src/load/parse.js';
import { CLUSTER_SCOPED, type LoadResult } from '../../src/load/index.js';
import { emptyConfig, type LintConfig } from '../../src/lint/config.js';
import { lint } from '../../src/lint/engine.js';
import { LATEST_KUBERNETES } from '../../src/lint/k8s/api-versions.js';
import type { LintOptions, LintReport } from '../../src/lint/types.js';
import type { Finding } from '../../src/findings/finding.js';
import { ROOT } from '../helpers.js';

export const NOW = new Date('2030-01-01T00:00:00Z');

/** The test TLS Secrets (wild-tls for *.example.com, mismatched-tls). */
export const SECRETS = readFileSync(join(ROOT, 'fixtures/lint/tls/secrets.yaml'), 'utf8');

export function loadText(yaml: string, file = 'test.yaml'): LoadResult {
  const parsed = parseText(file, yaml);
  for (const d of parsed.documents) {
    const ns = d.obj.metadata?.namespace;
    d.namespace = CLUSTER_SCOPED.has(d.kind) ? '' : typeof ns === 'string' && ns ? ns : 'default';
  }
  return { documents: parsed.documents, findings: parsed.findings, ambiguities: parsed.ambiguities, files: [file] };
}

export function lintText(yaml: string, options: Partial<LintOptions> = {}, config: Partial<LintConfig> = {}): LintReport {
  const opts: LintOptions = { now: NOW, kubernetesVersion: LATEST_KUBERNETES, allowSnippets: false, ...options };
  return lint(loadText(yaml), opts, { ...emptyConfig(ROOT), ...config });
}

export interface Expected {
  line: number;
  column: number;
  /** API field path of the finding */
  path?: string;
  /** a part of the message */
  message?: string | RegExp;
  severity?: Finding['severity'];
}

export interface Case {
  name?: string;
  code: string;
  options?: Partial<LintOptions>;
  config?: Partial<LintConfig>;
}

export interface InvalidCase extends Case {
  errors: Expected[];
}

const show = (fs: Finding[]) => fs.map((f) => `${f.line}:${f.column} ${f.path ?? ''} ${f.message}`).join('\n') || '(none)';

export function ruleTester(ruleId: string, cases: { valid: (string | Case)[]; invalid: InvalidCase[] }): void {
  cases.valid.forEach((c, i) => {
    const k: Case = typeof c === 'string' ? { code: c } : c;
    test(`${ruleId}: valid ${k.name ?? i + 1}`, () => {
      const got = lintText(k.code, k.options, k.config).findings.filter((f) => f.ruleId === ruleId);
      if (process.env.LINT_TEST_DUMP && got.length) console.log(`DUMP ${ruleId} valid ${k.name ?? i + 1}:\n${show(got)}`);
      assert.is(got.length, 0, `expected no ${ruleId} findings, got:\n${show(got)}`);
    });
  });
  cases.invalid.forEach((c, i) => {
    test(`${ruleId}: invalid ${c.name ?? i + 1}`, () => {
      const got = lintText(c.code, c.options, c.config).findings.filter((f) => f.ruleId === ruleId);
      if (process.env.LINT_TEST_DUMP) console.log(`DUMP ${ruleId} invalid ${c.name ?? i + 1}:\n${show(got)}\nEXPECTED:\n${c.errors.map((e) => `${e.line}:${e.column} ${e.path ?? ''} ${e.message ?? ''}`).join('\n')}`);
      assert.is(got.length, c.errors.length, `expected ${c.errors.length} ${ruleId} findings, got:\n${show(got)}`);
      c.errors.forEach((e, j) => {
        const f = got[j];
        assert.is(`${f.line}:${f.column}`, `${e.line}:${e.column}`, `position of finding ${j + 1}: ${f.message}`);
        if (e.path !== undefined) assert.is(f.path, e.path, `path of finding ${j + 1}`);
        if (e.message !== undefined) assert.ok(typeof e.message === 'string' ? f.message.includes(e.message) : e.message.test(f.message), `message of finding ${j + 1}: ${f.message}`);
        if (e.severity !== undefined) assert.is(f.severity, e.severity);
      });
    });
  });
}

/** A v1 Ingress; `spec` is indented YAML placed under "spec:" (2 spaces). */
export function ing(spec: string, meta = 'name: web'): string {
  return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n${indent(meta, 2)}\nspec:\n${indent(spec, 2)}\n`;
}

export function indent(text: string, n: number): string {
  return text
    .replace(/^\n/, '')
    .split('\n')
    .map((l) => (l ? ' '.repeat(n) + l : l))
    .join('\n');
}

/** One rule with one path, backend web:80. */
export function route(path: string, pathType = 'Prefix', host = 'shop.example.com'): string {
  return `rules:
  - host: ${host}
    http:
      paths:
        - path: ${path}
          pathType: ${pathType}
          backend:
            service:
              name: web
              port:
                number: 80`;
}
