import { parseBoolean, type AnnotationSpec } from './types.js';

export const sslRedirect: AnnotationSpec<boolean> = {
  name: 'ssl-redirect',
  description: 'Redirect plain HTTP to HTTPS (308) for hosts with TLS. Default true.',
  parse: parseBoolean,
  apply(t, v) {
    t.policy.sslRedirect = v;
  },
};

export const forceSslRedirect: AnnotationSpec<boolean> = {
  name: 'force-ssl-redirect',
  description: 'Redirect plain HTTP to HTTPS even when the host has no TLS section.',
  parse: parseBoolean,
  apply(t, v) {
    t.policy.forceSslRedirect = v;
  },
};
