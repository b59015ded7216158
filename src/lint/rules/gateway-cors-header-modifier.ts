import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'gateway-cors-header-modifier',
    severity: STAGE_RULES['gateway-cors-header-modifier'],
    category: 'cross-object',
    description: 'A ResponseHeaderModifier sets, adds or removes a header the CORS filter of its rule writes (Access-Control-Allow-Origin and the others).',
    details: 'The Gateway API does not say which of the two wins on one header. ingressctl applies them in one order on every target (serve, nginx, HAProxy, Envoy): the CORS headers first, then the ResponseHeaderModifier (the rule\'s, then the backendRef\'s), as filters run in the order they are written; the CORS filter answers a preflight itself, and that answer carries the CORS headers only. A modifier listed before the CORS filter gets the same order. Envoy applies a backendRef\'s modifier before the CORS headers: render reports it.',
    bad: `filters:
  - type: CORS
    cors: { allowOrigins: ["https://app.example.com"] }
  - type: ResponseHeaderModifier
    responseHeaderModifier:
      set: [{ name: Access-Control-Allow-Origin, value: "*" }]`,
    good: `filters:
  - type: CORS
    cors: { allowOrigins: ["https://app.example.com"] }
  - type: ResponseHeaderModifier
    responseHeaderModifier:
      set: [{ name: Cache-Control, value: no-store }]`,
    fromModel: true,
  },
};
