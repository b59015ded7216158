// Findings the nginx emitter reports: what it could not translate, or only approximately.
import { findingAtOrigin, type Finding, type Severity } from '../../findings/finding.js';
import type { Origin } from '../../model/types.js';

export function findingFor(origin: Origin | undefined, ruleId: string, severity: Severity, message: string, hint?: string, field?: string): Finding {
  if (origin) return findingAtOrigin(origin, { ruleId, severity, message, ...(hint ? { hint } : {}), ...(field ? { field } : {}) });
  return { ruleId, severity, message, ...(hint ? { hint } : {}) };
}
