// Findings: what every stage reports (load, validate, resolve, lint, emit). A finding names
// the exact field it is about (API-server path syntax) and, once located, its file:line:col.
// A stage rule's severity comes from the registry, never from the caller.
import type { Document } from '../load/document.js';
import type { Origin } from '../model/types.js';
import { isStageRule, severityOf, type StageRuleId, type VariantOf } from './registry.js';

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
/** /^[A-Za-z_][A-Za-z0-9_]*$/ without a regex (every origin's field path is formatted). */
function isIdentifier(seg: string): boolean {
  if (!seg.length) return false;
  for (let i = 0; i < seg.length; i++) {
    const c = seg.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (!letter && (i === 0 || c < 48 || c > 57)) return false;
  }
  return true;
}

export function formatFieldPath(path: readonly PathSeg[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (isIdentifier(seg)) out += out ? `.${seg}` : seg;
    else out += `[${seg}]`;
  }
  return out;
}

interface FindingText {
  message: string;
  hint?: string;
  /** which field: located at its key when `at` is 'key', else at its value */
  path?: readonly PathSeg[];
  at?: 'key' | 'value';
}

/** A stage rule takes its severity from the registry (passing one does not compile); any other (target) rule names its own. */
export type SeverityFor<R extends string> = { ruleId: R } & (R extends StageRuleId ? ([VariantOf<R>] extends [never] ? { severity?: never } : { severity?: never; variant: VariantOf<R> }) : { severity: Severity });
export type FindingInput<R extends string = string> = FindingText & SeverityFor<R>;

/** The registry's severity for stage rules, whatever the caller passed. */
function severityFor(input: { ruleId: string; severity?: Severity; variant?: string }): Severity {
  if (isStageRule(input.ruleId)) return severityOf(input.ruleId, input.variant);
  if (!input.severity) throw new Error(`rule ${input.ruleId} has no severity: register it in src/findings/registry.ts`);
  return input.severity;
}

/** A finding about a field of a loaded document, located now (positions are computed lazily per document). */
export function findingAt<R extends string>(doc: Document, input: FindingInput<R>): Finding {
  const path = input.path ?? [];
  const loc = doc.locate(path, input.at ?? 'value');
  return {
    ruleId: input.ruleId,
    severity: severityFor(input),
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

/** localeCompare, skipped for the same string (most pairs sorted share their file): the same order, faster. */
const compareText = (a: string, b: string) => (a === b ? 0 : a.localeCompare(b));

/** Deterministic order: file, line, column, rule. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareText(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      severityRank[a.severity] - severityRank[b.severity] ||
      compareText(a.ruleId, b.ruleId) ||
      compareText(a.message, b.message),
  );
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** A finding about the field an Origin names (or `field`, a path below the same object). */
export function findingAtOrigin<R extends string>(origin: Origin, input: Omit<FindingText, 'path' | 'at'> & { field?: string } & SeverityFor<R>): Finding {
  return {
    ruleId: input.ruleId,
    severity: severityFor(input),
    message: input.message,
    ...(input.hint ? { hint: input.hint } : {}),
    file: origin.file,
    line: origin.line,
    column: origin.column,
    path: input.field ?? origin.field,
    object: `${origin.kind} ${origin.namespace}/${origin.name}`,
  };
}

/** A finding of a stage rule without a field (a whole file, or the input as a whole). */
export function stageFinding<R extends StageRuleId>(ruleId: R, rest: Omit<Finding, 'ruleId' | 'severity'>, ...variant: [VariantOf<R>] extends [never] ? [] : [VariantOf<R>]): Finding {
  return { ruleId, severity: severityOf(ruleId, variant[0]), ...rest };
}
