import { readAnnotations } from '../../model/annotations/index.js';
import { mayUseRegex, REGEX_SYNTAX } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'regex-in-plain-path',
    severity: 'warning',
    category: 'paths',
    description: 'A path that is not read as a regex (Exact, Prefix, or ImplementationSpecific without use-regex) contains regex syntax.',
    details: 'Only ImplementationSpecific paths of an Ingress with use-regex or rewrite-target are regular expressions. Elsewhere /api/.* matches the literal characters ".*". Use pathType ImplementationSpecific with use-regex: "true", or a plain prefix.',
    bad: `- path: /api/.*
  pathType: Prefix`,
    good: `- path: /api
  pathType: Prefix`,
  },
  check(ctx) {
    for (const ing of ctx.ingresses) {
      const regex = mayUseRegex(ing.doc) && readAnnotations(ing.doc).result.useRegex;
      for (const rule of ing.rules) {
        for (const p of rule.paths) {
          if (!p.pathType || (p.pathType === 'ImplementationSpecific' && regex)) continue;
          const m = REGEX_SYNTAX.exec(p.path);
          if (m) ctx.report(ing.doc, { path: [...p.fieldPath, 'path'], message: `${p.pathType} path ${p.path} contains regex syntax (${JSON.stringify(m[0])}) but is matched literally`, hint: 'Use pathType ImplementationSpecific with nginx.ingress.kubernetes.io/use-regex: "true", or a plain path.' });
        }
      }
    }
  },
};
