import { parseBoolean, type AnnotationSpec } from './types.js';

export const forceSslRedirect: AnnotationSpec<boolean> = {
  name: 'force-ssl-redirect',
  description: 'Redirect plain HTTP to HTTPS (308) even when the host has no TLS section.',
  parse: parseBoolean,
  apply(t, v) {
    t.policy.forceSslRedirect = v;
  },
};
