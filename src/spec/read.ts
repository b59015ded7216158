// Reads a test spec: YAML validated against schemas/ingressctl-test-spec.json, every
// mistake reported with file:line:col.
import { readManifest } from '../load/files.js';
import { parseText } from '../load/parse.js';
import { parseBackendName } from '../model/backends.js';
import { findingAt, stageFinding, type Finding } from '../findings/finding.js';
import { validateWith } from '../schema/validate.js';
import { requestFromUrl } from '../model/request-url.js';
import type { SpecCase } from './types.js';

export function readSpec(file: string, namespace: string, stdin?: () => string | Buffer): { cases: SpecCase[]; findings: Finding[] } {
  const input = readManifest(file, file === '-' ? stdin?.() : undefined);
  const parsed = parseText(input.file, input.text);
  if (parsed.findings.length) return { cases: [], findings: parsed.findings };
  const doc = parsed.documents[0];
  if (!doc || parsed.documents.length > 1) {
    return { cases: [], findings: [stageFinding('test-spec', { file: input.file, line: 1, column: 1, message: 'a test spec is one YAML document with a "tests" list' })] };
  }
  const findings = validateWith('ingressctl-test-spec', doc, 'test-spec');
  if (findings.length) return { cases: [], findings };
  const cases: SpecCase[] = [];
  const tests = (doc.obj as { tests: any[] }).tests;
  tests.forEach((t, i) => {
    const req = typeof t.request === 'string' ? { url: t.request } : t.request;
    const headers = Object.fromEntries(Object.entries((req.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const request = requestFromUrl(req.url, (req.method ?? 'GET').toUpperCase(), headers);
    if ('problem' in request) {
      findings.push(findingAt(doc, { ruleId: 'test-spec', path: ['tests', i, 'request'], message: `request ${JSON.stringify(req.url)} is not a URL (${request.problem})` }));
      return;
    }
    if (!/^https?:\/\//i.test(req.url) && !headers.host) {
      findings.push(findingAt(doc, { ruleId: 'test-spec', path: ['tests', i, 'request'], message: `request ${JSON.stringify(req.url)} needs a scheme and host (https://host/path), or a Host header` }));
      return;
    }
    const expect = { ...t.expect };
    if (typeof t.expect.backend === 'string') {
      const b = parseBackendName(t.expect.backend, namespace);
      if (!b) {
        findings.push(findingAt(doc, { ruleId: 'test-spec', path: ['tests', i, 'expect', 'backend'], message: `backend ${JSON.stringify(t.expect.backend)} is not [namespace/]service[:port]` }));
        return;
      }
      expect.backend = b;
    }
    if (t.expect.weights) {
      const weights: Record<string, number> = {};
      for (const [k, share] of Object.entries(t.expect.weights as Record<string, number>)) {
        const b = /^\d{3}$/.test(k) ? undefined : parseBackendName(k, namespace);
        if (!b && !/^\d{3}$/.test(k)) {
          findings.push(findingAt(doc, { ruleId: 'test-spec', path: ['tests', i, 'expect', 'weights', k], at: 'key', message: `weights: ${JSON.stringify(k)} is not [namespace/]service[:port] or a status` }));
          return;
        }
        weights[b ? `${b.namespace}/${b.service}${b.port !== undefined ? `:${b.port}` : ''}` : k] = share;
      }
      expect.weights = weights;
    }
    const loc = doc.locate(['tests', i]);
    cases.push({ name: t.name ?? `${request.method} ${req.url}`, request, expect, file: doc.file, line: loc.line, column: loc.column });
  });
  return { cases, findings };
}
