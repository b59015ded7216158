import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'gateway-ref-not-permitted',
    severity: STAGE_RULES['gateway-ref-not-permitted'],
    category: 'cross-object',
    description: 'A Gateway listener names a certificate Secret in another namespace that no ReferenceGrant allows; the listener serves a self-signed certificate.',
    details: 'Cross-namespace references in the Gateway API need a ReferenceGrant in the target namespace naming the referring kind and namespace. Without it the listener is ResolvedRefs=False (RefNotPermitted).',
    bad: `certificateRefs:
  - { name: site-tls, namespace: certs }`,
    good: `certificateRefs:
  - { name: site-tls, namespace: certs }
# and a ReferenceGrant in namespace certs from Gateways to Secrets`,
    fromModel: true,
  },
};
