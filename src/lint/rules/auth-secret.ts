import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'auth-secret',
    severity: STAGE_RULES['auth-secret'],
    category: 'cross-object',
    description: 'The htpasswd Secret of auth-type: basic is missing, has no `auth` key, or holds no user with a known password hash; the routes of the Ingress answer 503.',
    details: 'ingress-nginx reads the htpasswd file from the `auth` key of the Secret named by auth-secret ("name" in the Ingress\'s namespace, or "namespace/name"). When the Secret cannot be used the routes of the Ingress answer 503 instead of going unprotected. Single lines that cannot be used are auth-secret-user.',
    bad: `nginx.ingress.kubernetes.io/auth-type: basic
nginx.ingress.kubernetes.io/auth-secret: missing-secret`,
    good: `nginx.ingress.kubernetes.io/auth-type: basic
nginx.ingress.kubernetes.io/auth-secret: basic-auth   # a Secret with data.auth: <base64 of "user:$apr1$…">`,
    fromModel: true,
  },
};
