import { show, type AnnotationSpec } from './types.js';

export const canaryByHeaderValue: AnnotationSpec<string> = {
  name: 'canary-by-header-value',
  description: 'With canary-by-header: this exact value (case-sensitive) sends to the canary; other values fall through to cookie and weight.',
  parse(value) {
    if (!/^[\x21-\x7e](?:[\x20-\x7e]{0,254}[\x21-\x7e])?$/.test(value) || value.includes('$')) return { ok: false, message: `must be up to 256 printable characters without "$", not ${show(value)}` };
    return { ok: true, value };
  },
  apply(t, v) {
    t.canary.headerValue = v;
  },
};
