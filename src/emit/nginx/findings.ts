// Findings the nginx emitter reports: what it could not translate, or only approximately.
import type { Finding, Severity } from '../../model/findings.js';
import type { Origin } from '../../model/types.js';

export function findingFor(origin: Origin | undefined, ruleId: string, severity: Severity, message: string, hint?: string, field?: string): Finding {
  return {
    ruleId,
    severity,
    message,
    ...(hint ? { hint } : {}),
    ...(origin ? { file: origin.file, line: origin.line, column: origin.column, path: field ?? origin.field, object: `${origin.kind} ${origin.namespace}/${origin.name}` } : {}),
  };
}
