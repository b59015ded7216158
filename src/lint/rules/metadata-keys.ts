import { apiError } from '../k8s/field-error.js';
import { labelValue, qualifiedName } from '../k8s/names.js';
import { isRecord, parityDocs } from '../helpers.js';
import type { Rule } from '../types.js';

const MAX_ANNOTATION_BYTES = 262144;

export const rule: Rule = {
  meta: {
    id: 'metadata-keys',
    severity: 'error',
    category: 'api-server',
    description: 'Label keys and values and annotation keys must be qualified names; annotations may total at most 256 KiB.',
    details: 'A key is an optional DNS-subdomain prefix and "/" followed by a name of up to 63 characters (letters, digits, "-", "_", "."; starting and ending with a letter or digit). Annotation keys are checked after lower-casing, label keys as written. Label values follow the same character rules and may be empty. Annotation values are not checked by the API server.',
    bad: `labels:
  app/name/x: web
  tier: "front end"`,
    good: `labels:
  app.kubernetes.io/name: web
  tier: front-end`,
  },
  check(ctx) {
    for (const doc of parityDocs(ctx)) {
      const labels = doc.obj.metadata?.labels;
      if (isRecord(labels)) {
        for (const [k, v] of Object.entries(labels)) {
          for (const p of qualifiedName(k)) apiError(ctx, doc, ['metadata', 'labels'], 'Invalid value', { value: k, detail: p, at: ['metadata', 'labels', k] });
          if (typeof v === 'string') for (const p of labelValue(v)) apiError(ctx, doc, ['metadata', 'labels'], 'Invalid value', { value: v, detail: p, at: ['metadata', 'labels', k] });
        }
      }
      const ann = doc.obj.metadata?.annotations;
      if (isRecord(ann)) {
        let size = 0;
        for (const [k, v] of Object.entries(ann)) {
          size += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
          for (const p of qualifiedName(k.toLowerCase())) apiError(ctx, doc, ['metadata', 'annotations'], 'Invalid value', { value: k, detail: p, at: ['metadata', 'annotations', k] });
        }
        if (size > MAX_ANNOTATION_BYTES) apiError(ctx, doc, ['metadata', 'annotations'], 'Too long', { detail: `may not be more than ${MAX_ANNOTATION_BYTES} bytes (these are ${size})` });
      }
    }
  },
};
