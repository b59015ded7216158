import { readAnnotations } from '../../model/annotations/index.js';
import { captureGroupCount, regexProblem } from '../../model/regex.js';
import { mayUseRegex } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'rewrite-target-capture',
    severity: 'warning',
    category: 'annotations',
    description: 'rewrite-target refers to a capture group ($1…$9) that a regex path of the Ingress does not have.',
    details: 'rewrite-target makes the paths of the Ingress regular expressions; $N in the target is replaced by the N-th group of the matched path. A reference to a group the path lacks is replaced by nothing, so every request is sent to the same upstream path.',
    bad: `nginx.ingress.kubernetes.io/rewrite-target: /$2
# path: /api`,
    good: `nginx.ingress.kubernetes.io/rewrite-target: /$2
# path: /api(/|$)(.*)`,
  },
  check(ctx) {
    for (const ing of ctx.ingresses) {
      if (!mayUseRegex(ing.doc)) continue;
      const ann = readAnnotations(ing.doc).result;
      const target = ann.rewriteTarget;
      if (!target || !ann.useRegex) continue;
      const refs = [...target.matchAll(/\$([1-9])/g)].map((m) => Number(m[1]));
      if (!refs.length) continue;
      const need = Math.max(...refs);
      for (const rule of ing.rules) {
        for (const p of rule.paths) {
          if (p.pathType !== 'ImplementationSpecific') continue;
          const value = p.path || '/';
          if (regexProblem(value)) continue; // invalid-path reports it
          const groups = captureGroupCount(value);
          if (groups >= need) continue;
          ctx.report(ing.doc, { path: [...p.fieldPath, 'path'], message: `rewrite-target ${target} uses $${need}, but the path ${value} has ${groups === 0 ? 'no capture group' : `only ${groups} capture group${groups === 1 ? '' : 's'}`}`, hint: 'Add the groups to the path, e.g. /api(/|$)(.*) with rewrite-target /$2.' });
        }
      }
    }
  },
};
