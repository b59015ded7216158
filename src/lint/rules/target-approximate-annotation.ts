import { NGINX_PREFIX } from '../../model/annotations/index.js';
import { MATRIX } from '../../support/matrix.js';
import { annotationsOf } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'target-approximate-annotation',
    severity: 'info',
    category: 'annotations',
    description: 'With --target nginx|haproxy|envoy|traefik: an ingress-nginx annotation that target honours only approximately; the message says how it differs.',
    details: 'From the support matrix (docs/annotations.md). For example HAProxy and Envoy have one upstream timeout for reading and sending, so proxy-read-timeout and proxy-send-timeout become the larger of the two. Without --target this rule is silent.',
    bad: `# ingressctl lint --target envoy
nginx.ingress.kubernetes.io/proxy-send-timeout: "120"`,
    good: `# the same value for proxy-read-timeout and proxy-send-timeout, or accept the difference`,
  },
  check(ctx) {
    const target = ctx.options.target;
    if (!target) return;
    for (const ing of ctx.ingresses) {
      for (const k of Object.keys(annotationsOf(ing.doc))) {
        const name = k.startsWith(NGINX_PREFIX) ? k.slice(NGINX_PREFIX.length) : '';
        const support = MATRIX[name]?.[target];
        if (support?.level !== 'approximate') continue;
        ctx.report(ing.doc, { path: ['metadata', 'annotations', k], at: 'key', message: `${k} is only approximate on ${target}: ${support.note}` });
      }
    }
  },
};
