// Small typed readers for the Gateway API objects, from the loaded documents after the CRD
// defaults (so a parentRef's kind is "Gateway" and a backendRef's kind "Service" when unset).
// Values of the wrong type read as absent: the schema stage reports those.
import type { Document } from '../load/document.js';
import type { PathSeg } from '../findings/finding.js';
import { defaultedObject } from '../schema/validate.js';
import { GATEWAY_GROUP, isSupportedGatewayObject } from './kinds.js';

export interface ParentRef {
  group: string;
  kind: string;
  /** the route's own namespace when unset */
  namespace: string;
  name: string;
  sectionName?: string;
  port?: number;
  path: PathSeg[];
}

export interface BackendRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  port?: number;
  weight: number;
  path: PathSeg[];
}

export interface SecretRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  path: PathSeg[];
}

export interface Listener {
  name: string;
  hostname?: string;
  port?: number;
  protocol: string;
  tlsMode?: string;
  certificateRefs: SecretRef[];
  /** allowedRoutes.namespaces.from: Same (default), All or Selector */
  namespacesFrom: string;
  namespaceSelector?: LabelSelector;
  /** allowedRoutes.kinds; empty: the kinds the protocol takes */
  kinds: { group: string; kind: string }[];
  path: PathSeg[];
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: { key: string; operator: string; values: string[] }[];
}

export interface GatewayObject {
  doc: Document;
  namespace: string;
  name: string;
  className: string;
  listeners: Listener[];
}

export interface RouteRule {
  backendRefs: BackendRef[];
  path: PathSeg[];
}

export interface RouteObject {
  doc: Document;
  kind: 'HTTPRoute' | 'GRPCRoute';
  namespace: string;
  name: string;
  hostnames: { value: string; path: PathSeg[] }[];
  parentRefs: ParentRef[];
  rules: RouteRule[];
}

export interface ReferenceGrantObject {
  doc: Document;
  namespace: string;
  from: { group: string; kind: string; namespace: string }[];
  to: { group: string; kind: string; name?: string }[];
}

export interface GatewayObjects {
  classes: Map<string, Document>;
  /** by namespace/name */
  gateways: Map<string, GatewayObject>;
  routes: RouteObject[];
  grants: ReferenceGrantObject[];
  /** Namespace objects' labels by name (for allowedRoutes selectors) */
  namespaceLabels: Map<string, Record<string, string>>;
}

const rec = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
const labels = (v: unknown): Record<string, string> => Object.fromEntries(Object.entries(rec(v)).filter((e): e is [string, string] => typeof e[1] === 'string'));

export function readParentRef(ns: string, v: unknown, path: PathSeg[]): ParentRef {
  const r = rec(v);
  return { group: str(r.group) ?? GATEWAY_GROUP, kind: str(r.kind) ?? 'Gateway', namespace: str(r.namespace) ?? ns, name: str(r.name) ?? '', sectionName: str(r.sectionName), port: num(r.port), path };
}

export function readBackendRef(ns: string, v: unknown, path: PathSeg[]): BackendRef {
  const r = rec(v);
  return { group: str(r.group) ?? '', kind: str(r.kind) ?? 'Service', namespace: str(r.namespace) ?? ns, name: str(r.name) ?? '', port: num(r.port), weight: num(r.weight) ?? 1, path };
}

function readSelector(v: unknown): LabelSelector | undefined {
  if (v === undefined) return undefined;
  const r = rec(v);
  return {
    matchLabels: labels(r.matchLabels),
    matchExpressions: list(r.matchExpressions).map((e) => ({ key: str(rec(e).key) ?? '', operator: str(rec(e).operator) ?? '', values: list(rec(e).values).filter((x): x is string => typeof x === 'string') })),
  };
}

