import { NGINX_PREFIX } from '../../model/annotations/index.js';
import { REMOVED_NGINX_ANNOTATIONS } from '../annotations/catalog.js';
import { annotationsOf } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'removed-annotation',
    severity: 'warning',
    category: 'annotations',
    description: 'An annotation that ingress-nginx no longer reads (removed in an earlier release); the message names its replacement.',
    details: 'Removed annotations are ignored without a word, so the behaviour they asked for is gone after an upgrade. Examples: secure-backends and grpc-backend (replaced by backend-protocol), add-base-url, session-cookie-hash, the OpenTracing and InfluxDB annotations.',
    bad: `nginx.ingress.kubernetes.io/secure-backends: "true"`,
    good: `nginx.ingress.kubernetes.io/backend-protocol: HTTPS`,
  },
  check(ctx) {
    for (const ing of ctx.ingresses) {
      for (const k of Object.keys(annotationsOf(ing.doc))) {
        if (!k.startsWith(NGINX_PREFIX)) continue;
        const instead = REMOVED_NGINX_ANNOTATIONS[k.slice(NGINX_PREFIX.length)];
        if (instead) ctx.report(ing.doc, { path: ['metadata', 'annotations', k], at: 'key', message: `${k} was removed from ingress-nginx and is ignored; ${instead}`, hint: instead.charAt(0).toUpperCase() + instead.slice(1) + '.' });
      }
    }
  },
};
