// The Ingress route model as standard-channel Gateway API v1 objects. Everything is read
// from the model (routes in precedence order, typed policy); nothing from annotation text.
// What Gateway API cannot say is a Loss: a finding at its cause, and the requests it
// excuses when `--verify` compares the two models.
import { findingAtOrigin, type Finding } from '../../findings/finding.js';
import { annotationOrigin } from '../../model/origin.js';
import type { CorsPolicy, RoutePolicy } from '../../model/policy.js';
import { wholePathRegex } from '../../model/regex.js';
import type { Backend, Origin, RequestConditions, Route, RouteFilters, RouteModel, VirtualHost } from '../../model/types.js';
import { canaryFeatures, type CanaryFeatures } from '../../model/canary-features.js';
import { fixedLocation } from '../../model/redirect.js';
import type { Yaml } from './yaml.js';
import { isHttpToken } from '../../model/validate-values.js';

export const GROUP = 'gateway.networking.k8s.io';
const API = `${GROUP}/v1`;
/** the spec's limit of rules per HTTPRoute (CRD maxItems) */
export const MAX_RULES = 16;

export interface GatewayOptions {
  gatewayName: string;
  /** default: the Ingresses' namespace when they share one, else "default" */
  gatewayNamespace?: string;
  /** default: the Ingresses' class name */
  gatewayClass?: string;
  /** the Ingresses' spec.ingressClassName values (for the class default) */
  ingressClasses?: readonly string[];
}

/** What a loss excuses in `--verify`: requests answered by this Ingress (optionally only on one host, or only over HTTPS). */
export interface LossScope {
  ingress: string;
  host?: string;
  scheme?: 'http' | 'https';
  /** requests to names deeper than this one-label wildcard */
  deeperThan?: string;
}

export interface Loss {
  finding: Finding;
  scope: LossScope;
}

export interface Translation {
  objects: Yaml[];
  losses: Loss[];
  gateway: { namespace: string; name: string };
}

type Rule = { [key: string]: Yaml };

const dnsSlug = (s: string) =>
  s.toLowerCase().replace(/^\*\./, 'wildcard.').replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '') || 'x';

const ingressOf = (o: Origin) => `${o.namespace}/${o.name}`;

/** The spec's limit of listeners per Gateway (CRD maxItems); one is the HTTP listener. */
export const MAX_LISTENERS = 64;

