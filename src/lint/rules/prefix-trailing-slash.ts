import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'prefix-trailing-slash',
    severity: 'warning',
    category: 'paths',
    description: 'A Prefix path ends with "/"; the trailing slash is ignored, which is rarely what the author meant.',
    details: 'Prefix matching is element-wise and ignores a trailing slash: /api/ matches /api, /api/ and /api/x alike. Write /api; if only /api/... should match, that cannot be said with Prefix.',
    bad: `- path: /api/
  pathType: Prefix`,
    good: `- path: /api
  pathType: Prefix`,
  },
  check(ctx) {
    for (const ing of ctx.ingresses) {
      for (const rule of ing.rules) {
        for (const p of rule.paths) {
          if (p.pathType === 'Prefix' && p.path.length > 1 && p.path.endsWith('/')) {
            ctx.report(ing.doc, { path: [...p.fieldPath, 'path'], message: `Prefix path ${p.path} ends with "/", which is ignored: it also matches ${p.path.replace(/\/+$/, '') || '/'}`, hint: `Write ${p.path.replace(/\/+$/, '') || '/'}.` });
          }
        }
      }
    }
  },
};
