// The one reader of Gateway API objects (the kinds and versions kinds.ts names), for the
// route model and the lint rules alike. Their shape is not trusted: the schema reports what
// is malformed; here every field is read defensively, with the defaults the CRDs give, and
// with its field path kept, so findings and origins point at the exact line.
import type { Document } from '../load/document.js';
import type { PathSeg } from '../findings/finding.js';
import { arr, field, str } from '../model/objects.js';
import { GATEWAY_GROUP, isSupportedGatewayObject } from './kinds.js';

/** A supported kind in a version the pinned release serves (GRPCRoute v1beta1 is not). */
export function isKind(doc: Document, kind: string): boolean {
  return doc.kind === kind && isSupportedGatewayObject(doc);
}

/** One field of an object (field() for one step, without its argument list: called for every field of every rule). */
const get = (o: unknown, k: string): unknown => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export interface CertRef {
  group: string;
  kind: string;
  name: string;
  namespace?: string;
  path: readonly PathSeg[];
}

export interface ListenerShape {
  name: string;
  hostname?: string;
  port: number;
  protocol: string;
  tlsMode?: string;
  certificateRefs: CertRef[];
  /** Same (default), All, Selector */
  from: string;
  selector?: LabelSelector;
  /** allowedRoutes.kinds; empty: the protocol's default (HTTPRoute for HTTP/HTTPS) */
  kinds: { group: string; kind: string }[];
  path: readonly PathSeg[];
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: { key: string; operator: string; values: string[] }[];
}

export interface GatewayShape {
  doc: Document;
  namespace: string;
  name: string;
  className: string;
  listeners: ListenerShape[];
}

export function readGateway(doc: Document): GatewayShape {
  const listeners = arr(field(doc.obj, 'spec', 'listeners')).map((l, i): ListenerShape => {
    const path: PathSeg[] = ['spec', 'listeners', i];
    const refs = arr(field(l, 'tls', 'certificateRefs')).map((r, j) => ({
      group: str(field(r, 'group')) ?? '',
      kind: str(field(r, 'kind')) ?? 'Secret',
      name: str(field(r, 'name')) ?? '',
      ...(str(field(r, 'namespace')) ? { namespace: str(field(r, 'namespace'))! } : {}),
      path: [...path, 'tls', 'certificateRefs', j],
    }));
    const sel = field(l, 'allowedRoutes', 'namespaces', 'selector');
    return {
      name: str(field(l, 'name')) ?? '',
      ...(str(field(l, 'hostname')) ? { hostname: str(field(l, 'hostname'))!.toLowerCase() } : {}),
      port: num(field(l, 'port')) ?? 0,
      protocol: str(field(l, 'protocol')) ?? '',
      ...(field(l, 'tls') !== undefined ? { tlsMode: str(field(l, 'tls', 'mode')) ?? 'Terminate' } : {}),
      certificateRefs: refs,
      from: str(field(l, 'allowedRoutes', 'namespaces', 'from')) ?? 'Same',
      ...(sel !== undefined ? { selector: readSelector(sel) } : {}),
      kinds: arr(field(l, 'allowedRoutes', 'kinds')).map((k) => ({ group: str(field(k, 'group')) ?? GATEWAY_GROUP, kind: str(field(k, 'kind')) ?? '' })),
      path,
    };
  });
  return { doc, namespace: doc.namespace, name: doc.name, className: str(field(doc.obj, 'spec', 'gatewayClassName')) ?? '', listeners };
}

function readSelector(sel: unknown): LabelSelector {
  const labels = field(sel, 'matchLabels');
  const matchLabels: Record<string, string> = {};
  if (labels && typeof labels === 'object') for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') matchLabels[k] = v;
  const matchExpressions = arr(field(sel, 'matchExpressions')).map((e) => ({ key: str(field(e, 'key')) ?? '', operator: str(field(e, 'operator')) ?? '', values: arr(field(e, 'values')).filter((v): v is string => typeof v === 'string') }));
  return { matchLabels, matchExpressions };
}

/** Kubernetes label selector semantics: every matchLabels pair and every expression must hold. */
export function selectorMatches(sel: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels)) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    if (e.operator === 'In' && !(has && e.values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) return false;
  }
  return true;
}

export interface ParentRefShape {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  sectionName?: string;
  port?: number;
  path: readonly PathSeg[];
}

export interface StringMatchShape {
  type: string;
  name: string;
  value: string;
  path: readonly PathSeg[];
}

export interface MatchShape {
  pathType: string;
  pathValue: string;
  headers: readonly StringMatchShape[];
  query: readonly StringMatchShape[];
  method?: string;
  /** GRPCRoute: its method match (the path is derived from it) */
  grpc?: { type: string; service?: string; method?: string };
  /** the match's own field path; the rule's when the rule has no matches (the default "/" match) */
  path: readonly PathSeg[];
}

export interface FilterShape {
  type: string;
  value: unknown;
  path: readonly PathSeg[];
}

