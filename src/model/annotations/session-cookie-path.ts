import { parsePath, type AnnotationSpec } from './types.js';

export const sessionCookiePath: AnnotationSpec<string> = {
  name: 'session-cookie-path',
  description: 'The affinity cookie\'s Path (default: the route\'s path; needed for regex paths).',
  parse: parsePath,
  apply(t, v) {
    t.affinity.path = v;
  },
};
