import { NGINX_PREFIX, SUPPORTED_ANNOTATIONS } from '../../model/annotations/index.js';
import { unsafeCharacter } from '../../model/annotations/types.js';
import { NGINX_ANNOTATIONS, SNIPPET_ANNOTATIONS } from '../annotations/catalog.js';
import { annotationsOf } from '../helpers.js';
import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'annotation-value',
    severity: STAGE_RULES['annotation-value'],
    category: 'annotations',
    description: 'An ingress-nginx annotation value is invalid for its annotation, or holds a character no annotation value may hold (CR, LF, NUL, quotes, braces, semicolon, backslash).',
    details: 'The annotations ingressctl understands are parsed by one parser each (src/model/annotations/); an invalid value is ignored, as ingress-nginx ignores it, and reported here. For every other ingress-nginx annotation (snippets aside) the characters that would end a directive or a block in a generated configuration are refused.',
    bad: `nginx.ingress.kubernetes.io/proxy-read-timeout: 60 seconds
nginx.ingress.kubernetes.io/auth-realm: "x; allow all"`,
    good: `nginx.ingress.kubernetes.io/proxy-read-timeout: "60"
nginx.ingress.kubernetes.io/auth-realm: Restricted`,
    fromModel: true,
  },
  check(ctx) {
    const parsed = new Set(SUPPORTED_ANNOTATIONS.map((a) => a.name));
    for (const ing of ctx.ingresses) {
      for (const [k, v] of Object.entries(annotationsOf(ing.doc))) {
        const name = k.startsWith(NGINX_PREFIX) ? k.slice(NGINX_PREFIX.length) : undefined;
        // parsed annotations are reported by the model; snippets by snippet-annotation
        if (name === undefined || parsed.has(name) || SNIPPET_ANNOTATIONS.includes(name) || !NGINX_ANNOTATIONS.includes(name) || typeof v !== 'string') continue;
        const bad = unsafeCharacter(v.trim());
        if (bad) ctx.report(ing.doc, { path: ['metadata', 'annotations', k], message: `${k}: contains ${bad}, which is never allowed in an annotation value`, hint: 'Remove the character; values that need it cannot be rendered safely.' });
      }
    }
  },
};
