// Structural defaulting as the API server does it for a custom resource, before validation:
// a missing (or null) field whose schema has a `default` gets a copy of it, in objects, in
// list items and in map values, and inside the defaults it inserted.
import type { CelNode } from './cel.js';

export function applyDefaults(node: CelNode | undefined, value: unknown): void {
  if (!node || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) applyDefaults(node.i, v);
    return;
  }
  const obj = value as Record<string, unknown>;
  if (node.p) {
    for (const [k, child] of Object.entries(node.p)) {
      if ((obj[k] === undefined || obj[k] === null) && child.d !== undefined) obj[k] = structuredClone(child.d);
      if (obj[k] !== undefined) applyDefaults(child, obj[k]);
    }
  }
  if (node.m) for (const k of Object.keys(obj)) applyDefaults(node.m, obj[k]);
}
