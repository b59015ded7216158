import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'auth-secret',
    severity: 'error',
    category: 'cross-object',
    description: 'The htpasswd Secret of auth-type: basic is missing, has no `auth` key, or holds lines that are not users with a known password hash.',
    details: 'ingress-nginx reads the htpasswd file from the `auth` key of the Secret named by auth-secret ("name" in the Ingress\'s namespace, or "namespace/name"). When the Secret cannot be used the routes of the Ingress answer 503 instead of going unprotected; lines that are not `user:hash` with a hash from htpasswd or openssl passwd are left out (warning).',
    bad: `nginx.ingress.kubernetes.io/auth-type: basic
nginx.ingress.kubernetes.io/auth-secret: missing-secret`,
    good: `nginx.ingress.kubernetes.io/auth-type: basic
nginx.ingress.kubernetes.io/auth-secret: basic-auth   # a Secret with data.auth: <base64 of "user:$apr1$…">`,
    fromModel: true,
    keepModelSeverity: true,
  },
};
