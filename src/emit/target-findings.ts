// Findings of the emitters, one shape and one set of rule ids for every target (the ids
// are documented with the lint rules, docs/rules.md):
//  - target-unsafe-value: a value from the manifest cannot be written into this target's
//    configuration safely; it is refused (the route closes, or the feature is left out);
//  - target-unsupported: the target cannot express what the manifest asks;
//  - target-approximate: it can, but not exactly.
import { findingAtOrigin, type Finding, type Severity } from '../findings/finding.js';
import type { Origin } from '../model/types.js';
import type { Target } from './types.js';

export type TargetRule = 'target-unsafe-value' | 'target-unsupported' | 'target-approximate';
export const TARGET_RULES: readonly TargetRule[] = ['target-unsafe-value', 'target-unsupported', 'target-approximate'];

export interface TargetFindingOptions {
  hint?: string;
  /** the field under the origin's path, e.g. "metadata.annotations" or "spec.rules[0].http.paths[0].path" */
  field?: string;
}

/** A finding of `target` at the manifest field that asked for what it reports ("<target>: message"). */
export function targetFinding(target: Target, ruleId: TargetRule, severity: Severity, origin: Origin | undefined, message: string, opts: TargetFindingOptions = {}): Finding {
  const text = message.startsWith(`${target}: `) || message.startsWith(`${target} `) ? message : `${target}: ${message}`;
  const extra = { ...(opts.hint ? { hint: opts.hint } : {}), ...(opts.field ? { field: opts.field } : {}) };
  if (origin) return findingAtOrigin(origin, { ruleId, severity, message: text, ...extra });
  return { ruleId, severity, message: text, ...(opts.hint ? { hint: opts.hint } : {}) };
}
