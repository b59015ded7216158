// resolve: Kubernetes objects → RouteModel (docs/routing.md). Pure: no I/O.
import type { Document } from '../load/document.js';
import { resolveGateways } from '../gateway/resolve.js';
import { readAnnotations, type IngressAnnotations } from './annotations/index.js';
import { resolveBasicAuth, resolveFallbackBackend } from './annotation-objects.js';
import { formatBackend, resolveBackend, type ResolveBackendContext, type UpstreamOverrides } from './backends.js';
import { attachCanaries, type CanaryIngress } from './canary.js';
import { applyCompat, type Compat } from './compat.js';
import { hostRedirects, noteHostPolicy, type WwwAsk } from './host-policy.js';
import { findingAt, stageFinding, type Finding } from '../findings/finding.js';
import { ruleHostKind, isIPAddress } from './hosts.js';
import { apiVersionText, isIngress, isKubernetesApiVersion, readIngress, REMOVED_INGRESS_VERSIONS, type IngressPath, type IngressRule, type IngressShape, type IngressTls } from './ingress-shape.js';
import { indexObjects, key, field, str, type ObjectIndex } from './objects.js';
import { originOf } from './origin.js';
import { precedenceLength, trimTrailingSlash } from './path.js';
import { defaultPolicy } from './policy.js';
import { regexProblem } from './regex.js';
import { rewriteTargetPath } from './rewrite.js';
import { resolveTlsSecret } from './tls.js';
import type { Backend, BackendProtocol, MatchKind, Route, RouteFilters, RouteModel, TlsConfig, VirtualHost } from './types.js';
import { cookiePath, isUrlPath } from './validate-values.js';
import { NGINX_PREFIX } from './annotations/types.js';

export interface ResolveOptions {
  /** keep only Ingresses of this class */
  ingressClass?: string;
  /** --default-backend, already parsed */
  defaultBackend?: { namespace: string; service: string; port: number };
  upstreams?: UpstreamOverrides;
  /** 'ingress-nginx': reproduce ingress-nginx's own path matching (regex contagion, plain string prefixes) */
  compat?: Compat;
  /** keep only Gateways of this GatewayClass (Gateway API input) */
  gatewayClass?: string;
}


const KIND_RANK: Record<MatchKind, number> = { Exact: 0, Prefix: 1, StringPrefix: 2, Regex: 3, RegularExpression: 4 };
/** Routes a host has before they are found by maps rather than one by one (ModelBuilder.routeKeys). */
const FEW_ROUTES = 32;

/** What makes two routes of a host the same (docs/routing.md "Several Ingresses"): the path, for Prefix without its trailing slash. */
function routeKey(kind: MatchKind, value: string): string {
  return kind === 'Prefix' ? trimTrailingSlash(value) || '/' : value;
}

/** The route among `routes` with this match kind and key, if any. */
function sameRoute(routes: readonly Route[], kind: MatchKind, key: string): Route | undefined {
  for (const r of routes) {
    if (r.match.kind !== kind) continue;
    const v = r.match.value;
    // a value is its own key but for a Prefix path ending in "/" (or empty): only then is its key made
    if (v === key || (kind === 'Prefix' && (v === '' || v.charCodeAt(v.length - 1) === 47) && routeKey(kind, v) === key)) return r;
  }
  return undefined;
}

/** A host's routes by kind and key, once it has FEW_ROUTES (`added` about to join them). */
function keyRoutes(routes: readonly Route[], added: Route, addedKey: string): Map<MatchKind, Map<string, Route>> {
  const keys = new Map<MatchKind, Map<string, Route>>();
  for (const r of routes) addKey(keys, r, routeKey(r.match.kind, r.match.value));
  addKey(keys, added, addedKey);
  return keys;
}

function addKey(keys: Map<MatchKind, Map<string, Route>>, r: Route, key: string): void {
  let byKey = keys.get(r.match.kind);
  if (!byKey) keys.set(r.match.kind, (byKey = new Map()));
  byKey.set(key, r);
}

/** " (Prefix)": the end of a route's id */
const KIND_SUFFIX: Record<MatchKind, string> = { Exact: ' (Exact)', Prefix: ' (Prefix)', StringPrefix: ' (StringPrefix)', Regex: ' (Regex)', RegularExpression: ' (RegularExpression)' };

