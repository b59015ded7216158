import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'plain-http-only',
    severity: 'info',
    category: 'cross-object',
    description: 'A host is served over plain HTTP only: no Ingress has a TLS section for it.',
    details: 'Information, not a problem by itself (internal hosts, or TLS terminated in front of the controller). Add a spec.tls entry with a certificate to serve HTTPS; plain HTTP is then redirected.',
    bad: `rules:
  - host: shop.example.com`,
    good: `tls:
  - hosts: [shop.example.com]
    secretName: shop-tls
rules:
  - host: shop.example.com`,
  },
  check(ctx) {
    const tlsHosts = new Set<string>();
    for (const ing of ctx.ingresses) for (const t of ing.tls) for (const h of t.hosts) tlsHosts.add(h.toLowerCase());
    const reported = new Set<string>();
    for (const ing of ctx.ingresses) {
      for (const r of ing.rules) {
        const host = r.host.toLowerCase();
        if (!host || tlsHosts.has(host) || reported.has(host) || !r.paths.length) continue;
        reported.add(host);
        ctx.report(ing.doc, { path: [...r.fieldPath, 'host'], message: `host ${r.host} is served over plain HTTP only`, hint: 'Add a spec.tls entry for it to serve HTTPS.' });
      }
    }
  },
};
