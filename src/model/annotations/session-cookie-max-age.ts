import { parseInteger, type AnnotationSpec } from './types.js';

export const sessionCookieMaxAge: AnnotationSpec<number> = {
  name: 'session-cookie-max-age',
  description: 'The affinity cookie\'s Max-Age in seconds (default: a session cookie).',
  parse: (value) => parseInteger(value, 0, 2_147_483_647),
  apply(t, v) {
    t.affinity.maxAge = v;
  },
};
