// match: a request → the route it takes, and why. The one matcher `explain`, `test`
// and `serve` share, so they cannot disagree. The order of the checks after the route is
// found is RoutePolicy's (src/model/policy.ts): ingress-nginx's nginx phase order.
import { effectiveBackend, redirectsToHttps } from './decisions.js';
import { authRefusal, sourceRefusal } from './access.js';
import { canaryFeatures, type CanaryFeatures } from './canary-features.js';
import { allowedOrigin, corsHeaders } from './cors.js';
import { requestHost, wildcardFor } from './hosts.js';
import { canonicalizePath, matchExact, matchPrefix, matchStringPrefix, trimTrailingSlash } from './path.js';
import type { RoutePolicy } from './policy.js';
import { pathRegexTest } from './regex.js';
import type { PatternTest } from '../gateway/linear-regex.js';
import type { Backend, HeaderModifier, HostRedirect, Origin, RedirectFilter, Route, RouteFilters, RouteModel, VirtualHost } from './types.js';
import { fixedLocation } from './redirect.js';
import { redirectLocation } from '../gateway/filters-apply.js';
import { conditionMismatch, conditionsHold, conditionsMet, drawnWords, gatewayDecision, gatewayRegex, pickWeighted } from '../gateway/decide.js';
import { whyFirst } from '../gateway/precedence.js';

export interface Request {
  scheme: 'http' | 'https';
  /** the Host header (or the URL's authority) */
  host: string;
  /** request target: path and query, as sent */
  target: string;
  method?: string;
  /** lower-case names */
  headers?: Record<string, string>;
  /** the client's address; without it source ranges are not checked (explain lists them) */
  clientIp?: string;
}

export interface Candidate {
  route: Route;
  matched: boolean;
  /** why it lost (or won) */
  reason: string;
}

export type RedirectStatus = 301 | 302 | 303 | 307 | 308;

/** Why a redirect: the HTTPS redirect, from-to-www-redirect, app-root, permanent-/temporal-redirect, or a Gateway API RequestRedirect filter. */
export type RedirectKind = 'https' | 'www' | 'app-root' | 'annotation' | 'filter';

/** What the upstream receives after a Gateway API rule's filters: path (with query), Host, headers (lower-case names). */
export interface UpstreamRequest {
  path: string;
  host: string;
  headers: Record<string, string>;
}

interface Common {
  reason: string;
  candidates: Candidate[];
  /** headers the answer carries (CORS), whatever it is */
  headers?: Record<string, string>;
  /** the policy of what answers (a route or a default backend), once one is chosen */
  policy?: RoutePolicy;
}

export type Decision =
  | ({ status: 400 } & Common)
  /** filter: the redirect filter that answered (permanent-/temporal-redirect, RequestRedirect) */
  | ({ status: RedirectStatus; redirect: RedirectKind; location: string; vhost?: VirtualHost; route?: Route; filter?: RedirectFilter } & Common)
  /** a CORS preflight answered by the proxy */
  | ({ status: 204; preflight: true; vhost?: VirtualHost; route?: Route; path: string } & Common)
  | ({
      status: 200;
      backend: Backend;
      route?: Route;
      vhost?: VirtualHost;
      via: 'route' | 'host-default' | 'catch-all';
      path: string;
      /** the canary decided (by header, cookie or a weight drawn), when the route has one */
      canary?: { to: 'canary' | 'main'; reason: string };
      /** undecided: `share` of the requests go to `backend` of the canary at random, the rest to `backend` */
      split?: { canary: Backend; weight: number; total: number; reason: string };
      /** Gateway API: the request as the upstream receives it, after the filters */
      upstream?: UpstreamRequest;
      /** Gateway API: ResponseHeaderModifiers to apply to the upstream's answer, in order */
      responseHeaders?: HeaderModifier[];
      /** Gateway API, undecided: weighted backendRefs (an invalid one answers 500 for its share) */
      weights?: { backend?: Backend; invalid?: string; weight: number }[];
    } & Common)
  | ({ status: 401; realm: string; vhost?: VirtualHost; route?: Route; path: string } & Common)
  | ({ status: 403; vhost?: VirtualHost; route?: Route; path: string } & Common)
  | ({ status: 404; vhost?: VirtualHost; path: string } & Common)
  /** denied: an annotation guarding access could not be applied; else the backend has nowhere to go */
  | ({ status: 503; denied?: true; route?: Route; vhost?: VirtualHost; path: string } & Common)
  /** Gateway API: a rule with nothing to send to, or an invalid backendRef's share */
  | ({ status: 500; route?: Route; vhost?: VirtualHost; path: string } & Common)
  /** Gateway API: an HTTPS connection whose SNI chose another listener than the Host names */
  | ({ status: 421 } & Common);

