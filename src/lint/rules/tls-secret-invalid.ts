import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'tls-secret-invalid',
    severity: STAGE_RULES['tls-secret-invalid'],
    category: 'cross-object',
    description: 'A Secret used for TLS has the wrong type, lacks tls.crt or tls.key, or holds no parseable PEM certificate or key.',
    details: 'The API server only checks that a kubernetes.io/tls Secret has both keys; the controller needs a PEM certificate and a PEM private key in them and falls back to its self-signed certificate otherwise. Key material is never printed.',
    bad: `kind: Secret
type: Opaque
data:
  tls.crt: ...`,
    good: `kind: Secret
type: kubernetes.io/tls
data:
  tls.crt: <base64 PEM certificate>
  tls.key: <base64 PEM private key>`,
    fromModel: true,
  },
};
