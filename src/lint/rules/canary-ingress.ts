import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'canary-ingress',
    severity: STAGE_RULES['canary-ingress'],
    category: 'cross-object',
    description: 'A canary Ingress (canary: "true") that adds nothing: no main Ingress has its host, path and pathType, the path already has a canary, or it sets annotations a canary ignores.',
    details: 'A canary Ingress is not a route of its own: each of its paths becomes an alternative backend of the route with the same host, path and pathType in another Ingress, chosen by canary-by-header, canary-by-cookie, then canary-weight. Without such a route it is ignored, one route takes one canary, and the main Ingress\'s other annotations (timeouts, auth, CORS…) apply to canary requests too. Sharing host and path with the main Ingress is what a canary is for: duplicate-route never reports it.',
    bad: `# Ingress shop-canary, canary: "true"
- path: /api      # no other Ingress has shop.example.com /api (Prefix)
  pathType: Prefix`,
    good: `# the same host, path and pathType as the main Ingress shop`,
    fromModel: true,
  },
};
