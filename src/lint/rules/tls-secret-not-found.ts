import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'tls-secret-not-found',
    severity: STAGE_RULES['tls-secret-not-found'],
    category: 'cross-object',
    description: 'spec.tls[].secretName names a Secret that is not in the input.',
    details: 'Without the Secret the controller serves its self-signed fallback certificate. This is a warning, not an error: TLS Secrets are often created outside the manifests under review (cert-manager, sealed or external secrets). Set it to error in .ingressctl.yaml when your repository holds every Secret.',
    bad: `tls:
  - hosts: [shop.example.com]
    secretName: shop-tls   # not in the input`,
    good: `# pass the kubernetes.io/tls Secret shop-tls too, or fix the name`,
    fromModel: true,
  },
};
