import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'invalid-host',
    severity: STAGE_RULES['invalid-host'],
    category: 'api-server',
    description: 'A rule host cannot be routed (not a DNS name, or an IP address); its rule is left out of the route model.',
    details: 'Lint shows the API-server error of ingress-host in its place; this id remains for a host the route model refuses when ingress-host is turned off.',
    bad: `rules:
  - host: Shop.Example.com`,
    good: `rules:
  - host: shop.example.com`,
    fromModel: true,
  },
};
