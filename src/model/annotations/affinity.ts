import { show, type AnnotationSpec } from './types.js';

export const affinity: AnnotationSpec<'cookie'> = {
  name: 'affinity',
  description: 'cookie: a client is sent back to the endpoint that answered it first, remembered in a cookie (session-cookie-*).',
  parse(value) {
    return value === 'cookie' ? { ok: true, value } : { ok: false, message: `must be "cookie", not ${show(value)}` };
  },
  apply(t, v) {
    t.affinity.type = v;
  },
};