export interface BackendRefShape {
  group: string;
  kind: string;
  name: string;
  namespace: string;
  port?: number;
  weight: number;
  filters: readonly FilterShape[];
  path: readonly PathSeg[];
}

export interface RuleShape {
  matches: MatchShape[];
  filters: readonly FilterShape[];
  backendRefs: BackendRefShape[];
  path: readonly PathSeg[];
}

export interface RouteShape {
  doc: Document;
  kind: 'HTTPRoute' | 'GRPCRoute';
  namespace: string;
  name: string;
  parentRefs: ParentRefShape[];
  /** lowercased */
  hostnames: string[];
  /** each hostname's field path, in the order of hostnames */
  hostnamePaths: PathSeg[][];
  rules: RuleShape[];
}

/** An empty list, shared by every shape without headers, query parameters or filters (most have none). */
const NONE: readonly never[] = Object.freeze([]);

/** The `filters` of the rule or backendRef at `path` (most rules and backendRefs have none: no path is built for them). */
function readFilters(v: unknown, path: readonly PathSeg[]): readonly FilterShape[] {
  const list = arr(v);
  if (!list.length) return NONE;
  return list.map((f, i) => {
    const type = str(field(f, 'type')) ?? '';
    const key = type ? type[0].toLowerCase() + type.slice(1) : '';
    return { type, value: key === 'uRLRewrite' ? field(f, 'urlRewrite') : key === 'cORS' ? field(f, 'cors') : field(f, key), path: [...path, 'filters', i] };
  });
}

/**
 * Field paths of a route's rules, matches and backendRefs, frozen and shared by every route
 * (as an Ingress's paths are: model/ingress-shape.ts): an origin's field text is then made
 * once per path (model/origin.ts), not once per route.
 */
const rulePaths: (readonly PathSeg[])[] = [];
const memberPaths = { matches: [] as (readonly PathSeg[])[][], backendRefs: [] as (readonly PathSeg[])[][] };
function rulePath(i: number): readonly PathSeg[] {
  return (rulePaths[i] ??= Object.freeze(['spec', 'rules', i]));
}
function memberPath(i: number, member: 'matches' | 'backendRefs', j: number): readonly PathSeg[] {
  const row = (memberPaths[member][i] ??= []);
  return (row[j] ??= Object.freeze(['spec', 'rules', i, member, j]));
}

export function readRoute(doc: Document): RouteShape {
  const ns = doc.namespace;
  const parentRefs = arr(field(doc.obj, 'spec', 'parentRefs')).map((p, i): ParentRefShape => ({
    group: str(field(p, 'group')) ?? GATEWAY_GROUP,
    kind: str(field(p, 'kind')) ?? 'Gateway',
    namespace: str(field(p, 'namespace')) ?? ns,
    name: str(field(p, 'name')) ?? '',
    ...(str(field(p, 'sectionName')) ? { sectionName: str(field(p, 'sectionName'))! } : {}),
    ...(num(field(p, 'port')) !== undefined ? { port: num(field(p, 'port'))! } : {}),
    path: ['spec', 'parentRefs', i],
  }));
  const hostnames: string[] = [];
  const hostnamePaths: PathSeg[][] = [];
  arr(field(doc.obj, 'spec', 'hostnames')).forEach((h, i) => {
    if (typeof h !== 'string') return;
    hostnames.push(h.toLowerCase());
    hostnamePaths.push(['spec', 'hostnames', i]);
  });
  const rules = arr(field(doc.obj, 'spec', 'rules')).map((r, i): RuleShape => {
    const path = rulePath(i);
    const rawMatches = arr(field(r, 'matches'));
    // header and query matches (most matches have none: no path is built for them)
    const readValues = (v: unknown, mp: readonly PathSeg[], key: string) => {
      const list = arr(v);
      return list.length ? list.map((h, k) => ({ type: str(field(h, 'type')) ?? 'Exact', name: str(field(h, 'name')) ?? '', value: str(field(h, 'value')) ?? '', path: [...mp, key, k] })) : NONE;
    };
    const matches: MatchShape[] = rawMatches.length
      ? rawMatches.map((m, j) => {
          const mp = memberPath(i, 'matches', j);
          if (doc.kind === 'GRPCRoute') {
            const gm = field(m, 'method');
            return {
              pathType: 'PathPrefix',
              pathValue: '/',
              headers: readValues(field(m, 'headers'), mp, 'headers'),
              query: NONE,
              ...(gm !== undefined ? { grpc: { type: str(field(gm, 'type')) ?? 'Exact', ...(str(field(gm, 'service')) ? { service: str(field(gm, 'service'))! } : {}), ...(str(field(gm, 'method')) ? { method: str(field(gm, 'method'))! } : {}) } } : {}),
              path: mp,
            };
          }
          const p = get(m, 'path');
          const method = str(get(m, 'method'));
          const match: MatchShape = {
            pathType: str(get(p, 'type')) ?? 'PathPrefix',
            pathValue: str(get(p, 'value')) ?? '/',
            headers: readValues(get(m, 'headers'), mp, 'headers'),
            query: readValues(get(m, 'queryParams'), mp, 'queryParams'),
            path: mp,
          };
          if (method) match.method = method;
          return match;
        })
      : [{ pathType: 'PathPrefix', pathValue: '/', headers: NONE, query: NONE, path }];
    const backendRefs = arr(field(r, 'backendRefs')).map((b, j): BackendRefShape => {
      const bp = memberPath(i, 'backendRefs', j);
      const port = num(get(b, 'port'));
      const ref: BackendRefShape = {
        group: str(get(b, 'group')) ?? '',
        kind: str(get(b, 'kind')) ?? 'Service',
        name: str(get(b, 'name')) ?? '',
        namespace: str(get(b, 'namespace')) ?? ns,
        weight: num(get(b, 'weight')) ?? 1,
        filters: readFilters(get(b, 'filters'), bp),
        path: bp,
      };
      if (port !== undefined) ref.port = port;
      return ref;
    });
    return { matches, filters: readFilters(field(r, 'filters'), path), backendRefs, path };
  });
  return { doc, kind: doc.kind as RouteShape['kind'], namespace: ns, name: doc.name, parentRefs, hostnames, hostnamePaths, rules };
}

