import { closeRoutes, show, type AnnotationSpec } from './types.js';

const NAME = '[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?';

export const authSecret: AnnotationSpec<{ namespace?: string; name: string }> = {
  name: 'auth-secret',
  description: 'The Secret ("name" in the Ingress\'s namespace, or "namespace/name") whose `auth` key holds the htpasswd file for auth-type: basic.',
  parse(value) {
    const m = new RegExp(`^(?:(${NAME})/)?(${NAME})$`).exec(value);
    if (!m || (m[1] !== undefined && m[1].includes('.'))) return { ok: false, message: `must be a Secret name or namespace/name, not ${show(value)}` };
    return { ok: true, value: { ...(m[1] !== undefined ? { namespace: m[1] } : {}), name: m[3] } };
  },
  apply(t, v) {
    t.auth.secret = v;
  },
  invalid: closeRoutes('auth-secret'),
};