export function readGateway(doc: Document): GatewayObject {
  const obj = defaultedObject(doc);
  const spec = rec(obj.spec);
  const ns = doc.namespace;
  const listeners = list(spec.listeners).map((l, i): Listener => {
    const r = rec(l);
    const path: PathSeg[] = ['spec', 'listeners', i];
    const tls = rec(r.tls);
    const allowed = rec(r.allowedRoutes);
    const namespaces = rec(allowed.namespaces);
    return {
      name: str(r.name) ?? '',
      hostname: str(r.hostname),
      port: num(r.port),
      protocol: str(r.protocol) ?? '',
      tlsMode: r.tls === undefined ? undefined : (str(tls.mode) ?? 'Terminate'),
      certificateRefs: list(tls.certificateRefs).map((c, j) => {
        const cr = rec(c);
        return { group: str(cr.group) ?? '', kind: str(cr.kind) ?? 'Secret', namespace: str(cr.namespace) ?? ns, name: str(cr.name) ?? '', path: [...path, 'tls', 'certificateRefs', j] };
      }),
      namespacesFrom: str(namespaces.from) ?? 'Same',
      namespaceSelector: readSelector(namespaces.selector),
      kinds: list(allowed.kinds).map((k) => ({ group: str(rec(k).group) ?? GATEWAY_GROUP, kind: str(rec(k).kind) ?? '' })),
      path,
    };
  });
  return { doc, namespace: ns, name: doc.name, className: str(spec.gatewayClassName) ?? '', listeners };
}

export function readRoute(doc: Document): RouteObject {
  const obj = defaultedObject(doc);
  const spec = rec(obj.spec);
  const ns = doc.namespace;
  return {
    doc,
    kind: doc.kind as RouteObject['kind'],
    namespace: ns,
    name: doc.name,
    hostnames: list(spec.hostnames).flatMap((h, i) => (typeof h === 'string' ? [{ value: h, path: ['spec', 'hostnames', i] }] : [])),
    parentRefs: list(spec.parentRefs).map((p, i) => readParentRef(ns, p, ['spec', 'parentRefs', i])),
    rules: list(spec.rules).map((r, i) => ({
      path: ['spec', 'rules', i],
      backendRefs: list(rec(r).backendRefs).map((b, j) => readBackendRef(ns, b, ['spec', 'rules', i, 'backendRefs', j])),
    })),
  };
}

export function readReferenceGrant(doc: Document): ReferenceGrantObject {
  const spec = rec(defaultedObject(doc).spec);
  return {
    doc,
    namespace: doc.namespace,
    from: list(spec.from).map((f) => ({ group: str(rec(f).group) ?? '', kind: str(rec(f).kind) ?? '', namespace: str(rec(f).namespace) ?? '' })),
    to: list(spec.to).map((t) => ({ group: str(rec(t).group) ?? '', kind: str(rec(t).kind) ?? '', name: str(rec(t).name) })),
  };
}

export function readGatewayObjects(docs: readonly Document[]): GatewayObjects {
  const out: GatewayObjects = { classes: new Map(), gateways: new Map(), routes: [], grants: [], namespaceLabels: new Map() };
  for (const doc of docs) {
    if (doc.apiVersion === 'v1' && doc.kind === 'Namespace') out.namespaceLabels.set(doc.name, labels(doc.obj.metadata?.labels));
    if (!isSupportedGatewayObject(doc)) continue;
    if (doc.kind === 'GatewayClass') out.classes.set(doc.name, doc);
    else if (doc.kind === 'Gateway') out.gateways.set(`${doc.namespace}/${doc.name}`, readGateway(doc));
    else if (doc.kind === 'HTTPRoute' || doc.kind === 'GRPCRoute') out.routes.push(readRoute(doc));
    else if (doc.kind === 'ReferenceGrant') out.grants.push(readReferenceGrant(doc));
  }
  return out;
}

/**
 * Does a ReferenceGrant in the target's namespace let `from` (a route or Gateway in another
 * namespace) refer to the target? Same-namespace references need none.
 */
export function referenceAllowed(grants: readonly ReferenceGrantObject[], from: { group: string; kind: string; namespace: string }, to: { group: string; kind: string; namespace: string; name: string }): boolean {
  if (from.namespace === to.namespace) return true;
  return grants.some(
    (g) =>
      g.namespace === to.namespace &&
      g.from.some((f) => f.group === from.group && f.kind === from.kind && f.namespace === from.namespace) &&
      g.to.some((t) => t.group === to.group && t.kind === to.kind && (t.name === undefined || t.name === '' || t.name === to.name)),
  );
}

/** Does a label selector select these labels? (matchLabels and matchExpressions AND'd) */
export function selectorMatches(sel: LabelSelector, l: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels)) if (l[k] !== v) return false;
  for (const e of sel.matchExpressions) {
    const has = e.key in l;
    if (e.operator === 'In' && !(has && e.values.includes(l[e.key]))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(l[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}