export function resolve(documents: readonly Document[], options: ResolveOptions = {}, shapes?: ReadonlyMap<Document, IngressShape>): RouteModel {
  const findings: Finding[] = [];
  // schema findings are the validate stage's (src/schema/validate.ts), run before this one
  for (const doc of documents) {
    if (doc.kind === 'Ingress' && REMOVED_INGRESS_VERSIONS.has(doc.apiVersion)) {
      findings.push(findingAt(doc, { ruleId: 'removed-api', path: ['apiVersion'], message: `${doc.apiVersion} Ingress was removed in Kubernetes 1.22; shown here converted to networking.k8s.io/v1`, hint: 'Use apiVersion: networking.k8s.io/v1 with pathType on every path and backend.service.name / backend.service.port.number.' }));
    } else if (doc.kind === 'Ingress' && !isIngress(doc) && isKubernetesApiVersion(doc.apiVersion)) {
      findings.push(findingAt(doc, { ruleId: 'removed-api', path: ['apiVersion'], message: `Ingress with ${apiVersionText(doc.apiVersion)}: no Kubernetes release serves it; this Ingress is left out`, hint: 'Use apiVersion: networking.k8s.io/v1.' }));
    }
  }
  const objects = indexObjects(documents);
  const b = new ModelBuilder(objects, options, findings);
  // each Ingress read when its turn comes (unless the caller read them all): its shape is garbage once its routes are made
  for (const doc of byAge(documents.filter(isIngress))) b.addIngress(shapes?.get(doc) ?? readIngress(doc));
  const { vhosts } = b;

  for (const [host, tls] of b.tlsByHost) {
    const vhost = vhosts.get(host);
    if (vhost) vhost.tls = tls;
  }

  findings.push(...attachCanaries(b.canaries, vhosts));
  if (options.compat === 'ingress-nginx') findings.push(...applyCompat(vhosts, b.regexHosts));
  const redirects = hostRedirects(b.wwwAsks, vhosts);

  let catchAll = b.catchAll;
  if (!catchAll && options.defaultBackend) {
    const d = options.defaultBackend;
    catchAll = { backend: resolveFlagBackend(d, objects, b.upstreams), policy: defaultPolicy() };
  }

  if (!b.servicesGiven && b.selected) {
    findings.push(stageFinding('services-not-given', { message: 'no Service objects in the input: backends are shown as written and sent to their cluster DNS names; named ports cannot be resolved', hint: 'Pass the Service manifests too for port checks and endpoints.' }));
  }

  const hosts = [...vhosts.values()].filter((v) => v.routes.length || v.defaultBackend).sort(byHost);
  // most hosts' routes come in precedence order already (one Ingress, paths of one length): no sort, no copy made by it
  for (const v of hosts) if (!inOrder(v.routes)) v.routes.sort(byPrecedence);
  // Gateway API input joins the same model: Gateways, their listeners and attached routes
  const gw = resolveGateways(documents, objects, { gatewayClass: options.gatewayClass, upstreams: b.upstreams, servicesGiven: b.servicesGiven });
  if (gw) findings.push(...gw.findings);
  const unselected = !b.selected && b.unselected ? { unselected: { ingresses: b.unselected, classes: [...b.unselectedClasses].sort() } } : {};
  return { hosts, ...unselected, ...(redirects.length ? { hostRedirects: redirects } : {}), ...(catchAll ? { defaultBackend: catchAll } : {}), ...(gw ? { gateways: gw.gateways, routeStatus: gw.routeStatus } : {}), findings };
}

type BackendRef = NonNullable<IngressShape['defaultBackend']>;

/** What the routes of one Ingress share: read once per Ingress, not once per path. */
interface IngressContext {
  doc: Document;
  ann: IngressAnnotations;
  refs: BackendRefs;
  /** the filters the routes of this Ingress share (a rewrite-target makes each route its own) */
  sharedFilters: RouteFilters | undefined;
  /** the Ingress's hosts, in rule order */
  ownHosts: string[];
}

/**
 * The backends the references of one Ingress name. Its paths mostly name the backend the one
 * before named: compared field by field, no key made; other backends are shared through
 * `cache` by (namespace, service, port, protocol, service-upstream).
 */
