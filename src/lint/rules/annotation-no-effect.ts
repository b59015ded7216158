import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'annotation-no-effect',
    severity: STAGE_RULES['annotation-no-effect'],
    category: 'annotations',
    description: 'An ingress-nginx annotation that only works together with another one is set without it, or is overridden by another one.',
    details: 'Several annotations only mean something in a set: cors-* need enable-cors, session-cookie-* need affinity: cookie, canary-* need canary, auth-secret and auth-realm need auth-type, a redirect code needs its redirect; temporal-redirect wins over permanent-redirect and allowlist-source-range over whitelist-source-range. The annotation that has no effect is reported, so a forgotten switch is not mistaken for a working setting.',
    bad: `nginx.ingress.kubernetes.io/cors-allow-origin: https://app.example.com`,
    good: `nginx.ingress.kubernetes.io/enable-cors: "true"
nginx.ingress.kubernetes.io/cors-allow-origin: https://app.example.com`,
    fromModel: true,
  },
};