export function translate(model: RouteModel, options: GatewayOptions): Translation {
  const losses: Loss[] = [];
  // one name per host, unique even where two long names cut to the same slug
  const slugs = new Map<string, string>();
  const taken = new Set<string>();
  for (const v of model.hosts) {
    const base = v.host ? dnsSlug(v.host) : 'any-host';
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
    taken.add(name);
    slugs.set(v.host, name);
  }
  const slugOf = (host: string) => slugs.get(host) ?? (host ? dnsSlug(host) : 'any-host');
  const lose = (origin: Origin, message: string, scope: Partial<LossScope> = {}, field?: string) =>
    losses.push({ finding: findingAtOrigin(origin, { ruleId: 'gateway-api-loss', severity: 'warning', message, hint: 'Gateway API (standard channel) cannot express this; see the README of the -o folder.', ...(field ? { field } : {}) }), scope: { ingress: ingressOf(origin), ...scope } });

  const namespaces = new Set<string>();
  for (const v of model.hosts) {
    for (const r of v.routes) namespaces.add(r.origin.namespace);
    if (v.defaultBackend) namespaces.add(v.defaultBackend.origin.namespace);
  }
  if (model.defaultBackend) namespaces.add(model.defaultBackend.origin?.namespace ?? model.defaultBackend.backend.namespace);
  const shared = namespaces.size === 1 ? [...namespaces][0] : undefined;
  const gwNs = options.gatewayNamespace ?? shared ?? 'default';
  const allNamespaces = [...namespaces].some((n) => n !== gwNs);
  const className = options.gatewayClass ?? [...new Set(options.ingressClasses ?? [])].sort()[0] ?? 'nginx';
  const gwRef = (section: string): Yaml => ({ name: options.gatewayName, ...(allNamespaces ? { namespace: gwNs } : {}), sectionName: section });

  // listeners: one plain HTTP listener for every host, one HTTPS listener per TLS host
  const listeners: Yaml[] = [];
  const allowed = allNamespaces ? { allowedRoutes: { namespaces: { from: 'All' } } } : {};
  listeners.push({ name: 'http', protocol: 'HTTP', port: 80, ...allowed });
  const grants = new Map<string, Set<string>>(); // secret namespace → secret names
  const httpsListener = new Map<VirtualHost, string>();
  for (const v of model.hosts) {
    if (!v.tls) continue;
    if (!v.host) {
      lose(v.tls.origin, 'a TLS section without hosts has no hostname for an HTTPS listener: HTTPS requests for host-less rules are not answered', { scheme: 'https', host: '' });
      continue;
    }
    if (listeners.length >= MAX_LISTENERS) {
      lose(v.tls.origin, `a Gateway holds at most ${MAX_LISTENERS} listeners: HTTPS for ${v.host} is not rendered`, { host: v.host, scheme: 'https' });
      continue;
    }
    const name = `https-${slugOf(v.host)}`;
    httpsListener.set(v, name);
    const ref: Yaml = { kind: 'Secret', name: v.tls.secretName, ...(v.tls.secretNamespace !== gwNs ? { namespace: v.tls.secretNamespace } : {}) };
    if (v.tls.secretNamespace !== gwNs) {
      const set = grants.get(v.tls.secretNamespace) ?? new Set<string>();
      set.add(v.tls.secretName);
      grants.set(v.tls.secretNamespace, set);
    }
    listeners.push({ name, protocol: 'HTTPS', port: 443, hostname: v.host, tls: { mode: 'Terminate', certificateRefs: [ref] }, ...allowed });
  }

  const httpRoutes: Yaml[] = [];
  const grpcRoutes: Yaml[] = [];
  for (const v of model.hosts) {
    const httpsName = httpsListener.get(v);
    if (!v.tls) {
      const o = v.routes[0]?.origin ?? v.defaultBackend?.origin;
      const what = v.host ? `host ${v.host} has no TLS section` : 'rules without a host';
      if (o) lose(o, `${what}: ingress-nginx answered HTTPS for it with its default certificate; the Gateway has no HTTPS listener for it`, { host: v.host, scheme: 'https' }, 'spec.tls');
    }
    if (v.kind === 'wildcard') {
      const o = v.routes[0]?.origin ?? v.defaultBackend?.origin;
      if (o) lose(o, `wildcard host ${v.host} matches exactly one label in an Ingress but one or more in Gateway API: deeper names (a.b${v.host.slice(1)}) now reach these routes`, { deeperThan: v.host });
    }
    // per namespace of the Ingresses that define the host's routes (a route's backends live in its namespace)
    const byNs = new Map<string, { http: Rule[]; https: Rule[]; same: boolean }>();
    const group = (ns: string) => {
      let g = byNs.get(ns);
      if (!g) byNs.set(ns, (g = { http: [], https: [], same: true }));
      return g;
    };
    const addRule = (ns: string, rule: Rule, policy: RoutePolicy) => {
      const g = group(ns);
      g.https.push(rule);
      const toHttps = (v.tls && policy.sslRedirect) || policy.forceSslRedirect;
      if (toHttps) {
        g.http.push({ matches: rule.matches, filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 308 } }] });
        g.same = false;
      } else g.http.push(rule);
    };
    const regexHost = v.routes.some((r) => r.match.kind === 'Regex' || r.match.kind === 'StringPrefix' || r.match.kind === 'RegularExpression');
    if (v.appRoot) {
      const ns = v.appRoot.origin.namespace;
      const rule: Rule = { matches: [{ path: { type: 'Exact', value: '/' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: v.appRoot.path }, statusCode: 302 } }] };
      group(ns).http.push(rule);
      group(ns).https.push(rule);
    }
    const grpc = grpcHost(v, !!model.defaultBackend?.origin);
    if (grpc) {
      grpcRoutes.push(...grpcRoutesOf(v, grpc, httpsListener.get(v), gwRef, lose, slugOf(v.host)));
      continue;
    }
    for (const r of v.routes) {
      if (r.backend.protocol === 'grpc' || r.backend.protocol === 'grpcs' || r.backend.protocol === 'https') {
        const why = r.backend.protocol === 'grpc' ? `a GRPCRoute needs every route of host ${v.host || '(any)'} to be gRPC with a path that names a service or method (/pkg.Service, /pkg.Service/Method or /)` : 'TLS to the backend needs BackendTLSPolicy, outside the standard channel';
        lose(annotationOrigin(r.origin, 'backend-protocol'), `backend-protocol ${r.backend.protocol.toUpperCase()}: ${why}; routed as plain HTTP`, { host: v.host });
      }
      for (const rule of routeRules(r, lose, v.host, regexHost)) addRule(r.origin.namespace, rule, r.policy);
    }
    const everything: Yaml = { path: regexHost ? regexPath('Prefix', '/') : { type: 'PathPrefix', value: '/' } };
    if (v.defaultBackend) {
      const d = v.defaultBackend;
      const rule = policyRule(everything, d.backend, d.policy, d.filters, d.origin, lose, v.host);
      if (rule) addRule(d.origin.namespace, rule, d.policy);
    } else if (model.defaultBackend?.origin && v.host && !v.routes.some((r) => r.match.kind === 'Prefix' && r.match.value.replace(/\/+$/, '') === '' && !r.conditions)) {
      // the model sends what no path of a host matched to the catch-all; a Gateway route's host does not fall through to a route without hostnames
      const d = model.defaultBackend;
      const rule = policyRule(everything, d.backend, d.policy, d.filters, d.origin!, lose, v.host);
      if (rule) {
        const g = group(d.origin!.namespace);
        g.http.push(rule);
        g.https.push(rule);
      }
    }
    for (const [ns, g] of [...byNs].sort((a, b) => a[0].localeCompare(b[0]))) {
      const base = slugOf(v.host);
      const hostnames = v.host ? [v.host] : undefined;
      const emit = (name: string, rules: Rule[], parents: Yaml[]) => {
        const chunks = Math.ceil(rules.length / MAX_RULES);
        for (let i = 0; i < chunks; i++) {
          // split routes are named in order: equal matches across them fall back to namespace/name order, keeping the model's
          const n = chunks > 1 ? `${name}-${String(i).padStart(2, '0')}` : name;
          httpRoutes.push({ apiVersion: API, kind: 'HTTPRoute', metadata: { name: n, namespace: ns }, spec: { parentRefs: parents, ...(hostnames ? { hostnames } : {}), rules: rules.slice(i * MAX_RULES, (i + 1) * MAX_RULES) } });
        }
      };
      if (!httpsName) emit(base, g.http, [gwRef('http')]);
      else if (g.same) emit(base, g.https, [gwRef('http'), gwRef(httpsName)]);
      else {
        emit(`${base}-https`, g.https, [gwRef(httpsName)]);
        emit(`${base}-http`, g.http, [gwRef('http')]);
      }
    }
  }

  // the catch-all: a route without hostnames, lowest precedence
  if (model.defaultBackend) {
    const d = model.defaultBackend;
    const o = d.origin;
    if (o) {
      lose(o, 'the catch-all default backend: ingress-nginx answered HTTPS for hosts without a TLS section with its default certificate; the Gateway has no HTTPS listener for them', { scheme: 'https', host: '' });
      const rule = policyRule({ path: { type: 'PathPrefix', value: '/' } }, d.backend, d.policy, d.filters, o, lose, '');
      if (rule) httpRoutes.push({ apiVersion: API, kind: 'HTTPRoute', metadata: { name: 'default-backend', namespace: o.namespace }, spec: { parentRefs: [gwRef('http')], rules: [rule] } });
    }
  }
  for (const w of model.hostRedirects ?? []) {
    httpRoutes.push({ apiVersion: API, kind: 'HTTPRoute', metadata: { name: `www-${dnsSlug(w.host)}`, namespace: w.origin.namespace }, spec: { parentRefs: [gwRef('http')], hostnames: [w.host], rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: w.to, statusCode: 308 } }] }] } });
    lose(w.origin, `from-to-www-redirect: ${w.host} is redirected over HTTP only (no HTTPS listener for it)`, { host: w.host, scheme: 'https' });
  }

  const gateway: Yaml = { apiVersion: API, kind: 'Gateway', metadata: { name: options.gatewayName, namespace: gwNs }, spec: { gatewayClassName: className, listeners } };
  const referenceGrants: Yaml[] = [...grants].sort((a, b) => a[0].localeCompare(b[0])).map(([ns, names]) => ({
    apiVersion: `${GROUP}/v1beta1`,
    kind: 'ReferenceGrant',
    metadata: { name: `${options.gatewayName}-certificates`, namespace: ns },
    spec: { from: [{ group: GROUP, kind: 'Gateway', namespace: gwNs }], to: [...names].sort().map((name) => ({ group: '', kind: 'Secret', name })) },
  }));
  return { objects: [gateway, ...referenceGrants, ...httpRoutes, ...grpcRoutes], losses, gateway: { namespace: gwNs, name: options.gatewayName } };
}

