import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'service-port-unresolved',
    severity: STAGE_RULES['service-port-unresolved'],
    category: 'cross-object',
    description: 'A backend names its port by name and the Service is not in the input, so the port number is unknown.',
    details: 'A warning: the input is only partial. When other Services are given, the missing Service itself is the error (service-not-found). Also reported for the default-backend annotation, which uses the first port of its Service. Give the Service manifest, or use the port number.',
    bad: `backend:
  service:
    name: web       # no Service web in the input
    port:
      name: http`,
    good: `backend:
  service:
    name: web
    port:
      number: 80`,
    fromModel: true,
  },
};
