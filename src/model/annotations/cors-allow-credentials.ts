import { parseBoolean, type AnnotationSpec } from './types.js';

export const corsAllowCredentials: AnnotationSpec<boolean> = {
  name: 'cors-allow-credentials',
  description: 'Access-Control-Allow-Credentials: true is sent unless this is "false" (default true).',
  parse: parseBoolean,
  apply(t, v) {
    t.cors.credentials = v;
  },
};