type Lose = (origin: Origin, message: string, scope?: Partial<LossScope>, field?: string) => void;


const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The path match of a model route in Gateway API terms. */
function pathMatch(r: Route, regexHost: boolean): Yaml {
  const { kind, value } = r.match;
  if (regexHost && (kind === 'Exact' || kind === 'Prefix')) return regexPath(kind, value);
  switch (kind) {
    case 'Exact':
      return { type: 'Exact', value };
    case 'Prefix':
      return { type: 'PathPrefix', value };
    case 'Regex':
      // ingress-nginx: case-insensitive, "^" + the pattern found anywhere; Gateway API: the whole path, case-sensitive.
      // No capture is read here, so a top-level "|" gets the greedy ".*" before it.
      return { type: 'RegularExpression', value: wholePathRegex(value, { greedy: true }) };
    case 'StringPrefix':
      return { type: 'RegularExpression', value: `${escapeRegex(value)}.*` };
    case 'RegularExpression':
      return { type: 'RegularExpression', value };
  }
}

/**
 * On a host with regex routes the model's order is not Gateway API's (which puts every
 * Exact and PathPrefix before any RegularExpression): there every path becomes a
 * RegularExpression, so the rule order alone decides, as in the model.
 */
function regexPath(kind: 'Exact' | 'Prefix', value: string): Yaml {
  if (kind === 'Exact') return { type: 'RegularExpression', value: escapeRegex(value) };
  const base = value.replace(/\/+$/, '');
  return { type: 'RegularExpression', value: base ? `${escapeRegex(base)}(?:/.*)?` : '/.*' };
}

