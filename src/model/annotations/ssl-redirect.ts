import { parseBoolean, type AnnotationSpec } from './types.js';

export const sslRedirect: AnnotationSpec<boolean> = {
  name: 'ssl-redirect',
  description: 'Redirect plain HTTP to HTTPS (308) for hosts with TLS. Default true.',
  parse: parseBoolean,
  apply(t, v) {
    t.policy.sslRedirect = v;
  },
};
