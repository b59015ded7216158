import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'tls-key-mismatch',
    severity: 'error',
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
