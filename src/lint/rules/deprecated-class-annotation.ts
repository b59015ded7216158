import { v1Ingresses } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'deprecated-class-annotation',
    severity: 'warning',
    category: 'api-server',
    description: 'The kubernetes.io/ingress.class annotation is deprecated; use spec.ingressClassName.',
    details: 'The API server warns when an Ingress sets the annotation without spec.ingressClassName. Controllers still read it, but new features (default classes, IngressClass parameters) follow the field.',
    bad: `metadata:
  annotations:
    kubernetes.io/ingress.class: nginx`,
    good: `spec:
  ingressClassName: nginx`,
  },
  check(ctx) {
    for (const ing of v1Ingresses(ctx)) {
      if (ing.classFromAnnotation === undefined || ing.className !== undefined) continue;
      ctx.report(ing.doc, { path: ['metadata', 'annotations', 'kubernetes.io/ingress.class'], at: 'key', message: 'annotation "kubernetes.io/ingress.class" is deprecated; use spec.ingressClassName', hint: `Replace it with spec.ingressClassName: ${ing.classFromAnnotation}` });
    }
  },
};