export interface MatchOptions {
  httpsPort?: number;
  /** decides canary weights (serve: Math.random); without it a weighted canary is reported as a split */
  random?: () => number;
}

export function isRedirect(d: Decision): d is Extract<Decision, { redirect: RedirectKind }> {
  return 'redirect' in d;
}

/**
 * The routes of a virtual host without regex routes, looked up by path instead of tried in
 * turn: the Exact routes by their path, the Prefix routes by their path without the trailing
 * slash; each key holds its first route's position in vhost.routes. A request path can only
 * match the Exact route of its own path and the Prefix routes of its ancestors (each "/"
 * boundary, and the root), so the first match is the lowest position among those: the same
 * route the scan in precedence order finds, at a cost that does not grow with the routes.
 */
interface RouteIndex {
  exact: Map<string, number>;
  prefix: Map<string, number>;
  /** the lengths of the prefix keys: an ancestor of another length cannot be one */
  prefixLengths: Set<number>;
}

function indexRoutes(routes: readonly Route[]): RouteIndex | undefined {
  const index: RouteIndex = { exact: new Map(), prefix: new Map(), prefixLengths: new Set() };
  for (let i = 0; i < routes.length; i++) {
    const { kind, value } = routes[i].match;
    // regex and string-prefix (--compat ingress-nginx) routes, and routes with conditions, are tried in turn
    if ((kind !== 'Exact' && kind !== 'Prefix') || routes[i].conditions) return undefined;
    const map = kind === 'Exact' ? index.exact : index.prefix;
    const key = kind === 'Exact' ? value : trimTrailingSlash(value);
    if (!map.has(key)) map.set(key, i);
    if (kind === 'Prefix') index.prefixLengths.add(key.length);
  }
  return index;
}

/** The position of the first route of `index` that matches `path` (a canonical path), or -1. */
function firstIndexed(index: RouteIndex, path: string): number {
  let best = index.exact.get(path) ?? -1;
  const { prefix, prefixLengths } = index;
  const consider = (length: number) => {
    if (!prefixLengths.has(length)) return;
    const i = prefix.get(length === path.length ? path : path.slice(0, length));
    if (i !== undefined && (best === -1 || i < best)) best = i;
  };
  consider(0); // "/" and every Prefix path made only of slashes
  for (let at = path.indexOf('/', 1); at !== -1; at = path.indexOf('/', at + 1)) consider(at);
  consider(path.length);
  return best;
}

/** Compiled lookups for one model: built once (per model swap in serve), reused for every request. */
export class Matcher {
  private readonly exact = new Map<string, VirtualHost>();
  private readonly wildcard = new Map<string, VirtualHost>();
  private readonly redirects = new Map<string, HostRedirect>();
  private readonly any?: VirtualHost;
  private readonly regexes = new Map<Route, PatternTest>();
  /** per virtual host without regex routes (the scan remains for those with them, and for explain) */
  private readonly indexes = new Map<VirtualHost, RouteIndex>();
  /** a canary'd route's canary as the features that decide it (src/model/canary-features.ts) */
  private readonly canaries = new Map<Route, CanaryFeatures>();

  constructor(
    readonly model: RouteModel,
    private readonly options: MatchOptions = {},
  ) {
    let any: VirtualHost | undefined;
    for (const v of model.hosts) {
      if (v.kind === 'exact') this.exact.set(v.host, v);
      else if (v.kind === 'wildcard') this.wildcard.set(v.host, v);
      else any = v;
      for (const r of v.routes) if (r.match.kind === 'Regex') this.regexes.set(r, pathRegexTest(r.match.value));
      for (const r of v.routes) if (r.match.kind === 'RegularExpression') this.regexes.set(r, gatewayRegex(r.match.value));
      for (const r of v.routes) if (r.canary) this.canaries.set(r, canaryFeatures(r, r.canary));
      const index = indexRoutes(v.routes);
      if (index) this.indexes.set(v, index);
    }
    for (const r of model.hostRedirects ?? []) this.redirects.set(r.host, r);
    this.any = any;
  }

  /** Virtual host first: exact, else the one-label wildcard, else the host-less rules. */
  virtualHost(host: string): VirtualHost | undefined {
    const exact = this.exact.get(host);
    if (exact) return exact;
    if (this.model.gatewayListener) {
      // Gateway API: a wildcard stands for one or more labels; the longest suffix is the most specific
      for (let dot = host.indexOf('.'); dot > 0; dot = host.indexOf('.', dot + 1)) {
        const v = this.wildcard.get('*' + host.slice(dot));
        if (v) return v;
      }
      return this.any;
    }
    const w = wildcardFor(host);
    return (w && this.wildcard.get(w)) || this.any;
  }

