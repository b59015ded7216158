// Findings the nginx emitter reports: what it could not translate (safely, or at all), or
// only approximately; target rules through the shared helper (src/emit/target-findings.ts).
import { findingAtOrigin, type Finding, type Severity } from '../../findings/finding.js';
import type { Origin } from '../../model/types.js';
import { TARGET_RULES, targetFinding, type TargetRule } from '../target-findings.js';

export function findingFor(origin: Origin | undefined, ruleId: string, severity: Severity, message: string, hint?: string, field?: string): Finding {
  if ((TARGET_RULES as readonly string[]).includes(ruleId)) return targetFinding('nginx', ruleId as TargetRule, severity, origin, message, { ...(hint ? { hint } : {}), ...(field ? { field } : {}) });
  if (origin) return findingAtOrigin(origin, { ruleId, severity, message, ...(hint ? { hint } : {}), ...(field ? { field } : {}) });
  return { ruleId, severity, message, ...(hint ? { hint } : {}) };
}
