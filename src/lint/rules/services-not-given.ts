import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'services-not-given',
    severity: STAGE_RULES['services-not-given'],
    category: 'cross-object',
    description: 'No Service is in the input, so backends cannot be checked against Services.',
    details: 'Lint then skips service-not-found and service-port-not-found. Pass the Service manifests together with the Ingresses to have backends checked.',
    bad: `ingressctl lint ingress.yaml`,
    good: `ingressctl lint ingress.yaml services.yaml`,
    fromModel: true,
  },
};
