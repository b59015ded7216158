import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'duplicate-route',
    severity: STAGE_RULES['duplicate-route'],
    category: 'cross-object',
    description: 'The same host, path and pathType is defined twice; the message says which one wins and why.',
    details: 'Ingresses naming the same host merge into one virtual host. Of two identical routes the one of the Ingress with the older creationTimestamp wins, then the one first in namespace/name order; within one Ingress the first in the list. The other route is never used.',
    bad: `# Ingress a and Ingress b both have
host: shop.example.com
path: /api
pathType: Prefix`,
    good: `# keep /api in one Ingress only`,
    fromModel: true,
  },
};