export interface GrantShape {
  doc: Document;
  namespace: string;
  from: { group: string; kind: string; namespace: string }[];
  to: { group: string; kind: string; name?: string }[];
}

export function readGrant(doc: Document): GrantShape {
  return {
    doc,
    namespace: doc.namespace,
    from: arr(field(doc.obj, 'spec', 'from')).map((f) => ({ group: str(field(f, 'group')) ?? '', kind: str(field(f, 'kind')) ?? '', namespace: str(field(f, 'namespace')) ?? '' })),
    to: arr(field(doc.obj, 'spec', 'to')).map((t) => ({ group: str(field(t, 'group')) ?? '', kind: str(field(t, 'kind')) ?? '', ...(str(field(t, 'name')) ? { name: str(field(t, 'name'))! } : {}) })),
  };
}

/**
 * Does a ReferenceGrant in the target's namespace let `from` (group/kind in its namespace)
 * refer to the target? (A reference within one namespace needs none: see referenceAllowed.)
 */
export function granted(grants: readonly GrantShape[], from: { group: string; kind: string; namespace: string }, to: { group: string; kind: string; namespace: string; name: string }): boolean {
  return grants.some(
    (g) =>
      g.namespace === to.namespace &&
      g.from.some((f) => f.group === from.group && f.kind === from.kind && f.namespace === from.namespace) &&
      g.to.some((t) => t.group === to.group && t.kind === to.kind && (t.name === undefined || t.name === to.name)),
  );
}

/** Namespace labels from the input (kubernetes.io/metadata.name is always set, as the API server does). */
export function namespaceLabels(docs: readonly Document[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const d of docs) {
    if (d.kind !== 'Namespace' || d.apiVersion !== 'v1') continue;
    const labels: Record<string, string> = { 'kubernetes.io/metadata.name': d.name };
    const l = field(d.obj, 'metadata', 'labels');
    if (l && typeof l === 'object') for (const [k, v] of Object.entries(l)) if (typeof v === 'string') labels[k] = v;
    out.set(d.name, labels);
  }
  return out;
}

/** Is this reference allowed: within one namespace, or granted by a ReferenceGrant? */
export function referenceAllowed(grants: readonly GrantShape[], from: { group: string; kind: string; namespace: string }, to: { group: string; kind: string; namespace: string; name: string }): boolean {
  return from.namespace === to.namespace || granted(grants, from, to);
}

/** The Gateway API objects of an input, each read once. */
export interface GatewayObjects {
  classes: Map<string, Document>;
  /** by namespace/name */
  gateways: Map<string, GatewayShape>;
  routes: RouteShape[];
  grants: GrantShape[];
  /** Namespace objects' labels by name (for allowedRoutes selectors) */
  namespaceLabels: Map<string, Record<string, string>>;
}

export function readGatewayObjects(docs: readonly Document[]): GatewayObjects {
  const out: GatewayObjects = { classes: new Map(), gateways: new Map(), routes: [], grants: [], namespaceLabels: namespaceLabels(docs) };
  for (const doc of docs) {
    if (!isSupportedGatewayObject(doc)) continue;
    if (doc.kind === 'GatewayClass') out.classes.set(doc.name, doc);
    else if (doc.kind === 'Gateway') out.gateways.set(`${doc.namespace}/${doc.name}`, readGateway(doc));
    else if (doc.kind === 'HTTPRoute' || doc.kind === 'GRPCRoute') out.routes.push(readRoute(doc));
    else if (doc.kind === 'ReferenceGrant') out.grants.push(readGrant(doc));
  }
  return out;
}
