import { parseInteger, type AnnotationSpec } from './types.js';

export const corsMaxAge: AnnotationSpec<number> = {
  name: 'cors-max-age',
  description: 'Access-Control-Max-Age in seconds: how long a preflight answer may be cached (default 1728000).',
  parse: (value) => parseInteger(value, 0, 2_147_483_647),
  apply(t, v) {
    t.cors.maxAge = v;
  },
};