  routeMatches(route: Route, path: string, req?: Request): boolean {
    // without a request only the path is judged (explain's reasons)
    if (route.conditions && req && !conditionsHold(route.conditions, req)) return false;
    switch (route.match.kind) {
      case 'Exact':
        return matchExact(route.match.value, path);
      case 'Prefix':
        return matchPrefix(route.match.value, path);
      case 'StringPrefix':
        return matchStringPrefix(route.match.value, path);
      case 'Regex':
      case 'RegularExpression':
        return this.regexes.get(route)!.test(path);
    }
  }

  match(req: Request, explain = false): Decision {
    const candidates: Candidate[] = [];
    const host = requestHost(req.host);
    if (host === undefined) return { status: 400, reason: `the Host ${JSON.stringify(req.host)} is not a valid host name`, candidates };
    const canon = canonicalizePath(req.target);
    if (!canon.ok) return { status: 400, reason: `the path is refused: ${canon.reason}`, candidates };
    const path = canon.path;
    const q = req.target.indexOf('?');
    const query = q === -1 ? '' : req.target.slice(q);

    const www = this.exact.has(host) ? undefined : this.redirects.get(host);
    if (www) {
      return { status: www.code, redirect: 'www', location: `${req.scheme}://${www.to}${path}${query}`, reason: `host ${host} is redirected to ${www.to} (from-to-www-redirect of Ingress ${www.origin.namespace}/${www.origin.name})`, candidates };
    }
    const vhost = this.virtualHost(host);
    if (vhost?.appRoot && path === '/') {
      const o = vhost.appRoot.origin;
      return { status: 302, redirect: 'app-root', location: `${req.scheme}://${req.host.trim()}${vhost.appRoot.path}`, reason: `"/" on host ${host} is redirected to ${vhost.appRoot.path} (app-root of Ingress ${o.namespace}/${o.name})`, vhost, candidates };
    }

    let route: Route | undefined;
    const index = !explain && vhost ? this.indexes.get(vhost) : undefined;
    if (index) {
      const i = firstIndexed(index, path);
      if (i !== -1) route = vhost!.routes[i];
    } else if (vhost) {
      for (const r of vhost.routes) {
        const ok = this.routeMatches(r, path, req);
        if (ok && !route) {
          route = r;
          if (!explain) break;
          candidates.push({ route: r, matched: true, reason: `first match in precedence order (${precedenceReason(r)})` });
        } else if (explain) {
          candidates.push({ route: r, matched: ok, reason: ok ? `also matches, but ${route!.id} takes precedence${route!.backends ? ` (${whyFirst(route!, r)})` : ''}` : mismatchReason(r, path, this.routeMatches(r, path) ? req : undefined) });
        }
      }
    }
    const hostReason = vhost ? describeVhost(vhost, host) : `${host ? `no rule names host ${host}` : 'the request names no host'} and there are no host-less rules`;

    const policy = route?.policy ?? vhost?.defaultBackend?.policy;
    if (req.scheme === 'http' && vhost && policy && redirectsToHttps(vhost, policy) && (route || vhost.defaultBackend)) {
      const port = this.options.httpsPort ?? 443;
      const authority = host.includes(':') ? host : port === 443 ? host : `${host}:${port}`;
      const location = `https://${authority}${path}${query}`;
      return { status: 308, redirect: 'https', location, reason: `${hostReason}; plain HTTP to a TLS host is redirected to HTTPS`, vhost, ...(route ? { route } : {}), candidates };
    }
    if (route) {
      const met = route.conditions ? ` (${conditionsMet(route.conditions, req)})` : '';
      return this.policyDecision(req, { vhost, route, backend: route.backend, policy: route.policy, ...(route.filters ? { filters: route.filters } : {}), via: 'route', path, candidates }, `${hostReason}; path ${path} matched ${route.id}${met}`);
    }
    if (vhost?.defaultBackend) {
      const dflt = vhost.defaultBackend;
      return this.policyDecision(req, { vhost, backend: dflt.backend, policy: dflt.policy, ...(dflt.filters ? { filters: dflt.filters } : {}), via: 'host-default', path, candidates }, `${hostReason}; no path matched ${path}, so the defaultBackend of Ingress ${dflt.origin.namespace}/${dflt.origin.name} answers`);
    }
    if (this.model.defaultBackend) {
      const all = this.model.defaultBackend;
      const o = all.origin;
      return this.policyDecision(req, { vhost, backend: all.backend, policy: all.policy, ...(all.filters ? { filters: all.filters } : {}), via: 'catch-all', path, candidates }, `${hostReason}; no path matched ${path}, so the catch-all default backend answers (${o ? `Ingress ${o.namespace}/${o.name}` : '--default-backend'})`);
    }
    return { status: 404, reason: `${hostReason}; no path matched ${path} and there is no default backend`, ...(vhost ? { vhost } : {}), path, candidates };
  }

