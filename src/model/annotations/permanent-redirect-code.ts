import { parseRedirectCode, type AnnotationSpec } from './types.js';

export const permanentRedirectCode: AnnotationSpec<number> = {
  name: 'permanent-redirect-code',
  description: 'The status of permanent-redirect: 300 to 308 (default 301).',
  parse: parseRedirectCode,
  apply(t, v) {
    t.redirect.permanentCode = v;
  },
};
