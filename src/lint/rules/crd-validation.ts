import { celViolations, newCelCache } from '../../gateway/cel.js';
import { isSupportedGatewayObject } from '../../gateway/kinds.js';
import { defaultedObject, schemaKey, schemaRefusedObject } from '../../schema/validate.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'crd-validation',
    severity: 'error',
    category: 'api-server',
    description: "A Gateway API object breaks one of its CRD's CEL validation rules (x-kubernetes-validations).",
    details:
      "The Gateway API CRDs (standard channel, v1.6.1) carry CEL rules the API server evaluates after defaulting: a path must start with '/', a filter's type must match the field it sets, listener names must be unique, a Service backendRef needs a port, and so on. Every rule is evaluated as published, by lint (other commands check the schema only: the rules cost a few microseconds each, hundreds per route); transition rules, which compare with the stored object, are skipped offline. The finding carries the rule's own message, at the field the rule names.",
    bad: `rules:
  - matches:
      - path: {type: PathPrefix, value: api}`,
    good: `rules:
  - matches:
      - path: {type: PathPrefix, value: /api}`,
    // the route model's own check of a field a CEL rule already refused: one finding
    supersedes: ['gateway-invalid-match', 'gateway-invalid-filter'],
  },
  check(ctx) {
    const cache = newCelCache();
    for (const doc of ctx.documents) {
      if (!isSupportedGatewayObject(doc)) continue;
      // a value of the wrong type makes rules fail to run: those failures add nothing to the schema's finding
      for (const v of celViolations(schemaKey(doc.apiVersion, doc.kind), defaultedObject(doc), !schemaRefusedObject(doc), cache)) {
        ctx.report(doc, { path: v.path, message: v.message });
      }
    }
  },
};
