// Structural defaulting as the API server does it for a custom resource, before validation:
// a missing (or null) field whose schema has a `default` gets a copy of it, in objects, in
// list items and in map values, and inside the defaults it inserted.
import type { CelNode } from './cel.js';

/**
 * `value` with the defaults of its schema node applied. Copy on write: objects and lists are
 * new where a default went in (at any depth), and the input's own otherwise; the input is
 * never changed, and neither may the result be.
 */
export function withDefaults(node: CelNode | undefined, value: unknown): unknown {
  if (!node || value === null || typeof value !== 'object' || !hasDefaults(node)) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = withDefaults(node.i, value[i]);
      if (v !== value[i]) (out ??= value.slice())[i] = v;
    }
    return out ?? value;
  }
  const obj = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  const props = node.p;
  if (props) {
    for (const k in props) {
      const child = props[k];
      const v = obj[k];
      let next: unknown;
      if ((v === undefined || v === null) && child.d !== undefined) next = withDefaults(child, typeof child.d === 'object' ? structuredClone(child.d) : child.d);
      else if (v !== undefined && v !== null) next = withDefaults(child, v);
      else continue;
      if (next !== v) (out ??= { ...obj })[k] = next;
    }
  }
  if (node.m) {
    for (const k of Object.keys(obj)) {
      const v = withDefaults(node.m, obj[k]);
      if (v !== obj[k]) (out ??= { ...obj })[k] = v;
    }
  }
  return out ?? value;
}

const withDefaultsBelow = new WeakMap<CelNode, boolean>();
/** Whether a node or one below it has a default (subtrees without are returned as they are). */
function hasDefaults(node: CelNode): boolean {
  let r = withDefaultsBelow.get(node);
  if (r === undefined) {
    withDefaultsBelow.set(node, false); // schemas are trees, but be safe against cycles
    r = (!!node.p && Object.values(node.p).some((c) => c.d !== undefined || hasDefaults(c))) || (!!node.i && hasDefaults(node.i)) || (!!node.m && hasDefaults(node.m));
    withDefaultsBelow.set(node, r);
  }
  return r;
}
