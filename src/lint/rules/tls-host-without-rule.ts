import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'tls-host-without-rule',
    severity: 'warning',
    category: 'cross-object',
    description: 'A host in spec.tls[].hosts has no rule in any Ingress, so nothing is served for it.',
    details: 'TLS hosts are not checked against rule hosts by the API server. A typo on either side leaves the rule host without its certificate (ingress-nginx serves the fallback) and the TLS host without routes.',
    bad: `tls:
  - hosts: [shop.example.com]
rules:
  - host: shop.exmaple.com`,
    good: `tls:
  - hosts: [shop.example.com]
rules:
  - host: shop.example.com`,
  },
  check(ctx) {
    const ruleHosts = new Set<string>();
    for (const ing of ctx.ingresses) for (const r of ing.rules) ruleHosts.add(r.host.toLowerCase());
    for (const ing of ctx.ingresses) {
      for (const t of ing.tls) {
        t.hosts.forEach((h, k) => {
          if (ruleHosts.has(h.toLowerCase())) return;
          ctx.report(ing.doc, { path: [...t.fieldPath, 'hosts', k], message: `TLS host ${h} has no rule in any Ingress`, hint: 'Add a rule for this host, or fix the spelling on either side.' });
        });
      }
    }
  },
};
