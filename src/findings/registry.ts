// The severity of every finding a pipeline stage reports (load, schema, resolve, test specs),
// by rule id. findingAt takes the severity from here, and each lint rule that presents these
// findings declares the same entry as its severity, so routes, render and lint cannot disagree.
// A rule whose severity depends on the situation names each case (the first is its default).
import type { Severity } from './finding.js';

export const STAGE_RULES = {
  // load
  'yaml-syntax': 'error',
  'invalid-input': 'error',
  'object-defined-twice': 'warning',
  // named on the command line / met while walking a folder (skipped)
  'template-file': { named: 'error', walked: 'warning' },
  // validate
  schema: 'error',
  // resolve
  'removed-api': 'error',
  'invalid-host': 'error',
  'invalid-path': 'error',
  'affinity-cookie-path': 'warning',
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
  // resolve: Gateway API
  'gateway-invalid-filter': 'error',
  'gateway-invalid-match': 'error',
  'gateway-listener-conflict': 'error',
  'gateway-ref-not-permitted': 'error',
  'gateway-route-conflict': 'warning',
  'gateway-cors-header-modifier': 'warning',
  'gateway-unsupported': 'warning',
  // test specs
  'test-spec': 'error',
} as const satisfies Record<string, Severity | Record<string, Severity>>;

export type StageRuleId = keyof typeof STAGE_RULES;
/** the cases of a rule whose severity depends on the situation (never for the others) */
export type VariantOf<R extends StageRuleId> = (typeof STAGE_RULES)[R] extends Severity ? never : keyof (typeof STAGE_RULES)[R] & string;

export function isStageRule(id: string): id is StageRuleId {
  return Object.hasOwn(STAGE_RULES, id);
}

/** The registered severity of a stage rule (of its case, or its default: the first case). */
export function severityOf(id: StageRuleId, variant?: string): Severity {
  const entry: Severity | Record<string, Severity> = STAGE_RULES[id];
  if (typeof entry === 'string') return entry;
  return (variant !== undefined ? entry[variant] : undefined) ?? Object.values(entry)[0];
}
