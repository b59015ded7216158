import { closeRoutes, show, type AnnotationSpec } from './types.js';

export const authType: AnnotationSpec<'basic'> = {
  name: 'auth-type',
  description: 'basic: HTTP Basic authentication against the htpasswd file in auth-secret (401 without valid credentials). digest is not supported and closes the routes.',
  parse(value) {
    if (value === 'basic') return { ok: true, value };
    if (value === 'digest') return { ok: false, message: 'digest authentication is not supported by ingressctl', hint: 'Use auth-type: basic.' };
    return { ok: false, message: `must be "basic", not ${show(value)}` };
  },
  apply(t, v) {
    t.auth.type = v;
  },
  invalid: closeRoutes('auth-type'),
};
