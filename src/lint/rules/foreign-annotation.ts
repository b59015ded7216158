import { FOREIGN_PREFIXES } from '../annotations/catalog.js';
import { annotationsOf, servedByIngressNginx } from '../helpers.js';
import type { Rule } from '../types.js';

const INGRESS_NGINX = 'nginx.ingress.kubernetes.io/';
const isF5 = (k: string) => k.startsWith('nginx.org/') || k.startsWith('nginx.com/');

export const rule: Rule = {
  meta: {
    id: 'foreign-annotation',
    severity: 'warning',
    category: 'annotations',
    description: 'An Ingress served by ingress-nginx carries another controller\'s annotations (nginx.org/*, traefik, ALB, …), which ingress-nginx ignores.',
    details: 'F5\'s NGINX Ingress Controller (nginx.org/*) and ingress-nginx (nginx.ingress.kubernetes.io/*) are different projects with different annotations. An Ingress is taken as served by ingress-nginx when its IngressClass has controller k8s.io/ingress-nginx, or, with no IngressClass in the input, when its class is "nginx". F5\'s controller answers to the class "nginx" too: an Ingress with only nginx.org/* annotations (the Kubernetes docs\' cafe example) is said to be written for F5\'s controller, whose annotations no ingressctl target honours, rather than advised to switch.',
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
      const keys = Object.keys(annotationsOf(ing.doc));
      // only F5's annotations (the docs' cafe example): written for F5's controller, which also
      // answers to the class "nginx"; advising ingress-nginx's annotations would be wrong
      const forF5 = keys.some(isF5) && !keys.some((k) => k.startsWith(INGRESS_NGINX));
      for (const k of keys) {
        const prefix = Object.keys(FOREIGN_PREFIXES).find((p) => k.startsWith(p));
        if (!prefix) continue;
        if (forF5 && isF5(k)) {
          ctx.report(ing.doc, {
            path: ['metadata', 'annotations', k], at: 'key',
            message: `${k} belongs to ${FOREIGN_PREFIXES[prefix]} (which also answers to the class "nginx"); ingress-nginx and every ingressctl target (nginx, HAProxy, Envoy, serve) ignore it`,
            hint: 'This Ingress carries only F5 NGINX Ingress Controller annotations, so it was likely written for that controller, which ingressctl does not model; what they ask for is not in any ingressctl output. Under ingress-nginx, the nginx.ingress.kubernetes.io/ annotations do the same jobs.',
          });
        } else {
          ctx.report(ing.doc, { path: ['metadata', 'annotations', k], at: 'key', message: `${k} belongs to ${FOREIGN_PREFIXES[prefix]}; ingress-nginx ignores it`, hint: 'Use the nginx.ingress.kubernetes.io/ annotation for the same feature, or the class of the controller that reads this one.' });
        }
      }
    }
  },
};
