import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'auth-secret-user',
    severity: STAGE_RULES['auth-secret-user'],
    category: 'cross-object',
    description: 'A line of the htpasswd Secret of auth-type: basic is not a user with a known password hash; that user is left out.',
    details: 'Each line of the `auth` key must be `user:hash`, with a hash from htpasswd or openssl passwd ($apr1$, {SHA}, crypt(3) and the like). A line that is not is left out and that user cannot log in; the other users still can (when none is left, auth-secret reports the Secret and the routes answer 503).',
    bad: `# Secret basic-auth, key auth:
alice:plaintext-password`,
    good: `# Secret basic-auth, key auth (htpasswd -nb alice …):
alice:$apr1$Vx3d2lb8$2kYRR0hY3yzCbsnHr3y4a/`,
    fromModel: true,
  },
};
