import { nameErrors } from '../k8s/field-error.js';
import { dns1123Subdomain } from '../k8s/names.js';
import { v1Ingresses } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'ingress-tls-secret-name',
    severity: 'error',
    category: 'api-server',
    description: 'spec.tls[].secretName, when set, must be a valid Secret name (a lowercase DNS subdomain).',
    details: 'The API server does not check that the Secret exists (lint does: tls-secret-not-found), only that the name could be one. An empty or missing secretName is allowed.',
    bad: `tls:
  - secretName: Shop_TLS`,
    good: `tls:
  - secretName: shop-tls`,
  },
  check(ctx) {
    for (const ing of v1Ingresses(ctx)) {
      for (const t of ing.tls) {
        if (t.secretName) nameErrors(ctx, ing.doc, [...t.fieldPath, 'secretName'], t.secretName, dns1123Subdomain(t.secretName));
      }
    }
  },
};
