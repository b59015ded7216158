import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'unknown-ingress-class',
    severity: 'warning',
    category: 'cross-object',
    description: 'An Ingress names a class that no IngressClass in the input has (checked when any IngressClass is given).',
    details: 'No controller picks up an Ingress whose class does not exist: it is silently not served. The field and the legacy kubernetes.io/ingress.class annotation are both checked.',
    bad: `# IngressClass nginx is given
spec:
  ingressClassName: ngnix`,
    good: `spec:
  ingressClassName: nginx`,
  },
  check(ctx) {
    const classes = ctx.objects.ingressClasses;
    if (!classes.size) return;
    for (const ing of ctx.ingresses) {
      const byField = ing.className !== undefined;
      const name = ing.className ?? ing.classFromAnnotation;
      if (name === undefined || name === '' || classes.has(name)) continue;
      ctx.report(ing.doc, { path: byField ? ['spec', 'ingressClassName'] : ['metadata', 'annotations', 'kubernetes.io/ingress.class'], message: `IngressClass ${JSON.stringify(name)} is not in the input (known: ${[...classes.keys()].sort().join(', ')})`, hint: 'Fix the class name, or add the IngressClass.' });
    }
  },
};
