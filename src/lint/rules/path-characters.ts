import { REGEX_SYNTAX } from '../helpers.js';
import type { Rule } from '../types.js';
import { nonPlainCharacters } from '../../model/validate-values.js';


export const rule: Rule = {
  meta: {
    id: 'path-characters',
    severity: 'warning',
    category: 'paths',
    description: 'An Exact or Prefix path holds characters outside A-Za-z0-9-._~/ (regex syntax aside, see regex-in-plain-path) (strict controllers, such as ingress-nginx with strict-validate-path-type, reject them).',
    details: 'The API server accepts any characters after the leading "/", but ingress-nginx\'s admission webhook with strict path validation refuses Exact and Prefix paths with others, and percent-encoded or reserved characters match differently across proxies.',
    bad: `- path: /files/@latest
  pathType: Prefix`,
    good: `- path: /files/latest
  pathType: Prefix`,
  },
  check(ctx) {
    for (const ing of ctx.ingresses) {
      for (const rule of ing.rules) {
        for (const p of rule.paths) {
          // regex syntax: regex-in-plain-path; paths the model refuses: invalid-path (which supersedes this rule)
          if ((p.pathType !== 'Exact' && p.pathType !== 'Prefix') || REGEX_SYNTAX.test(p.path)) continue;
          const chars = nonPlainCharacters(p.path);
          if (chars.length) ctx.report(ing.doc, { path: [...p.fieldPath, 'path'], message: `path ${p.path} holds ${chars.map((c) => JSON.stringify(c)).join(', ')}, outside A-Za-z0-9-._~/`, hint: 'Keep Exact and Prefix paths to letters, digits and -._~/.' });
        }
      }
    }
  },
};