class BackendRefs {
  private lastName?: string;
  private lastNumber?: number;
  private lastPort?: string;
  private lastProtocol?: BackendProtocol;
  private lastServiceUpstream?: boolean;
  private lastBackend?: Backend;

  constructor(
    private readonly ctx: ResolveBackendContext,
    private readonly cache: Map<string, Backend>,
    private readonly findings: Finding[],
  ) {}

  resolve(ref: BackendRef, protocol: BackendProtocol = this.ctx.protocol, serviceUpstream: boolean | undefined = this.ctx.serviceUpstream): Backend | undefined {
    const svc = ref.service;
    if (svc && this.lastBackend && this.lastName === svc.name && this.lastNumber === svc.port.number && this.lastPort === svc.port.name && this.lastProtocol === protocol && this.lastServiceUpstream === serviceUpstream) return this.lastBackend;
    const doc = this.ctx.doc;
    const cacheKey = svc ? `${doc.namespace}/${svc.name}:${svc.port.number ?? ''}:${svc.port.name ?? ''}:${protocol}:${serviceUpstream}` : undefined;
    let backend = cacheKey ? this.cache.get(cacheKey) : undefined;
    if (!backend) {
      const r = resolveBackend(ref, { ...this.ctx, protocol, serviceUpstream });
      this.findings.push(...r.findings);
      // only a backend without findings is shared: findings point at each reference
      if (!cacheKey || !r.backend || r.findings.length) return r.backend;
      this.cache.set(cacheKey, r.backend);
      backend = r.backend;
    }
    if (svc) {
      this.lastName = svc.name;
      this.lastNumber = svc.port.number;
      this.lastPort = svc.port.name;
      this.lastProtocol = protocol;
      this.lastServiceUpstream = serviceUpstream;
      this.lastBackend = backend;
    }
    return backend;
  }
}

/** The model as it is built, Ingress by Ingress (oldest first). */
class ModelBuilder {
  readonly vhosts = new Map<string, VirtualHost>();
  /**
   * host → match kind → path (Prefix: without its trailing slash) → the route, to find
   * duplicates (docs/routing.md "Several Ingresses"); no key string per route. Only for hosts
   * with many routes: a host with few is searched route by route (no maps for 10,000 hosts).
   */
  private readonly routeKeys = new Map<string, Map<MatchKind, Map<string, Route>>>();
  readonly tlsByHost = new Map<string, TlsConfig>();
  private readonly secretCache = new Map<string, { tls: TlsConfig; findings: Finding[] }>();
  catchAll: RouteModel['defaultBackend'];
  // Paths of one Ingress usually share a backend: resolve each (service, port, protocol) once.
  private readonly backendCache = new Map<string, Backend>();
  readonly canaries: CanaryIngress[] = [];
  /** hosts on which some Ingress asks for regex paths (use-regex, rewrite-target) */
  readonly regexHosts = new Set<string>();
  readonly wwwAsks: WwwAsk[] = [];
  readonly servicesGiven: boolean;
  readonly upstreams: UpstreamOverrides;
  selected = 0;
  /** the classes of the Ingresses --ingress-class left out, and how many */
  readonly unselectedClasses = new Set<string>();
  unselected = 0;

  constructor(
    private readonly objects: ObjectIndex,
    private readonly options: ResolveOptions,
    private readonly findings: Finding[],
  ) {
    this.servicesGiven = objects.services.size > 0;
    this.upstreams = options.upstreams ?? new Map();
  }

