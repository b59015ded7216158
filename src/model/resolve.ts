// resolve: Kubernetes objects → RouteModel (docs/routing.md). Pure: no I/O.
import type { Document } from '../load/document.js';
import { resolveGateways } from '../gateway/resolve.js';
import { readAnnotations } from './annotations/index.js';
import { resolveBasicAuth, resolveFallbackBackend } from './annotation-objects.js';
import { formatBackend, resolveBackend, type UpstreamOverrides } from './backends.js';
import { attachCanaries, type CanaryIngress } from './canary.js';
import { applyCompat, type Compat } from './compat.js';
import { hostRedirects, noteHostPolicy, type WwwAsk } from './host-policy.js';
import { findingAt, stageFinding, type Finding } from '../findings/finding.js';
import { ruleHostKind, isIPAddress } from './hosts.js';
import { isIngress, readIngress, REMOVED_INGRESS_VERSIONS, type IngressShape } from './ingress-shape.js';
import { indexObjects, key, field, str, type ObjectIndex } from './objects.js';
import { originOf } from './origin.js';
import { precedenceLength, trimTrailingSlash } from './path.js';
import { defaultPolicy } from './policy.js';
import { regexProblem } from './regex.js';
import { rewriteTargetPath } from './rewrite.js';
import { resolveTlsSecret } from './tls.js';
import type { Backend, MatchKind, Route, RouteFilters, RouteModel, TlsConfig, VirtualHost } from './types.js';
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

