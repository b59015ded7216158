import { apiError, nameErrors } from '../k8s/field-error.js';
import { configMapKey } from '../k8s/names.js';
import { secretKeys } from '../k8s/defaults.js';
import { docsOf } from '../helpers.js';
import { field } from '../../model/objects.js';
import type { Rule } from '../types.js';

const MAX_DATA_BYTES = 1048576;

export const rule: Rule = {
  meta: {
    id: 'tls-secret-data',
    severity: 'error',
    category: 'api-server',
    description: 'Secret data keys must be valid keys, data may total at most 1 MiB, and a kubernetes.io/tls Secret needs tls.crt and tls.key.',
    details: 'stringData counts as data (the API server merges it in before validation). For kubernetes.io/tls the API server checks only that both keys exist; whether they hold a usable certificate and key is tls-secret-invalid and tls-key-mismatch.',
    bad: `type: kubernetes.io/tls
data:
  tls.crt: <base64>`,
    good: `type: kubernetes.io/tls
data:
  tls.crt: <base64>
  tls.key: <base64>`,
    supersedes: ['tls-secret-invalid'],
  },
  check(ctx) {
    for (const doc of docsOf(ctx, 'v1', 'Secret')) {
      const keys = secretKeys(doc.obj);
      let size = 0;
      for (const k of keys) {
        nameErrors(ctx, doc, [k.from, k.key], k.key, configMapKey(k.key));
        if (typeof k.value === 'string') size += k.from === 'data' ? Buffer.from(k.value, 'base64').length : Buffer.byteLength(k.value);
      }
      if (size > MAX_DATA_BYTES) apiError(ctx, doc, ['data'], 'Too long', { detail: `may not be more than ${MAX_DATA_BYTES} bytes` });
      if (field(doc.obj, 'type') !== 'kubernetes.io/tls') continue;
      for (const name of ['tls.crt', 'tls.key']) {
        if (keys.some((k) => k.key === name)) continue;
        apiError(ctx, doc, ['data', name], 'Required value', { hint: 'A kubernetes.io/tls Secret needs both tls.crt and tls.key.', at: field(doc.obj, 'data') !== undefined ? ['data'] : [] });
      }
    }
  },
};
