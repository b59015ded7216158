import { NGINX_PREFIX } from '../../model/annotations/index.js';
import { closest } from '../../util/did-you-mean.js';
import { NGINX_ANNOTATIONS, REMOVED_NGINX_ANNOTATIONS } from '../annotations/catalog.js';
import { annotationsOf } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'unknown-annotation',
    severity: 'warning',
    category: 'annotations',
    description: 'An nginx.ingress.kubernetes.io/ annotation that ingress-nginx does not know (usually a typo); did-you-mean included.',
    details: 'ingress-nginx ignores annotations it does not know, without a word: a misspelt annotation silently does nothing. Annotations ingress-nginx used to read are reported by removed-annotation instead.',
    bad: `nginx.ingress.kubernetes.io/proxy-body-szie: 8m`,
    good: `nginx.ingress.kubernetes.io/proxy-body-size: 8m`,
  },
  check(ctx) {
    for (const ing of ctx.ingresses) {
      for (const k of Object.keys(annotationsOf(ing.doc))) {
        if (!k.startsWith(NGINX_PREFIX)) continue;
        const name = k.slice(NGINX_PREFIX.length);
        if (NGINX_ANNOTATIONS.includes(name) || name in REMOVED_NGINX_ANNOTATIONS) continue;
        const guess = closest(name, NGINX_ANNOTATIONS);
        ctx.report(ing.doc, { path: ['metadata', 'annotations', k], at: 'key', message: `unknown annotation ${k}${guess ? ` (did you mean ${NGINX_PREFIX}${guess}?)` : ''}; ingress-nginx ignores it`, hint: guess ? `Rename it to ${NGINX_PREFIX}${guess}.` : 'Check the ingress-nginx annotation list.' });
      }
    }
  },
};
