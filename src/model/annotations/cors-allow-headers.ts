import { show, type AnnotationSpec } from './types.js';

export const corsAllowHeaders: AnnotationSpec<string> = {
  name: 'cors-allow-headers',
  description: 'Access-Control-Allow-Headers: comma-separated header names (default DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization).',
  parse(value) {
    if (!/^[A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*$/.test(value)) return { ok: false, message: `must be comma-separated header names (letters, digits, "-", "_"), not ${show(value)}` };
    return { ok: true, value };
  },
  apply(t, v) {
    t.cors.headers = v;
  },
};