  addIngress(ing: IngressShape): void {
    const { doc } = ing;
    const { objects, findings } = this;
    if (!classSelected(ing, this.options.ingressClass, objects)) {
      this.unselected++;
      this.unselectedClasses.add(ing.className ?? ing.classFromAnnotation ?? '(none)');
      return;
    }
    this.selected++;
    const annotations = readAnnotations(doc);
    findings.push(...annotations.findings);
    const ann = annotations.result;
    const ctx: ResolveBackendContext = { objects, doc, protocol: ann.protocol, upstreams: this.upstreams, servicesGiven: this.servicesGiven, serviceUpstream: ann.policy.serviceUpstream };
    const refs = new BackendRefs(ctx, this.backendCache, findings);
    if (ann.canary.enabled) {
      // attached to the main routes once every other Ingress is in place
      this.canaries.push({ ing, ann, resolveRef: (ref, protocol, serviceUpstream) => refs.resolve(ref, protocol, serviceUpstream) });
      return;
    }
    findings.push(...resolveBasicAuth(doc, ann, objects), ...resolveFallbackBackend(doc, ann, ctx));
    const ic: IngressContext = { doc, ann, refs, sharedFilters: Object.keys(ann.filters).length ? ann.filters : undefined, ownHosts: [] };
    for (const rule of ing.rules) this.addRule(ic, rule);
    if (ing.defaultBackend) this.addDefaultBackend(ic, ing, ing.defaultBackend);
    for (const t of ing.tls) this.addTls(ic, t);
  }

  private addRule(ic: IngressContext, rule: IngressRule): void {
    const { doc, ann } = ic;
    const host = rule.host;
    const kind = ruleHostKind(host);
    if (!kind || (kind === 'exact' && isIPAddress(host))) {
      this.findings.push(findingAt(doc, { ruleId: 'invalid-host', path: [...rule.fieldPath, 'host'], message: `host ${JSON.stringify(host)} is not a valid DNS name${kind ? ' (IP addresses are not allowed)' : ''}; its rule is left out`, hint: 'Use a lower-case DNS-1123 name, or *.example.com for a wildcard.' }));
      return;
    }
    const vhost = vhostFor(this.vhosts, host, kind);
    if (!ic.ownHosts.includes(host)) ic.ownHosts.push(host);
    if (ann.useRegex) this.regexHosts.add(host);
    noteHostPolicy(vhost, doc, ann, this.wwwAsks);
    for (const p of rule.paths) this.addPath(ic, host, vhost, p);
  }

  private addPath(ic: IngressContext, host: string, vhost: VirtualHost, p: IngressPath): void {
    if (!p.pathType || !p.backend) return; // the schema reports the missing field
    const { doc, ann } = ic;
    let matchKind: MatchKind = p.pathType === 'Exact' ? 'Exact' : 'Prefix';
    let value = p.path;
    if (p.pathType === 'ImplementationSpecific') {
      if (value === '') value = '/';
      if (ann.useRegex) matchKind = 'Regex';
      else if (this.options.compat === 'ingress-nginx') matchKind = 'StringPrefix';
    }
    const problem = matchKind === 'Regex' ? regexProblem(value) : isUrlPath(value) ? undefined : value.startsWith('/') ? 'holds characters that are not allowed in a URL path (whitespace, quotes, braces, backslashes, control characters)' : 'must be an absolute path starting with "/"';
    if (problem) {
      this.findings.push(findingAt(doc, { ruleId: 'invalid-path', path: [...p.fieldPath, 'path'], message: `path ${JSON.stringify(value)} ${problem}; its route is left out`, hint: matchKind === 'Regex' ? 'Use the regular-expression syntax common to PCRE, RE2 and JavaScript.' : 'Percent-encode other characters.' }));
      return;
    }
    const backend = ic.refs.resolve(p.backend);
    if (!backend) return;
    // one literal per shape, no spread: 100,000 routes; the id from three pieces (two string
    // nodes that live as long as the model, where the template made four)
    const id = (host || '*') + value + KIND_SUFFIX[matchKind];
    const match = { kind: matchKind, value, pathType: p.pathType };
    const origin = originOf(doc, p.fieldPath);
    const filters = ann.rewriteTarget !== undefined ? routeFilters(ann.filters, ann.rewriteTarget, match) : ic.sharedFilters;
    const route: Route = filters ? { id, match, backend, policy: ann.policy, origin, filters } : { id, match, backend, policy: ann.policy, origin };
    const affinity = ann.policy.affinity;
    if (affinity && affinity.path === undefined && matchKind !== 'Regex') {
      // the one Path every target writes into the affinity cookie: never header syntax
      const c = cookiePath(value);
      route.cookiePath = c.path;
      if (c.trimmed) this.findings.push(findingAt(doc, { ruleId: 'affinity-cookie-path', path: [...p.fieldPath, 'path'], message: `path ${JSON.stringify(value)} holds characters a cookie's Path attribute must not carry (only letters, digits, -._~/ and %XX are copied into a header); the affinity cookie is set for ${JSON.stringify(c.path)}`, hint: `Set ${NGINX_PREFIX}session-cookie-path to a plain path.` }));
    }
    const dupKey = routeKey(matchKind, value);
    const keys = this.routeKeys.get(host);
    const winner = keys ? keys.get(matchKind)?.get(dupKey) : sameRoute(vhost.routes, matchKind, dupKey);
    if (winner) {
      const same = winner.origin.namespace === route.origin.namespace && winner.origin.name === route.origin.name;
      this.findings.push(findingAt(doc, { ruleId: 'duplicate-route', path: [...p.fieldPath, 'path'], message: `${host || '(any host)'} ${value} (${p.pathType}) is also defined ${same ? `earlier in this Ingress (${winner.origin.field})` : `by Ingress ${winner.origin.namespace}/${winner.origin.name}`}; that one wins (${same ? 'first in the list' : whyOlder(winner, route)}) and this route is ignored`, hint: 'Remove one of the two, or give them different paths.' }));
      return;
    }
    if (keys) addKey(keys, route, dupKey);
    else if (vhost.routes.length + 1 >= FEW_ROUTES) this.routeKeys.set(host, keyRoutes(vhost.routes, route, dupKey));
    vhost.routes.push(route);
  }