/** The rules of one model route: its canary's sibling rules first (canaryFeatures), then the route (weighted when the canary has a weight). */
function routeRules(r: Route, lose: Lose, host: string, regexHost: boolean): Rule[] {
  const path = pathMatch(r, regexHost);
  const f = r.canary && canaryFeatures(r, r.canary);
  const rules: Rule[] = [];
  for (const s of f?.siblings ?? []) {
    // losses are the route's: the canary Ingress's own annotations do not apply
    const rule = policyRule({ path, headers: headerMatches(s.conditions!, f!.names) }, s.backend, r.policy, r.filters, r.origin, lose, host);
    if (rule) rules.push(rule);
  }
  const main = policyRule({ path }, r.backend, r.policy, r.filters, r.origin, lose, host, f && canaryShare(r, f));
  if (main) rules.push(main);
  return rules;
}

/**
 * A canary feature's conditions as HTTPRoute header matches, names as the annotation spelled
 * them. A cookie (not in Gateway API) becomes a RegularExpression on the Cookie header.
 */
function headerMatches(c: RequestConditions, names: Readonly<Record<string, string>>): Yaml[] {
  return [
    ...(c.headers ?? []).map((h) => ({ type: h.type, name: names[h.name] ?? h.name, value: h.value })),
    ...(c.cookies ?? []).map((k) => ({ type: 'RegularExpression', name: 'cookie', value: `(?:.*; *)?${escapeRegex(k.name)}=${k.type === 'Exact' ? escapeRegex(k.value) : `(?:${k.value})`}(?:;.*)?` })),
  ];
}

