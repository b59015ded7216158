import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'affinity-cookie-path',
    severity: STAGE_RULES['affinity-cookie-path'],
    category: 'annotations',
    description: 'With affinity: cookie and no session-cookie-path, the cookie\'s Path is the route\'s path; a path with characters other than letters, digits, -._~/ and %XX is shortened to its plain leading segments.',
    details: 'Every target copies the affinity cookie\'s Path into a Set-Cookie header. Characters such as ";", "=" and "$" are legal in a URL path and the route keeps routing on them, but in a header they would add cookie attributes (";Domain=…") or, in nginx, name variables; the model therefore computes one safe Path (the longest run of whole plain segments, "/" at least) that every target and serve write. The cookie is still sent with every request of the route.',
    bad: `metadata:
  annotations:
    nginx.ingress.kubernetes.io/affinity: cookie
spec:
  rules:
    - http:
        paths:
          - path: /shop;v=2
            pathType: Prefix`,
    good: `metadata:
  annotations:
    nginx.ingress.kubernetes.io/affinity: cookie
    nginx.ingress.kubernetes.io/session-cookie-path: /shop`,
    fromModel: true,
  },
};