  private addDefaultBackend(ic: IngressContext, ing: IngressShape, ref: BackendRef): void {
    const backend = ic.refs.resolve(ref);
    if (!backend) return;
    const { doc, ann } = ic;
    // rewrite-target rewrites route paths only: the default backend has the shared filters
    const origin = originOf(doc, ref.path);
    const entry = ic.sharedFilters ? { backend, origin, policy: ann.policy, filters: ic.sharedFilters } : { backend, origin, policy: ann.policy };
    if (ing.rules.length === 0) {
      const catchAll = this.catchAll;
      if (!catchAll) this.catchAll = entry;
      else this.findings.push(findingAt(doc, { ruleId: 'duplicate-default-backend', path: ref.path, message: `a second catch-all default backend (${formatBackend(backend)}); the one of Ingress ${catchAll.origin?.namespace}/${catchAll.origin?.name} is used`, hint: 'Keep one Ingress without rules as the catch-all.' }));
    }
    for (const host of ic.ownHosts) {
      const vhost = this.vhosts.get(host)!;
      vhost.defaultBackend ??= entry;
    }
  }

  private addTls(ic: IngressContext, t: IngressTls): void {
    const hosts = t.hosts.length ? t.hosts : ic.ownHosts;
    if (!t.secretName) return;
    const { doc } = ic;
    const ref = { namespace: doc.namespace, name: t.secretName };
    const secretDoc = this.objects.secrets.get(key(ref.namespace, ref.name));
    const tlsOrigin = originOf(doc, t.fieldPath);
    let resolved: TlsConfig;
    if (!secretDoc) {
      // per Ingress: the finding points at this Ingress's secretName
      const r = resolveTlsSecret(undefined, ref, doc, [...t.fieldPath, 'secretName'], tlsOrigin);
      this.findings.push(...r.findings);
      resolved = r.tls;
    } else {
      // per Secret: parse and check each certificate once, however many Ingresses use it
      let cached = this.secretCache.get(key(ref.namespace, ref.name));
      if (!cached) {
        cached = resolveTlsSecret(secretDoc, ref, doc, [...t.fieldPath, 'secretName'], tlsOrigin);
        this.secretCache.set(key(ref.namespace, ref.name), cached);
        this.findings.push(...cached.findings);
      }
      resolved = { ...cached.tls, origin: tlsOrigin };
      if (cached.tls.usable) {
        Object.defineProperty(resolved, 'certPem', { value: cached.tls.certPem, enumerable: false });
        Object.defineProperty(resolved, 'keyPem', { value: cached.tls.keyPem, enumerable: false });
      }
    }
    for (const h of hosts) {
      const host = h.toLowerCase();
      if (!this.tlsByHost.has(host)) this.tlsByHost.set(host, resolved);
    }
  }
}