/** The canary's weighted share of a route's backends (canaryFeatures), when it has one. */
function canaryShare(r: Route, f: CanaryFeatures): { backend: Backend; weight: number; total: number } | undefined {
  const share = f.backends.find((b) => b.origin !== r.origin);
  return share?.backend ? { backend: share.backend, weight: share.weight, total: f.backends.reduce((n, b) => n + b.weight, 0) } : undefined;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);
const items = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

/** The CORS filter for ingress-nginx's enable-cors policy; what reads differently is reported through `lose`. */
function corsFilter(c: CorsPolicy, lose: (why: string, annotation: string) => void): Yaml | undefined {
  const origins = c.origins === '*' ? ['*'] : c.origins.map((o) => `${o.scheme}://${o.host}${o.port !== undefined ? `:${o.port}` : ''}`);
  if (c.origins !== '*' && c.origins.some((o) => o.host.startsWith('*.'))) lose('an origin wildcard matches one label in ingress-nginx, one or more in the Gateway API CORS filter', 'cors-allow-origin');
  if (c.credentials && c.origins === '*') lose('with credentials, the Gateway API CORS filter answers the request\'s Origin where ingress-nginx answers "*"', 'enable-cors');
  const methods = items(c.methods).map((m) => m.toUpperCase());
  const bad = methods.filter((m) => !METHODS.has(m) && m !== '*');
  if (bad.length) lose(`methods ${bad.join(', ')} are not HTTP methods the CORS filter takes; left out`, 'cors-allow-methods');
  const headers = items(c.headers);
  const expose = items(c.exposeHeaders);
  if ([...headers, ...expose].some((h) => !isHttpToken(h))) {
    lose('a header name the CORS filter does not take: the filter is left out', 'cors-allow-headers');
    return undefined;
  }
  return {
    allowOrigins: origins,
    ...(c.credentials ? { allowCredentials: true } : {}),
    allowMethods: methods.filter((m) => METHODS.has(m) || m === '*'),
    ...(headers.length ? { allowHeaders: headers } : {}),
    ...(expose.length ? { exposeHeaders: expose } : {}),
    maxAge: c.maxAge,
  };
}

function backendRef(b: Backend, weight?: number): Yaml | undefined {
  if (b.port === null) return undefined;
  return { name: b.service, port: b.port, ...(weight !== undefined ? { weight } : {}) };
}

