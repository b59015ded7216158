import { certCovers } from '../../model/tls.js';
import { tlsUses } from '../tls-certs.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'tls-cert-host',
    severity: 'warning',
    category: 'cross-object',
    description: 'A host in spec.tls[].hosts is not covered by the certificate\'s names (SANs, else the CN).',
    details: 'Browsers check the requested host against the certificate\'s DNS names; a wildcard name covers exactly one label. ingress-nginx serves such a certificate anyway, and clients reject it.',
    bad: `tls:
  - hosts: [api.example.com]
    secretName: www-tls   # certificate for www.example.com`,
    good: `tls:
  - hosts: [api.example.com]
    secretName: api-tls`,
  },
  check(ctx) {
    for (const use of tlsUses(ctx)) {
      if (!use.cert) continue;
      use.tls.hosts.forEach((h, k) => {
        const host = h.toLowerCase();
        if (certCovers(use.cert!.dnsNames, host)) return;
        ctx.report(use.ingress.doc, { path: [...use.tls.fieldPath, 'hosts', k], message: `host ${h} is not covered by the certificate in Secret ${use.secret.namespace}/${use.secret.name} (it covers ${use.cert!.dnsNames.join(', ') || 'no DNS names'})`, hint: 'Use a certificate whose SANs include this host.' });
      });
    }
  },
};