export function resolve(documents: readonly Document[], options: ResolveOptions = {}): RouteModel {
  const findings: Finding[] = [];
  // schema findings are the validate stage's (src/schema/validate.ts), run before this one
  for (const doc of documents) {
    if (doc.kind === 'Ingress' && REMOVED_INGRESS_VERSIONS.has(doc.apiVersion)) {
      findings.push(findingAt(doc, { ruleId: 'removed-api', path: ['apiVersion'], message: `${doc.apiVersion} Ingress was removed in Kubernetes 1.22; shown here converted to networking.k8s.io/v1`, hint: 'Use apiVersion: networking.k8s.io/v1 with pathType on every path and backend.service.name / backend.service.port.number.' }));
    }
  }
  const objects = indexObjects(documents);
  const servicesGiven = objects.services.size > 0;
  const ingressDocs = byAge(documents.filter(isIngress));
  let selected = 0;

  const vhosts = new Map<string, VirtualHost>();
  /** host → match kind → path (Prefix: without its trailing slash) → the route (docs/routing.md "Several Ingresses"); no key string per route */
  const routeKeys = new Map<string, Map<MatchKind, Map<string, Route>>>();
  const tlsByHost = new Map<string, TlsConfig>();
  const secretCache = new Map<string, { tls: TlsConfig; findings: Finding[] }>();
  let catchAll: RouteModel['defaultBackend'];
  // Paths of one Ingress usually share a backend: resolve each (service, port, protocol) once.
  const backendCache = new Map<string, Backend>();
  const canaries: CanaryIngress[] = [];
  /** hosts on which some Ingress asks for regex paths (use-regex, rewrite-target) */
  const regexHosts = new Set<string>();
  const wwwAsks: WwwAsk[] = [];

  for (const doc of ingressDocs) {
    // each Ingress read when its turn comes: its shape is garbage once its routes are made
    const ing = readIngress(doc);
    if (!classSelected(ing, options.ingressClass, objects)) continue;
    selected++;
    const ann = readAnnotations(doc);
    findings.push(...ann.findings);
    const ctx = { objects, doc, protocol: ann.result.protocol, upstreams: options.upstreams ?? new Map(), servicesGiven, serviceUpstream: ann.result.policy.serviceUpstream };
    // the paths of an Ingress mostly name the backend the one before named: compared field by field, no key made
    let last: { name: string; number?: number; port?: string; protocol: typeof ctx.protocol; serviceUpstream: typeof ctx.serviceUpstream; backend: Backend } | undefined;
    const resolveRef = (ref: NonNullable<IngressShape['defaultBackend']>, protocol = ctx.protocol, serviceUpstream = ctx.serviceUpstream): Backend | undefined => {
      const svc = ref.service;
      if (svc && last && last.name === svc.name && last.number === svc.port.number && last.port === svc.port.name && last.protocol === protocol && last.serviceUpstream === serviceUpstream) return last.backend;
      const cacheKey = svc ? `${doc.namespace}/${svc.name}:${svc.port.number ?? ''}:${svc.port.name ?? ''}:${protocol}:${serviceUpstream}` : undefined;
      let backend = cacheKey ? backendCache.get(cacheKey) : undefined;
      if (!backend) {
        const r = resolveBackend(ref, { ...ctx, protocol, serviceUpstream });
        findings.push(...r.findings);
        // only a backend without findings is shared: findings point at each reference
        if (!cacheKey || !r.backend || r.findings.length) return r.backend;
        backendCache.set(cacheKey, r.backend);
        backend = r.backend;
      }
      if (svc) last = { name: svc.name, number: svc.port.number, port: svc.port.name, protocol, serviceUpstream, backend };
      return backend;
    };
    if (ann.result.canary.enabled) {
      // attached to the main routes once every other Ingress is in place
      canaries.push({ ing, ann: ann.result, resolveRef });
      continue;
    }
    findings.push(...resolveBasicAuth(doc, ann.result, objects), ...resolveFallbackBackend(doc, ann.result, ctx));
    // the filters the routes of this Ingress share (a rewrite-target makes each route its own)
    const sharedFilters = Object.keys(ann.result.filters).length ? ann.result.filters : undefined;
    const rewriteTarget = ann.result.rewriteTarget;

    const ownHosts: string[] = [];
    for (const rule of ing.rules) {
      const kind = ruleHostKind(rule.host);
      if (!kind || (kind === 'exact' && isIPAddress(rule.host))) {
        findings.push(findingAt(doc, { ruleId: 'invalid-host', path: [...rule.fieldPath, 'host'], message: `host ${JSON.stringify(rule.host)} is not a valid DNS name${kind ? ' (IP addresses are not allowed)' : ''}; its rule is left out`, hint: 'Use a lower-case DNS-1123 name, or *.example.com for a wildcard.' }));
        continue;
      }
      const vhost = vhostFor(vhosts, rule.host, kind);
      let keysOfHost = routeKeys.get(rule.host);
      if (!keysOfHost) routeKeys.set(rule.host, (keysOfHost = new Map()));
      if (!ownHosts.includes(rule.host)) ownHosts.push(rule.host);
      if (ann.result.useRegex) regexHosts.add(rule.host);
      noteHostPolicy(vhost, doc, ann.result, wwwAsks);
      for (const p of rule.paths) {
        if (!p.pathType || !p.backend) continue; // the schema reports the missing field
        let matchKind: MatchKind = p.pathType === 'Exact' ? 'Exact' : 'Prefix';
        let value = p.path;
        if (p.pathType === 'ImplementationSpecific') {
          if (value === '') value = '/';
          if (ann.result.useRegex) matchKind = 'Regex';
          else if (options.compat === 'ingress-nginx') matchKind = 'StringPrefix';
        }
        const problem = matchKind === 'Regex' ? regexProblem(value) : isUrlPath(value) ? undefined : value.startsWith('/') ? 'holds characters that are not allowed in a URL path (whitespace, quotes, braces, backslashes, control characters)' : 'must be an absolute path starting with "/"';
        if (problem) {
          findings.push(findingAt(doc, { ruleId: 'invalid-path', path: [...p.fieldPath, 'path'], message: `path ${JSON.stringify(value)} ${problem}; its route is left out`, hint: matchKind === 'Regex' ? 'Use the regular-expression syntax common to PCRE, RE2 and JavaScript.' : 'Percent-encode other characters.' }));
          continue;
        }
        const backend = resolveRef(p.backend);
        if (!backend) continue;
        // one literal per shape, no spread: 100,000 routes
        const id = `${rule.host || '*'}${value} (${matchKind})`;
        const match = { kind: matchKind, value, pathType: p.pathType };
        const origin = originOf(doc, p.fieldPath);
        const filters = rewriteTarget !== undefined ? routeFilters(ann.result.filters, rewriteTarget, match) : sharedFilters;
        const route: Route = filters ? { id, match, backend, policy: ann.result.policy, origin, filters } : { id, match, backend, policy: ann.result.policy, origin };
        const affinity = route.policy.affinity;
        if (affinity && affinity.path === undefined && matchKind !== 'Regex') {
          // the one Path every target writes into the affinity cookie: never header syntax
          const c = cookiePath(value);
          route.cookiePath = c.path;
          if (c.trimmed) findings.push(findingAt(doc, { ruleId: 'affinity-cookie-path', path: [...p.fieldPath, 'path'], message: `path ${JSON.stringify(value)} holds characters a cookie's Path attribute must not carry (only letters, digits, -._~/ and %XX are copied into a header); the affinity cookie is set for ${JSON.stringify(c.path)}`, hint: `Set ${NGINX_PREFIX}session-cookie-path to a plain path.` }));
        }
        let keysOfKind = keysOfHost.get(matchKind);
        if (!keysOfKind) keysOfHost.set(matchKind, (keysOfKind = new Map()));
        const dupKey = matchKind === 'Prefix' ? trimTrailingSlash(value) || '/' : value;
        const winner = keysOfKind.get(dupKey);
        if (winner) {
          const same = winner.origin.namespace === route.origin.namespace && winner.origin.name === route.origin.name;
          findings.push(findingAt(doc, { ruleId: 'duplicate-route', path: [...p.fieldPath, 'path'], message: `${rule.host || '(any host)'} ${value} (${p.pathType}) is also defined ${same ? `earlier in this Ingress (${winner.origin.field})` : `by Ingress ${winner.origin.namespace}/${winner.origin.name}`}; that one wins (${same ? 'first in the list' : whyOlder(winner, route)}) and this route is ignored`, hint: 'Remove one of the two, or give them different paths.' }));
          continue;
        }
        keysOfKind.set(dupKey, route);
        vhost.routes.push(route);
      }
    }

    if (ing.defaultBackend) {
      const backend = resolveRef(ing.defaultBackend);
      if (backend) {
        // rewrite-target rewrites route paths only: the default backend has the shared filters
        const origin = originOf(doc, ing.defaultBackend.path);
        const entry = sharedFilters ? { backend, origin, policy: ann.result.policy, filters: sharedFilters } : { backend, origin, policy: ann.result.policy };
        if (ing.rules.length === 0) {
          if (!catchAll) catchAll = entry;
          else findings.push(findingAt(doc, { ruleId: 'duplicate-default-backend', path: ing.defaultBackend.path, message: `a second catch-all default backend (${formatBackend(backend)}); the one of Ingress ${catchAll.origin?.namespace}/${catchAll.origin?.name} is used`, hint: 'Keep one Ingress without rules as the catch-all.' }));
        }
        for (const host of ownHosts) {
          const vhost = vhosts.get(host)!;
          vhost.defaultBackend ??= entry;
        }
      }
    }

    for (const t of ing.tls) {
      const hosts = t.hosts.length ? t.hosts : ownHosts;
      if (!t.secretName) continue;
      const ref = { namespace: doc.namespace, name: t.secretName };
      const secretDoc = objects.secrets.get(key(ref.namespace, ref.name));
      const tlsOrigin = originOf(doc, t.fieldPath);
      let resolved: TlsConfig;
      if (!secretDoc) {
        // per Ingress: the finding points at this Ingress's secretName
        const r = resolveTlsSecret(undefined, ref, doc, [...t.fieldPath, 'secretName'], tlsOrigin);
        findings.push(...r.findings);
        resolved = r.tls;
      } else {
        // per Secret: parse and check each certificate once, however many Ingresses use it
        let cached = secretCache.get(key(ref.namespace, ref.name));
        if (!cached) {
          cached = resolveTlsSecret(secretDoc, ref, doc, [...t.fieldPath, 'secretName'], tlsOrigin);
          secretCache.set(key(ref.namespace, ref.name), cached);
          findings.push(...cached.findings);
        }
        resolved = { ...cached.tls, origin: tlsOrigin };
        if (cached.tls.usable) {
          Object.defineProperty(resolved, 'certPem', { value: cached.tls.certPem, enumerable: false });
          Object.defineProperty(resolved, 'keyPem', { value: cached.tls.keyPem, enumerable: false });
        }
      }
      for (const h of hosts) {
        const host = h.toLowerCase();
        if (!tlsByHost.has(host)) tlsByHost.set(host, resolved);
      }
    }
  }

  for (const [host, tls] of tlsByHost) {
    const vhost = vhosts.get(host);
    if (vhost) vhost.tls = tls;
  }

  findings.push(...attachCanaries(canaries, vhosts));
  if (options.compat === 'ingress-nginx') findings.push(...applyCompat(vhosts, regexHosts));
  const redirects = hostRedirects(wwwAsks, vhosts);

  if (!catchAll && options.defaultBackend) {
    const d = options.defaultBackend;
    catchAll = { backend: resolveFlagBackend(d, objects, options.upstreams ?? new Map()), policy: defaultPolicy() };
  }

  if (!servicesGiven && selected) {
    findings.push(stageFinding('services-not-given', { message: 'no Service objects in the input: backends are shown as written and sent to their cluster DNS names; named ports cannot be resolved', hint: 'Pass the Service manifests too for port checks and endpoints.' }));
  }

  const hosts = [...vhosts.values()].filter((v) => v.routes.length || v.defaultBackend).sort(byHost);
  for (const v of hosts) v.routes.sort(byPrecedence);
  // Gateway API input joins the same model: Gateways, their listeners and attached routes
  const gw = resolveGateways(documents, objects, { gatewayClass: options.gatewayClass, upstreams: options.upstreams ?? new Map(), servicesGiven });
  if (gw) findings.push(...gw.findings);
  return { hosts, ...(redirects.length ? { hostRedirects: redirects } : {}), ...(catchAll ? { defaultBackend: catchAll } : {}), ...(gw ? { gateways: gw.gateways, routeStatus: gw.routeStatus } : {}), findings };
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

function byHost(a: VirtualHost, b: VirtualHost): number {
  const rank = { exact: 0, wildcard: 1, any: 2 };
  return rank[a.kind] - rank[b.kind] || a.host.localeCompare(b.host);
}

/** The longest path wins; at equal length Exact beats Prefix (beats Regex); then the older Ingress. Stable sort keeps age order. */
function byPrecedence(a: Route, b: Route): number {
  return precedenceLength(b.match.kind, b.match.value) - precedenceLength(a.match.kind, a.match.value) || KIND_RANK[a.match.kind] - KIND_RANK[b.match.kind];
}

/** A route's own filters when its Ingress asks for rewrite-target: the Ingress's, with the route's rewrite. */
function routeFilters(filters: RouteFilters, rewriteTarget: string, match: Pick<Route['match'], 'kind' | 'value'>): RouteFilters {
  return { ...filters, rewrite: { path: rewriteTargetPath(rewriteTarget, match) } };
}