/** One rule: the matches, the policy as filters, and the backend(s). */
function policyRule(match: Yaml, backend: Backend, p: RoutePolicy, f: RouteFilters | undefined, origin: Origin, lose: Lose, host: string, canary?: { backend: Backend; weight: number; total: number }): Rule | undefined {
  const scope = { host };
  const filters: Yaml[] = [];
  if (p.denied) {
    lose(origin, `the route is closed (${p.denied}): ingress-nginx answers 503, a rule without backends answers 500`, scope);
    return { matches: [match] };
  }
  if (p.cors) {
    const cors = corsFilter(p.cors, (why, name) => lose(annotationOrigin(origin, name), `enable-cors: ${why}`, scope));
    if (cors) filters.push({ type: 'CORS', cors });
  }
  const fixed = f?.redirect?.fixed && f.redirect;
  if (fixed) {
    // the annotation's URL, read as a URL reads it (host lower-case, a path-less URL's path "/", a well-known port left out)
    const written = fixedLocation(fixed);
    let url: URL | undefined;
    try {
      url = new URL(written);
    } catch {
      url = undefined;
    }
    // the query the Location carries instead of the request's is the model's extension of RequestRedirect: a loss
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password) {
      lose(annotationOrigin(origin, fixed.fixed!.annotation), `${fixed.fixed!.annotation} ${written}: a RequestRedirect cannot answer with this URL exactly`, scope);
      return { matches: [match] };
    }
    const port = url.port ? Number(url.port) : undefined;
    const redirect: Yaml = { scheme: url.protocol.slice(0, -1), hostname: url.hostname, path: { type: 'ReplaceFullPath', replaceFullPath: url.pathname }, ...(port ? { port } : {}), statusCode: fixed.statusCode };
    filters.push({ type: 'RequestRedirect', requestRedirect: redirect });
    return { matches: [match], filters };
  }
  const rewrite: { [k: string]: Yaml } = {};
  const rp = f?.rewrite?.path;
  if (rp) {
    if (/[$?]/.test(rp.value) || !rp.value.startsWith('/')) lose(annotationOrigin(origin, 'rewrite-target'), `rewrite-target ${rp.value}: capture groups, query strings and relative targets have no standard URLRewrite; the path is not rewritten`, scope);
    else {
      // a RegexRewrite without captures: ingress-nginx leaves the path a Prefix path's regex does not match (`/foo` for `/foo/`) as it is
      if (rp.type === 'RegexRewrite') lose(annotationOrigin(origin, 'rewrite-target'), `rewrite-target ${rp.value}: ingress-nginx rewrites only the paths its regex (the path, anchored) matches, not the path without its trailing slash; the URLRewrite rewrites every path of the rule`, scope);
      rewrite.path = { type: 'ReplaceFullPath', replaceFullPath: rp.value };
    }
  }
  if (p.upstreamHost !== undefined) {
    if (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(p.upstreamHost)) rewrite.hostname = p.upstreamHost;
    else lose(annotationOrigin(origin, 'upstream-vhost'), `upstream-vhost ${p.upstreamHost}: URLRewrite takes a plain host name only`, scope);
  }
  if (Object.keys(rewrite).length) filters.push({ type: 'URLRewrite', urlRewrite: rewrite });
  if (p.forwardedPrefix !== undefined) filters.push({ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'X-Forwarded-Prefix', value: p.forwardedPrefix }] } });
  const refs: Yaml[] = [];
  const main = backendRef(backend, canary ? canary.total - canary.weight : undefined);
  if (!main) {
    lose(origin, `backend ${backend.service} names port ${backend.portName ?? '?'} of a Service not in the input: a backendRef needs the port number`, scope);
    return { matches: [match] };
  }
  if (!canary || canary.total - canary.weight > 0) refs.push(main);
  if (canary) {
    const ref = backendRef(canary.backend, canary.weight);
    if (ref) refs.push(ref);
    else lose(origin, `canary backend ${canary.backend.service} names a port of a Service not in the input`, scope);
  }
  return { matches: [match], ...(filters.length ? { filters } : {}), backendRefs: refs };
}

const GRPC_SERVICE = /^[A-Za-z_][A-Za-z_0-9]*(\.[A-Za-z_][A-Za-z_0-9]*)*$/;
const GRPC_METHOD = /^[A-Za-z_][A-Za-z_0-9]*$/;

/** The gRPC method match an Ingress path stands for: "/" any, Prefix /SERVICE, Exact /SERVICE/METHOD; null when none does. */
function grpcMethod(r: Route): Yaml | undefined | null {
  const { kind, value } = r.match;
  if (kind === 'Prefix' && value.replace(/\/+$/, '') === '') return undefined;
  const parts = value.replace(/\/+$/, '').split('/').slice(1);
  if (kind === 'Prefix' && parts.length === 1 && GRPC_SERVICE.test(parts[0])) return { type: 'Exact', service: parts[0] };
  if (kind === 'Exact' && parts.length === 2 && GRPC_SERVICE.test(parts[0]) && GRPC_METHOD.test(parts[1])) return { type: 'Exact', service: parts[0], method: parts[1] };
  return null;
}

