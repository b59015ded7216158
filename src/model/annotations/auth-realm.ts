import { show, type AnnotationSpec } from './types.js';

export const authRealm: AnnotationSpec<string> = {
  name: 'auth-realm',
  description: 'The realm named in the 401 answer\'s WWW-Authenticate header (printable text; no "$" or quotes).',
  parse(value) {
    if (!/^[\x20-\x7e]{0,128}$/.test(value) || value.includes('$')) return { ok: false, message: `must be up to 128 printable characters without "$", not ${show(value)}` };
    return { ok: true, value };
  },
  apply(t, v) {
    t.auth.realm = v;
  },
};
