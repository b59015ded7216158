import { NGINX_PREFIX, SUPPORTED_ANNOTATIONS } from '../../model/annotations/index.js';
import { NGINX_ANNOTATIONS } from '../annotations/catalog.js';
import { annotationsOf } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'target-unsupported-annotation',
    severity: 'warning',
    category: 'annotations',
    description: 'With --target nginx|haproxy|envoy: an ingress-nginx annotation the configuration ingressctl renders for that target does not honour.',
    details: 'ingressctl renders only what its route model understands (src/model/annotations/); every other ingress-nginx annotation is left out of the generated configuration. Without --target this rule is silent.',
    bad: `# ingressctl lint --target haproxy
nginx.ingress.kubernetes.io/enable-cors: "true"`,
    good: `# implement CORS in the application, or in a target that supports it`,
  },
  check(ctx) {
    const target = ctx.options.target;
    if (!target) return;
    const supported = new Set(SUPPORTED_ANNOTATIONS.map((a) => a.name));
    for (const ing of ctx.ingresses) {
      for (const k of Object.keys(annotationsOf(ing.doc))) {
        const name = k.startsWith(NGINX_PREFIX) ? k.slice(NGINX_PREFIX.length) : undefined;
        if (name === undefined || supported.has(name) || !NGINX_ANNOTATIONS.includes(name)) continue;
        ctx.report(ing.doc, { path: ['metadata', 'annotations', k], at: 'key', message: `${k} is not honoured by the ${target} configuration ingressctl renders; it is left out`, hint: `Supported: ${[...supported].sort().join(', ')}.` });
      }
    }
  },
};