/** A host all of whose routes go to gRPC backends, with paths that name services or methods: its method matches, else undefined. */
function grpcHost(v: VirtualHost, catchAll: boolean): Map<Route, Yaml | undefined> | undefined {
  if (!v.routes.length || v.appRoot || v.defaultBackend) return undefined;
  // the catch-all answers paths no route matched: it is an HTTP backend, which a GRPCRoute of this host would shadow
  if (catchAll && !v.routes.some((r) => r.match.kind === 'Prefix' && r.match.value.replace(/\/+$/, '') === '')) return undefined;
  const out = new Map<Route, Yaml | undefined>();
  for (const r of v.routes) {
    if (r.backend.protocol !== 'grpc' || (r.canary && r.canary.backend.protocol !== 'grpc') || r.conditions) return undefined;
    const m = grpcMethod(r);
    if (m === null) return undefined;
    out.set(r, m);
  }
  return out;
}

/** GRPCRoutes for a gRPC host: on its HTTPS listener (and the HTTP one when nothing redirects), else on the HTTP listener. */
function grpcRoutesOf(v: VirtualHost, methods: Map<Route, Yaml | undefined>, https: string | undefined, gwRef: (s: string) => Yaml, lose: Lose, base: string): Yaml[] {
  const byNs = new Map<string, Rule[]>();
  let redirects = false;
  for (const r of v.routes) {
    const p = r.policy;
    if ((v.tls && p.sslRedirect) || p.forceSslRedirect) redirects = true;
    const what = [r.filters?.redirect?.fixed?.annotation, r.filters?.rewrite && 'rewrite-target', p.upstreamHost !== undefined && 'upstream-vhost', p.cors && 'enable-cors', p.denied && 'a closed route'].filter(Boolean);
    if (what.length) lose(r.origin, `${what.join(', ')}: a GRPCRoute has no such filter; not applied`, { host: v.host });
    const method = methods.get(r);
    const f = r.canary && canaryFeatures(r, r.canary);
    const rules = byNs.get(r.origin.namespace) ?? [];
    const match = (headers?: Yaml[]): Yaml => ({ ...(method ? { method } : {}), ...(headers ? { headers } : {}) });
    const filters: Rule = p.forwardedPrefix !== undefined ? { filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'X-Forwarded-Prefix', value: p.forwardedPrefix }] } }] } : {};
    const to = (b: Backend, weight?: number) => backendRef(b, weight);
    const one = (headers: Yaml[] | undefined, refs: (Yaml | undefined)[]) => {
      if (refs.some((x) => !x)) lose(r.origin, `backend ${r.backend.service} names a port of a Service not in the input: a backendRef needs the port number`, { host: v.host });
      else rules.push({ matches: [match(headers)], ...filters, backendRefs: refs as Yaml[] });
    };
    for (const s of f?.siblings ?? []) one(headerMatches(s.conditions!, f!.names), [to(s.backend)]);
    const share = f && canaryShare(r, f);
    if (share) one(undefined, [...(share.total - share.weight > 0 ? [to(r.backend, share.total - share.weight)] : []), to(share.backend, share.weight)]);
    else one(undefined, [to(r.backend)]);
    byNs.set(r.origin.namespace, rules);
  }
  const parents = https ? (redirects ? [gwRef(https)] : [gwRef('http'), gwRef(https)]) : [gwRef('http')];
  if (https && redirects) lose(v.routes[0].origin, `plain HTTP to gRPC host ${v.host} was answered with a 308 redirect; a GRPCRoute cannot redirect, so it is attached to the HTTPS listener only`, { host: v.host, scheme: 'http' });
  const out: Yaml[] = [];
  for (const [ns, rules] of [...byNs].sort((a, b) => a[0].localeCompare(b[0]))) {
    const chunks = Math.ceil(rules.length / MAX_RULES);
    for (let i = 0; i < chunks; i++) {
      const name = chunks > 1 ? `${base}-grpc-${String(i).padStart(2, '0')}` : `${base}-grpc`;
      out.push({ apiVersion: API, kind: 'GRPCRoute', metadata: { name, namespace: ns }, spec: { parentRefs: parents, ...(v.host ? { hostnames: [v.host] } : {}), rules: rules.slice(i * MAX_RULES, (i + 1) * MAX_RULES) } });
    }
  }
  return out;
}
