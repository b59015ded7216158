// Per-object suppression: annotation ignore-check.ingressctl.io/<rule-id>: "<reason>".
import type { Document } from '../load/document.js';

export const IGNORE_PREFIX = 'ignore-check.ingressctl.io/';

export interface IgnoreAnnotation {
  ruleId: string;
  /** trimmed; "" when missing (such an ignore does not apply) */
  reason: string;
  key: string;
}

export function ignoresOf(doc: Document): IgnoreAnnotation[] {
  const ann = doc.obj.metadata?.annotations;
  if (!ann || typeof ann !== 'object') return [];
  const out: IgnoreAnnotation[] = [];
  for (const [key, value] of Object.entries(ann as Record<string, unknown>)) {
    if (!key.startsWith(IGNORE_PREFIX)) continue;
    out.push({ key, ruleId: key.slice(IGNORE_PREFIX.length), reason: typeof value === 'string' ? value.trim() : '' });
  }
  return out;
}
