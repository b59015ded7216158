import { NGINX_PREFIX } from '../../model/annotations/index.js';
import { SNIPPET_ANNOTATIONS } from '../annotations/catalog.js';
import { annotationsOf } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'snippet-annotation',
    severity: 'error',
    category: 'annotations',
    description: 'A snippet annotation (configuration-, server-, auth-, stream-, modsecurity-snippet) pastes raw nginx configuration; refused unless the config sets allowSnippets.',
    details: 'Snippets are copied into nginx.conf verbatim: anyone who can write an Ingress can then read the controller\'s secrets or reroute other tenants\' traffic (the cause of ingress-nginx\'s injection CVEs, e.g. CVE-2021-25742 and CVE-2025-1974). ingress-nginx disables them by default since 1.9. Set allowSnippets: true in .ingressctl.yaml only when every Ingress author is trusted.',
    bad: `nginx.ingress.kubernetes.io/configuration-snippet: |
  more_set_headers "X-Frame-Options: DENY";`,
    good: `nginx.ingress.kubernetes.io/custom-headers: default/security-headers`,
  },
  check(ctx) {
    if (ctx.options.allowSnippets) return;
    for (const ing of ctx.ingresses) {
      for (const k of Object.keys(annotationsOf(ing.doc))) {
        if (!k.startsWith(NGINX_PREFIX) || !SNIPPET_ANNOTATIONS.includes(k.slice(NGINX_PREFIX.length))) continue;
        ctx.report(ing.doc, { path: ['metadata', 'annotations', k], at: 'key', message: `${k} injects raw nginx configuration; snippets are not allowed`, hint: 'Use a dedicated annotation instead, or set allowSnippets: true in .ingressctl.yaml.' });
      }
    }
  },
};
