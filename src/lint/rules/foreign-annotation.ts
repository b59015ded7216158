import { FOREIGN_PREFIXES } from '../annotations/catalog.js';
import { annotationsOf, servedByIngressNginx } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'foreign-annotation',
    severity: 'warning',
    category: 'annotations',
    description: 'An Ingress served by ingress-nginx carries another controller\'s annotations (nginx.org/*, traefik, ALB, …), which ingress-nginx ignores.',
    details: 'F5\'s NGINX Ingress Controller (nginx.org/*) and ingress-nginx (nginx.ingress.kubernetes.io/*) are different projects with different annotations. An Ingress is taken as served by ingress-nginx when its IngressClass has controller k8s.io/ingress-nginx, or, with no IngressClass in the input, when its class is "nginx".',
    bad: `spec:
  ingressClassName: nginx
metadata:
  annotations:
    nginx.org/client-max-body-size: 8m`,
    good: `metadata:
  annotations:
    nginx.ingress.kubernetes.io/proxy-body-size: 8m`,
  },
  check(ctx) {
    for (const ing of ctx.ingresses) {
      if (!servedByIngressNginx(ing, ctx.objects)) continue;
      for (const k of Object.keys(annotationsOf(ing.doc))) {
        const prefix = Object.keys(FOREIGN_PREFIXES).find((p) => k.startsWith(p));
        if (!prefix) continue;
        ctx.report(ing.doc, { path: ['metadata', 'annotations', k], at: 'key', message: `${k} belongs to ${FOREIGN_PREFIXES[prefix]}; ingress-nginx ignores it`, hint: 'Use the nginx.ingress.kubernetes.io/ annotation for the same feature, or the class of the controller that reads this one.' });
      }
    }
  },
};
