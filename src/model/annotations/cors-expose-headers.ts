import { show, type AnnotationSpec } from './types.js';

export const corsExposeHeaders: AnnotationSpec<string> = {
  name: 'cors-expose-headers',
  description: 'Access-Control-Expose-Headers: comma-separated header names or "*" (default none).',
  parse(value) {
    if (!/^(?:[A-Za-z0-9_-]+|\*)(?:\s*,\s*(?:[A-Za-z0-9_-]+|\*))*$/.test(value)) return { ok: false, message: `must be comma-separated header names or "*", not ${show(value)}` };
    return { ok: true, value };
  },
  apply(t, v) {
    t.cors.exposeHeaders = v;
  },
};
