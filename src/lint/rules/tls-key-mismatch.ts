import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'tls-key-mismatch',
    severity: STAGE_RULES['tls-key-mismatch'],
    category: 'cross-object',
    description: 'The private key in tls.key does not belong to the certificate in tls.crt.',
    details: 'nginx refuses to load such a pair; ingress-nginx then serves its self-signed fallback certificate. Usually one of the two was renewed without the other.',
    bad: `data:
  tls.crt: <certificate of key A>
  tls.key: <key B>`,
    good: `data:
  tls.crt: <certificate of key A>
  tls.key: <key A>`,
    fromModel: true,
  },
};
