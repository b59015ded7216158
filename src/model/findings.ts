// Findings: what every stage reports. A finding names the exact field it is about
// (API-server path syntax) and, once located, its file:line:col.
import type { Document } from '../load/document.js';
import type { Origin } from './types.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  hint?: string;
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** API-server style field path, e.g. spec.rules[0].http.paths[1].path */
  path?: string;
  /** "Kind namespace/name" */
  object?: string;
}

export type PathSeg = string | number;

/** spec.rules[0].http.paths[1].path; map keys that are not identifiers in brackets. */
export function formatFieldPath(path: readonly PathSeg[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${seg}]`;
  }
  return out;
}

export interface FindingInput {
  ruleId: string;
  severity: Severity;
  message: string;
  hint?: string;
  /** which field: located at its key when `at` is 'key', else at its value */
  path?: readonly PathSeg[];
  at?: 'key' | 'value';
}

/** A finding about a field of a loaded document, located now (positions are computed lazily per document). */
export function findingAt(doc: Document, input: FindingInput): Finding {
  const path = input.path ?? [];
  const loc = doc.locate(path, input.at ?? 'value');
  return {
    ruleId: input.ruleId,
    severity: input.severity,
    message: input.message,
    ...(input.hint ? { hint: input.hint } : {}),
    file: doc.file,
    line: loc.line,
    column: loc.column,
    endLine: loc.endLine,
    endColumn: loc.endColumn,
    ...(path.length ? { path: formatFieldPath(path) } : {}),
    object: doc.label,
  };
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Deterministic order: file, line, column, rule. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      severityRank[a.severity] - severityRank[b.severity] ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.message.localeCompare(b.message),
  );
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** A finding about the field an Origin names (or `field`, a path below the same object). */
export function findingAtOrigin(origin: Origin, input: { ruleId: string; severity: Severity; message: string; hint?: string; field?: string }): Finding {
  return {
    ruleId: input.ruleId,
    severity: input.severity,
    message: input.message,
    ...(input.hint ? { hint: input.hint } : {}),
    file: origin.file,
    line: origin.line,
    column: origin.column,
    path: input.field ?? origin.field,
    object: `${origin.kind} ${origin.namespace}/${origin.name}`,
  };
}
