// The lint engine: loader and model findings plus every rule's check, then the config
// (severities, off), supersession, per-object ignores, in one deterministic order.
import type { Document } from '../load/document.js';
import type { LoadResult } from '../load/index.js';
import { findingAt, formatFieldPath, sortFindings, type Finding, type Severity } from '../findings/finding.js';
import { isIngress, readIngress, type IngressShape } from '../model/ingress-shape.js';
import { indexObjects } from '../model/objects.js';
import { classSelected, resolve } from '../model/resolve.js';
import type { RouteModel } from '../model/types.js';
import { validateDocuments } from '../schema/validate.js';
import type { LintConfig } from './config.js';
import { RULES } from './rules/index.js';
import { ignoresOf } from './suppress.js';
import type { LintOptions, LintReport, Rule, RuleContext } from './types.js';
import { VERSION } from '../version.js';

export { VERSION };

export function ruleMap(): Map<string, Rule> {
  return new Map(RULES.map((r) => [r.meta.id, r]));
}

/** `resolved`: the model of these documents when the caller has built it already (graph draws the findings on it). */
export function lint(load: LoadResult, options: LintOptions, config: LintConfig, resolved?: RouteModel): LintReport {
  const rules = ruleMap();
  const setting = (id: string) => config.rules[id];
  const documents = load.documents;
  const objects = indexObjects(documents);
  // each Ingress read once, for the rules and the model
  const shapes = new Map<Document, IngressShape>();
  for (const d of documents) if (isIngress(d)) shapes.set(d, readIngress(d));
  const model = resolved ?? resolve(documents, { ingressClass: options.ingressClass }, shapes);
  const ingresses = [...shapes.values()].filter((i) => classSelected(i, options.ingressClass, objects));

  const ruleIds = [...rules.keys()];
  const found: Finding[] = [];
  for (const f of [...load.findings, ...validateDocuments(documents), ...model.findings]) {
    const rule = rules.get(f.ruleId);
    if (rule && !rule.meta.fromModel) continue; // the rule's own check reports this (e.g. removed-api)
    const configured = setting(f.ruleId);
    // the stage took the severity from the registry, which the rule's meta reads too
    const severity: Severity = configured && configured !== 'off' ? configured : f.severity;
    found.push({ ...f, severity });
  }

  for (const rule of RULES) {
    if (!rule.check) continue;
    const configured = setting(rule.meta.id);
    if (configured === 'off') continue;
    const severity = configured ?? rule.meta.severity;
    const ctx: RuleContext = {
      documents,
      ingresses,
      objects,
      model,
      load,
      options,
      ruleIds,
      report(doc, r) {
        const f = findingAt(doc, { ruleId: rule.meta.id, severity, message: r.message, hint: r.hint, path: r.path, at: r.at });
        if (r.field) f.path = formatFieldPath(r.field);
        found.push(f);
      },
      reportAt(where, r) {
        found.push({ ruleId: rule.meta.id, severity, message: r.message, ...(r.hint ? { hint: r.hint } : {}), file: where.file, line: where.line, column: where.column });
      },
    };
    rule.check(ctx);
  }

  const kept = found.filter((f) => setting(f.ruleId) !== 'off');
  const afterSupersede = dropSuperseded(kept, rules);
  const visible = applyIgnores(afterSupersede, documents);
  return { findings: sortFindings(dedupe(visible)), files: load.files, rules: new Map([...rules].map(([id, r]) => [id, r.meta])), version: VERSION, ...(model.unselected ? { unselected: model.unselected } : {}) };
}

/**
 * A model finding is dropped when a rule that supersedes it reports on the same object at
 * the same place, or on the same field or a field inside it (data[tls.key] inside data).
 */
function dropSuperseded(findings: Finding[], rules: Map<string, Rule>): Finding[] {
  // by superseded rule and object (a finding only covers findings about its own object): linear, not quadratic
  const claims = new Map<string, Finding[]>();
  const superseded = new Set<string>();
  const claimKey = (ruleId: string, object: string | undefined) => `${ruleId}\u0000${object ?? ''}`;
  for (const f of findings) {
    for (const s of rules.get(f.ruleId)?.meta.supersedes ?? []) {
      superseded.add(s);
      const k = claimKey(s, f.object);
      const list = claims.get(k);
      if (list) list.push(f);
      else claims.set(k, [f]);
    }
  }
  if (!claims.size) return findings;
  const covers = (f: Finding, g: Finding) =>
    f.object === g.object &&
    ((f.file === g.file && f.line === g.line && f.column === g.column) || (!!f.path && !!g.path && (f.path === g.path || f.path.startsWith(`${g.path}[`) || f.path.startsWith(`${g.path}.`))));
  // only findings of a claimed rule can be dropped: the others are kept without building a key
  return findings.filter((g) => !superseded.has(g.ruleId) || !(claims.get(claimKey(g.ruleId, g.object)) ?? []).some((f) => covers(f, g)));
}

/** ignore-check.ingressctl.io/<rule-id>: "<reason>" on an object hides that rule's findings about it. */
function applyIgnores(findings: Finding[], documents: readonly Document[]): Finding[] {
  const ignored = new Map<string, Set<string>>();
  for (const d of documents) {
    const ids = ignoresOf(d)
      .filter((i) => i.reason !== '')
      .map((i) => i.ruleId);
    if (!ids.length) continue;
    const set = ignored.get(d.label) ?? new Set<string>();
    for (const id of ids) set.add(id);
    ignored.set(d.label, set);
  }
  if (!ignored.size) return findings;
  return findings.filter((f) => !(f.object && ignored.get(f.object)?.has(f.ruleId)));
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.ruleId}\u0000${f.file ?? ''}\u0000${f.line ?? ''}\u0000${f.column ?? ''}\u0000${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
