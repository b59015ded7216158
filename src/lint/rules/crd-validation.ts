import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'crd-validation',
    severity: 'error',
    category: 'api-server',
    description: "A Gateway API object breaks one of its CRD's CEL validation rules (x-kubernetes-validations).",
    details:
      "The Gateway API CRDs (standard channel, v1.6.1) carry CEL rules the API server evaluates after defaulting: a path must start with '/', a filter's type must match the field it sets, listener names must be unique, a Service backendRef needs a port, and so on. Every rule is evaluated as published (transition rules, which compare with the stored object, are skipped offline); the finding carries the rule's own message, at the field the rule names.",
    bad: `rules:
  - matches:
      - path: {type: PathPrefix, value: api}`,
    good: `rules:
  - matches:
      - path: {type: PathPrefix, value: /api}`,
    fromModel: true,
  },
};
