import { show, type AnnotationSpec } from './types.js';

export const corsAllowMethods: AnnotationSpec<string> = {
  name: 'cors-allow-methods',
  description: 'Access-Control-Allow-Methods: comma-separated method names (default "GET, PUT, POST, DELETE, PATCH, OPTIONS").',
  parse(value) {
    if (!/^[A-Za-z]+(?:\s*,\s*[A-Za-z]+)*$/.test(value)) return { ok: false, message: `must be comma-separated method names (letters only), not ${show(value)}` };
    return { ok: true, value };
  },
  apply(t, v) {
    t.cors.methods = v;
  },
};