  /**
   * A redirect filter answers: an annotation's fixed URL (permanent-/temporal-redirect), or a
   * Gateway API RequestRedirect built from the request.
   */
  private redirectDecision(req: Request, at: Target, f: RedirectFilter, why: string, cors: { headers?: Record<string, string> }): Decision {
    if (f.fixed) return { status: f.statusCode, redirect: 'annotation', location: fixedLocation(f), filter: f, reason: `${why}; ${f.fixed.annotation} answers every request`, ...located(at), ...cors };
    const q = req.target.indexOf('?');
    const query = q === -1 ? '' : req.target.slice(q).replace(/#.*$/, '');
    const host = (req.host.trim().replace(/:\d*$/, '') || '').toLowerCase();
    const listenerPort = this.model.gatewayListener?.port ?? (req.scheme === 'https' ? 443 : 80);
    const location = redirectLocation(f, at.route!, { scheme: req.scheme, host, path: at.path, query }, listenerPort);
    return { status: f.statusCode, redirect: 'filter', location, filter: f, reason: `${why}; its RequestRedirect filter answers ${f.statusCode}`, ...located(at), ...cors };
  }

  /**
   * A canary'd route decided by its features, as a Gateway API route is: the first sibling
   * whose conditions hold (header, then cookie), else the weighted backends drawn as
   * backendRefs are; without `random` a draw stays a split.
   */
  private canaryChoice(route: Route, f: CanaryFeatures, req: Request): CanaryChoice {
    const held = f.siblings.find((s) => conditionsHold(s.conditions!, req));
    if (held) {
      const who = answering(route, held.origin);
      const words = conditionsMet(held.conditions!, req, f.names);
      return { canary: { to: who.to, reason: words }, backend: held.backend, reason: `; ${words}, so ${who.text} answers` };
    }
    const pick = pickWeighted(f.backends, this.options.random);
    if (pick.chosen) {
      const who = answering(route, pick.chosen.origin);
      const words = pick.drawn ? drawnWords(pick.chosen.weight, pick.total) : `weight ${pick.chosen.weight} of ${pick.total}`;
      return { canary: { to: who.to, reason: words }, backend: pick.chosen.backend!, reason: `; ${words}, so ${who.text} answers` };
    }
    const share = pick.positive.find((b) => b.origin !== route.origin)!;
    const who = answering(route, share.origin);
    const words = `split by weight: ${share.weight} of ${pick.total} to ${who.text}`;
    return { split: { canary: share.backend!, weight: share.weight, total: pick.total, reason: words }, reason: `; ${words}, the rest to the main backend` };
  }

  /**
   * The policy of what answers (a route, or the host's or catch-all default backend: its
   * Ingress's annotations guard it too), in RoutePolicy's order, then the backend.
   */
  private policyDecision(req: Request, at: Target, why: string): Decision {
    const { vhost, route, policy: p } = at;
    if (p.denied) return { status: 503, denied: true, reason: `${why}; but it is closed: ${p.denied}`, ...located(at) };
    const headers = req.headers ?? {};
    const origin = p.cors ? allowedOrigin(p.cors, headers.origin) : undefined;
    const cors = p.cors && origin !== undefined ? corsHeaders(p.cors, origin, headers) : undefined;
    // the rare answers below spread these; the common 200 is built without spreads (slow in an object literal, and serve matches every request)
    const withCors = () => (cors ? { headers: cors } : {});
    if (cors && (req.method ?? 'GET').toUpperCase() === 'OPTIONS') {
      return { status: 204, preflight: true, reason: `${why}; a CORS preflight (OPTIONS) for an allowed origin is answered by the proxy`, headers: cors, ...located(at) };
    }
    const redirect = at.filters?.redirect;
    if (redirect) return this.redirectDecision(req, at, redirect, why, withCors());
    if (p.sourceRanges && req.clientIp !== undefined) {
      const refused = sourceRefusal(p.sourceRanges, req.clientIp);
      if (refused) return { status: 403, reason: `${why}; but ${refused}`, ...located(at), ...withCors() };
    }
    if (p.basicAuth) {
      const refused = authRefusal(p.basicAuth, headers.authorization);
      if (refused) return { status: 401, realm: p.basicAuth.realm, reason: `${why}; but authentication failed: ${refused}`, ...located(at), headers: { ...cors, 'www-authenticate': `Basic realm="${p.basicAuth.realm}"` } };
    }
    if (route?.backends) return gatewayDecision(req, { ...at, route }, why, this.options.random, cors);
    let backend = at.backend;
    let reason = why;
    let split: Extract<Decision, { status: 200 }>['split'];
    let canary: Extract<Decision, { status: 200 }>['canary'];
    const features = route && this.canaries.get(route);
    if (route && features) {
      const c = this.canaryChoice(route, features, req);
      reason += c.reason;
      if (c.split) split = c.split;
      else {
        canary = c.canary;
        backend = c.backend;
      }
    }
    const reached = effectiveBackend(backend, p);
    if (backend.upstream.kind === 'unresolved') {
      if (reached === backend || !p.fallbackBackend) return { status: 503, reason: `${reason} but its backend has nowhere to go: ${backend.upstream.reason}`, ...located(at), ...withCors() };
      reason += `; its backend has nowhere to go (${backend.upstream.reason}), so default-backend ${p.fallbackBackend.service} answers`;
      backend = reached;
    }
    const ok: Extract<Decision, { status: 200 }> = { status: 200, backend, via: at.via, reason, path: at.path, candidates: at.candidates, policy: p };
    if (vhost) ok.vhost = vhost;
    if (route) ok.route = route;
    if (split) ok.split = split;
    if (canary) ok.canary = canary;
    if (cors) ok.headers = cors;
    return ok;
  }
}

type CanaryChoice = { reason: string } & ({ split: NonNullable<Extract<Decision, { status: 200 }>['split']>; canary?: undefined } | { split?: undefined; canary: NonNullable<Extract<Decision, { status: 200 }>['canary']>; backend: Backend });

/** Who answers a canary'd route when the feature from Ingress `o` decides: the route's own Ingress (main) or the canary's. */
function answering(route: Route, o: Origin): { to: 'canary' | 'main'; text: string } {
  return o === route.origin ? { to: 'main', text: 'the main backend' } : { to: 'canary', text: `the canary Ingress ${o.namespace}/${o.name}` };
}

/** The parts of a decision that say where it was taken; vhost and route only when there are. */
function located(at: Target): { vhost?: VirtualHost; route?: Route; path: string; candidates: Candidate[]; policy: RoutePolicy } {
  const b: ReturnType<typeof located> = { path: at.path, candidates: at.candidates, policy: at.policy };
  if (at.vhost) b.vhost = at.vhost;
  if (at.route) b.route = at.route;
  return b;
}

/** What answers a request once the virtual host and path are known. */
export interface Target {
  vhost?: VirtualHost;
  route?: Route;
  backend: Backend;
  policy: RoutePolicy;
  /** the route's (or the default backend's Ingress's) filters */
  filters?: RouteFilters;
  via: 'route' | 'host-default' | 'catch-all';
  path: string;
  candidates: Candidate[];
}

function describeVhost(v: VirtualHost, host: string): string {
  if (v.kind === 'exact') return `host ${host} matched its rule exactly`;
  if (v.kind === 'wildcard') return `host ${host} matched wildcard ${v.host}`;
  return `host ${host} has no rule of its own, so the host-less rules apply`;
}

function precedenceReason(r: Route): string {
  if (r.match.kind === 'RegularExpression') return `RegularExpression ${r.match.value}, after every Exact and PathPrefix route, in route order`;
  return r.match.kind === 'Regex' ? 'regex, ordered by path length' : `${r.match.kind} ${r.match.value}`;
}

/** `req` when the path matched: then the route's conditions failed. */
function mismatchReason(r: Route, path: string, req?: Request): string {
  const unmet = r.conditions && req ? conditionMismatch(r.conditions, req) : undefined;
  if (unmet) return unmet;
  switch (r.match.kind) {
    case 'Exact':
      return `Exact ${r.match.value} requires the path to be exactly ${r.match.value}`;
    case 'Prefix':
      return `Prefix ${r.match.value} matches whole path segments only; ${path} is not ${r.match.value} or below it`;
    case 'StringPrefix':
      return `plain string prefix ${r.match.value} (ingress-nginx's ImplementationSpecific): ${path} does not start with it`;
    case 'Regex':
      return `regex ^${r.match.value} (case-insensitive) does not match ${path}`;
    case 'RegularExpression':
      return `RegularExpression ${r.match.value} (whole path, case-sensitive) does not match ${path}`;
  }
}
