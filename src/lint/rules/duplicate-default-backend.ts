import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'duplicate-default-backend',
    severity: STAGE_RULES['duplicate-default-backend'],
    category: 'cross-object',
    description: 'Two Ingresses without rules both define a catch-all defaultBackend.',
    details: 'Only one catch-all can answer requests that match no host; the one of the older Ingress is used and the other is ignored.',
    bad: `# Ingress a: spec: {defaultBackend: {service: {name: x, port: {number: 80}}}}
# Ingress b: spec: {defaultBackend: {service: {name: y, port: {number: 80}}}}`,
    good: `# one Ingress without rules defines the catch-all`,
    fromModel: true,
  },
};
