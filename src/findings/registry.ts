// The severity of every finding a pipeline stage reports (load, schema, resolve, test specs),
// by rule id. findingAt takes the severity from here, and each lint rule that presents these
// findings declares the same entry as its severity, so routes, render and lint cannot disagree.
import type { Severity } from './finding.js';

export const STAGE_RULES = {
  // load
  'yaml-syntax': 'error',
  'invalid-input': 'error',
  // validate
  schema: 'error',
  // resolve
  'removed-api': 'error',
  'invalid-host': 'error',
  'invalid-path': 'error',
  'invalid-backend': 'error',
  'resource-backend': 'warning',
  'service-not-found': 'error',
  'service-port-not-found': 'error',
  'service-port-unresolved': 'warning',
  'duplicate-route': 'warning',
  'duplicate-default-backend': 'warning',
  'services-not-given': 'info',
  'canary-ingress': 'warning',
  'annotation-value': 'error',
  'annotation-no-effect': 'warning',
  'auth-secret': 'error',
  'auth-secret-user': 'warning',
  'tls-secret-not-found': 'warning',
  'tls-secret-invalid': 'error',
  'tls-key-mismatch': 'error',
  // test specs
  'test-spec': 'error',
} as const satisfies Record<string, Severity>;

export type StageRuleId = keyof typeof STAGE_RULES;

export function isStageRule(id: string): id is StageRuleId {
  return Object.hasOwn(STAGE_RULES, id);
}

/** The registered severity of a stage rule. */
export function severityOf(id: StageRuleId): Severity {
  return STAGE_RULES[id];
}
