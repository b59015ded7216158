import { parseBoolean, type AnnotationSpec } from './types.js';

export const enableCors: AnnotationSpec<boolean> = {
  name: 'enable-cors',
  description: 'Adds CORS headers to answers for allowed origins and answers preflight (OPTIONS) requests itself with 204.',
  parse: parseBoolean,
  apply(t, v) {
    t.cors.enabled = v;
  },
};
