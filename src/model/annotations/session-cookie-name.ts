import { parseCookieName, type AnnotationSpec } from './types.js';

export const sessionCookieName: AnnotationSpec<string> = {
  name: 'session-cookie-name',
  description: 'The affinity cookie\'s name (default INGRESSCOOKIE).',
  parse: parseCookieName,
  apply(t, v) {
    t.affinity.cookieName = v;
  },
};
