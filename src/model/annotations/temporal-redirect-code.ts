import { parseRedirectCode, type AnnotationSpec } from './types.js';

export const temporalRedirectCode: AnnotationSpec<number> = {
  name: 'temporal-redirect-code',
  description: 'The status of temporal-redirect: 300 to 308 (default 302).',
  parse: parseRedirectCode,
  apply(t, v) {
    t.redirect.temporalCode = v;
  },
};
