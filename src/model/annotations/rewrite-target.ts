import type { AnnotationSpec } from './types.js';

export const rewriteTarget: AnnotationSpec<string> = {
  name: 'rewrite-target',
  description: 'Rewrites the upstream path; $1…$9 refer to the capture groups of the regex path. Makes the paths of this Ingress regular expressions.',
  parse(value) {
    if (!value.startsWith('/') && !value.startsWith('$')) return { ok: false, message: `must be a path starting with "/" (or a capture reference), not ${JSON.stringify(value)}` };
    if (/[\s]/.test(value)) return { ok: false, message: 'must not contain whitespace' };
    if (/\$(?![1-9])/.test(value)) return { ok: false, message: 'may use "$" only for capture references $1 to $9' };
    return { ok: true, value };
  },
  apply(t, v) {
    t.rewriteTarget = v;
    t.useRegex = true; // as in ingress-nginx: a rewrite makes the location a regex
  },
};
