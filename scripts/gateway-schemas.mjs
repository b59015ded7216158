// Build helper: a Gateway API CRD openAPIV3Schema (schemas/gateway-api/*.json) →
// - an ajv schema: structure, enums, limits, patterns and formats, with unknown
//   fields refused (as kubectl's strict field validation does) and metadata checked as ObjectMeta;
// - a tree of the types (to hand CEL ints as ints), `default`s and x-kubernetes-validations rules per node.

const DROP = new Set(['x-kubernetes-validations', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-int-or-string', 'x-kubernetes-embedded-resource', 'nullable']);
/** string formats the API server checks and ajv is given (int32/int64 are checked by minimum/maximum in these CRDs) */
export const STRING_FORMATS = ['ipv4', 'ipv6', 'date-time'];

function toAjv(node) {
  if (Array.isArray(node)) return node.map(toAjv);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (DROP.has(k)) continue;
    if (k === 'format' && !STRING_FORMATS.includes(v)) continue;
    if (k === 'properties') out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, toAjv(s)]));
    else if (k === 'default') continue; // applied before validation (src/gateway/defaults.ts), as the API server does
    else out[k] = toAjv(v);
  }
  // a oneOf/anyOf branch that only constrains properties needs no type of its own in the
  // CRD; ajv's strict mode wants one
  if (out.properties && !out.type) out.type = 'object';
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined && !node['x-kubernetes-preserve-unknown-fields'] && !isBranch(node)) out.additionalProperties = false;
  if ('format' in out && !out.type) out.type = 'string';
  return out;
}

// oneOf/anyOf branches are partial schemas: never closed
let branchNodes = new WeakSet();
function isBranch(node) {
  return branchNodes.has(node);
}
function markBranches(node) {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach(markBranches);
  for (const k of ['oneOf', 'anyOf', 'allOf', 'not']) {
    const v = node[k];
    if (Array.isArray(v)) v.forEach((b) => branchNodes.add(b));
    else if (v && typeof v === 'object') branchNodes.add(v);
  }
  for (const v of Object.values(node)) markBranches(v);
}

/** `objectMeta`: the ObjectMeta definitions of our own Ingress schema ({ ObjectMeta, OwnerReference }). */
export function ajvSchema(crdSchema, objectMeta) {
  branchNodes = new WeakSet();
  markBranches(crdSchema);
  const { $comment, ...rest } = crdSchema;
  const s = toAjv(rest);
  s.properties.metadata = { $ref: '#/definitions/ObjectMeta' };
  return { $comment, ...s, definitions: objectMeta };
}

const TYPE = { object: 'o', array: 'a', string: 's', integer: 'i', number: 'n', boolean: 'b' };

/**
 * { t: type letter, p: properties, i: items, m: additionalProperties (a map), d: default, v: [{ rule, message, ... }] };
 * subtrees without rules are kept (a rule's `self` needs their types) but only with what conversion needs.
 */
export function celTree(node) {
  if (!node || typeof node !== 'object') return undefined;
  const out = {};
  if (node.type) out.t = TYPE[node.type] ?? node.type;
  if (node.properties) out.p = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, celTree(v)]));
  if (node.items) out.i = celTree(node.items);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') out.m = celTree(node.additionalProperties);
  if (node.default !== undefined) out.d = node.default;
  if (node['x-kubernetes-validations']) out.v = node['x-kubernetes-validations'];
  return out;
}