function vhostFor(vhosts: Map<string, VirtualHost>, host: string, kind: VirtualHost['kind']): VirtualHost {
  let v = vhosts.get(host);
  if (!v) vhosts.set(host, (v = { host, kind, routes: [] }));
  return v;
}

/** --default-backend: resolved against the Services given, like any backend. */
function resolveFlagBackend(d: { namespace: string; service: string; port: number }, objects: ObjectIndex, upstreams: UpstreamOverrides): Backend {
  const override = upstreams.get(`${d.namespace}/${d.service}:${d.port}`) ?? upstreams.get(`${d.namespace}/${d.service}`);
  const svc = objects.services.get(key(d.namespace, d.service));
  const external = svc && str(field(svc.obj, 'spec', 'type')) === 'ExternalName' ? str(field(svc.obj, 'spec', 'externalName')) : undefined;
  return {
    namespace: d.namespace,
    service: d.service,
    port: d.port,
    protocol: 'http',
    upstream: override ? { kind: 'endpoints', endpoints: [{ ip: override.host, port: override.port }], source: 'override' } : { kind: 'dns', host: external ?? `${d.service}.${d.namespace}.svc.cluster.local`, port: d.port },
  };
}

/** Which Ingresses a controller of class `wanted` serves: by field, legacy annotation, or the default class. */
export function classSelected(ing: IngressShape, wanted: string | undefined, objects: ObjectIndex): boolean {
  if (wanted === undefined) return true;
  const cls = ing.className ?? ing.classFromAnnotation;
  if (cls !== undefined) return cls === wanted;
  const ic = objects.ingressClasses.get(wanted);
  return field(ic?.obj, 'metadata', 'annotations', 'ingressclass.kubernetes.io/is-default-class') === 'true';
}

function timestampOf(doc: Document): string {
  const t = field(doc.obj, 'metadata', 'creationTimestamp');
  return typeof t === 'string' ? t : '';
}

/**
 * Older creationTimestamp first (objects without one count as newest), then namespace/name,
 * then input order. Each timestamp is read and parsed once, not once per comparison.
 */
function byAge(docs: Document[]): Document[] {
  const keyed = docs.map((doc) => {
    const t = timestampOf(doc);
    return { doc, t, ms: t ? Date.parse(t) : 0 };
  });
  keyed.sort((a, b) => {
    if (a.t !== b.t) return !a.t ? 1 : !b.t ? -1 : a.ms - b.ms || a.t.localeCompare(b.t);
    return a.doc.namespace.localeCompare(b.doc.namespace) || a.doc.name.localeCompare(b.doc.name);
  });
  return keyed.map((k) => k.doc);
}

function whyOlder(winner: Route, loser: Route): string {
  const a = winner.origin.creationTimestamp;
  const b = loser.origin.creationTimestamp;
  if (a && (!b || a !== b)) return `older creationTimestamp ${a}`;
  return 'namespace/name order';
}

const HOST_RANK: Record<VirtualHost['kind'], number> = { exact: 0, wildcard: 1, any: 2 };

function byHost(a: VirtualHost, b: VirtualHost): number {
  return HOST_RANK[a.kind] - HOST_RANK[b.kind] || a.host.localeCompare(b.host);
}

/** The longest path wins; at equal length Exact beats Prefix (beats Regex); then the older Ingress. Stable sort keeps age order. */
function byPrecedence(a: Route, b: Route): number {
  return precedenceLength(b.match.kind, b.match.value) - precedenceLength(a.match.kind, a.match.value) || KIND_RANK[a.match.kind] - KIND_RANK[b.match.kind];
}

/** Whether sorting by precedence would leave `routes` as they are (a stable sort keeps equal neighbours in place). */
function inOrder(routes: readonly Route[]): boolean {
  for (let i = 1; i < routes.length; i++) if (byPrecedence(routes[i - 1], routes[i]) > 0) return false;
  return true;
}

/** A route's own filters when its Ingress asks for rewrite-target: the Ingress's, with the route's rewrite. */
function routeFilters(filters: RouteFilters, rewriteTarget: string, match: Pick<Route['match'], 'kind' | 'value'>): RouteFilters {
  return { ...filters, rewrite: { path: rewriteTargetPath(rewriteTarget, match) } };
}
