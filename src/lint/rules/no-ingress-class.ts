import { defaultClasses } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'no-ingress-class',
    severity: 'warning',
    category: 'cross-object',
    description: 'An Ingress names no class and no IngressClass in the input is marked as the default.',
    details: 'Without spec.ingressClassName (or the legacy annotation) an Ingress is served only if the cluster has a default IngressClass (annotation ingressclass.kubernetes.io/is-default-class: "true"). Name the class, or give the default IngressClass in the input.',
    bad: `spec:
  rules: [...]`,
    good: `spec:
  ingressClassName: nginx
  rules: [...]`,
  },
  check(ctx) {
    if (defaultClasses(ctx.objects).length) return;
    for (const ing of ctx.ingresses) {
      if (ing.className !== undefined || ing.classFromAnnotation !== undefined) continue;
      ctx.report(ing.doc, { path: ing.doc.obj.spec === undefined ? [] : ['spec'], at: 'key', message: 'no ingressClassName, and no default IngressClass in the input: only a cluster with a default class serves this Ingress', hint: 'Set spec.ingressClassName.' });
    }
  },
};
