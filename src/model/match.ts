// match: a request → the route it takes, and why. The one matcher `explain`, `test`
// and `serve` share, so they cannot disagree.
import { requestHost, wildcardFor } from './hosts.js';
import { canonicalizePath, matchExact, matchPrefix, trimTrailingSlash } from './path.js';
import { compilePathRegex } from './regex.js';
import type { Backend, Route, RouteModel, VirtualHost } from './types.js';

export interface Request {
  scheme: 'http' | 'https';
  /** the Host header (or the URL's authority) */
  host: string;
  /** request target: path and query, as sent */
  target: string;
  method?: string;
  headers?: Record<string, string>;
}

export interface Candidate {
  route: Route;
  matched: boolean;
  /** why it lost (or won) */
  reason: string;
}

export type Decision =
  | { status: 400; reason: string; candidates: Candidate[] }
  | { status: 308; location: string; reason: string; vhost: VirtualHost; route?: Route; candidates: Candidate[] }
  | { status: 200; backend: Backend; route?: Route; vhost?: VirtualHost; via: 'route' | 'host-default' | 'catch-all'; reason: string; path: string; candidates: Candidate[] }
  | { status: 404; reason: string; vhost?: VirtualHost; path: string; candidates: Candidate[] }
  | { status: 503; reason: string; route?: Route; vhost?: VirtualHost; path: string; candidates: Candidate[] };

export interface MatchOptions {
  httpsPort?: number;
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
    if (kind === 'Regex') return undefined;
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
  private readonly any?: VirtualHost;
  private readonly regexes = new Map<Route, RegExp>();
  /** per virtual host without regex routes (the scan remains for those with them, and for explain) */
  private readonly indexes = new Map<VirtualHost, RouteIndex>();

  constructor(
    readonly model: RouteModel,
    private readonly options: MatchOptions = {},
  ) {
    let any: VirtualHost | undefined;
    for (const v of model.hosts) {
      if (v.kind === 'exact') this.exact.set(v.host, v);
      else if (v.kind === 'wildcard') this.wildcard.set(v.host, v);
      else any = v;
      for (const r of v.routes) if (r.match.kind === 'Regex') this.regexes.set(r, compilePathRegex(r.match.value));
      const index = indexRoutes(v.routes);
      if (index) this.indexes.set(v, index);
    }
    this.any = any;
  }

  /** Virtual host first: exact, else the one-label wildcard, else the host-less rules. */
  virtualHost(host: string): VirtualHost | undefined {
    const exact = this.exact.get(host);
    if (exact) return exact;
    const w = wildcardFor(host);
    return (w && this.wildcard.get(w)) || this.any;
  }

  routeMatches(route: Route, path: string): boolean {
    switch (route.match.kind) {
      case 'Exact':
        return matchExact(route.match.value, path);
      case 'Prefix':
        return matchPrefix(route.match.value, path);
      case 'Regex':
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
    const vhost = this.virtualHost(host);

    let route: Route | undefined;
    const index = !explain && vhost ? this.indexes.get(vhost) : undefined;
    if (index) {
      const i = firstIndexed(index, path);
      if (i !== -1) route = vhost!.routes[i];
    } else if (vhost) {
      for (const r of vhost.routes) {
        const ok = this.routeMatches(r, path);
        if (ok && !route) {
          route = r;
          if (!explain) break;
          candidates.push({ route: r, matched: true, reason: `first match in precedence order (${precedenceReason(r)})` });
        } else if (explain) {
          candidates.push({ route: r, matched: ok, reason: ok ? `also matches, but ${route!.match.value} (${route!.match.kind}) takes precedence` : mismatchReason(r, path) });
        }
      }
    }
    const hostReason = vhost ? describeVhost(vhost, host) : `no rule names host ${host} and there are no host-less rules`;

    const policy = route?.policy ?? vhost?.defaultBackend?.policy;
    if (req.scheme === 'http' && vhost && policy && ((vhost.tls && policy.sslRedirect) || policy.forceSslRedirect) && (route || vhost.defaultBackend)) {
      const port = this.options.httpsPort ?? 443;
      const authority = host.includes(':') ? host : port === 443 ? host : `${host}:${port}`;
      const q = req.target.indexOf('?');
      const location = `https://${authority}${path}${q === -1 ? '' : req.target.slice(q)}`;
      return { status: 308, location, reason: `${hostReason}; plain HTTP to a TLS host is redirected to HTTPS`, vhost, ...(route ? { route } : {}), candidates };
    }
    if (route) {
      if (route.backend.upstream.kind === 'unresolved') return { status: 503, reason: `${hostReason}; ${route.id} matched but its backend has nowhere to go: ${route.backend.upstream.reason}`, route, vhost, path, candidates };
      return { status: 200, backend: route.backend, route, vhost, via: 'route', reason: `${hostReason}; path ${path} matched ${route.id}`, path, candidates };
    }
    if (vhost?.defaultBackend) {
      return { status: 200, backend: vhost.defaultBackend.backend, vhost, via: 'host-default', reason: `${hostReason}; no path matched ${path}, so the defaultBackend of Ingress ${vhost.defaultBackend.origin.namespace}/${vhost.defaultBackend.origin.name} answers`, path, candidates };
    }
    if (this.model.defaultBackend) {
      const o = this.model.defaultBackend.origin;
      return { status: 200, backend: this.model.defaultBackend.backend, ...(vhost ? { vhost } : {}), via: 'catch-all', reason: `${hostReason}; no path matched ${path}, so the catch-all default backend answers (${o ? `Ingress ${o.namespace}/${o.name}` : '--default-backend'})`, path, candidates };
    }
    return { status: 404, reason: `${hostReason}; no path matched ${path} and there is no default backend`, ...(vhost ? { vhost } : {}), path, candidates };
  }
}

function describeVhost(v: VirtualHost, host: string): string {
  if (v.kind === 'exact') return `host ${host} matched its rule exactly`;
  if (v.kind === 'wildcard') return `host ${host} matched wildcard ${v.host}`;
  return `host ${host} has no rule of its own, so the host-less rules apply`;
}

function precedenceReason(r: Route): string {
  return r.match.kind === 'Regex' ? 'regex, ordered by path length' : `${r.match.kind} ${r.match.value}`;
}

function mismatchReason(r: Route, path: string): string {
  switch (r.match.kind) {
    case 'Exact':
      return `Exact ${r.match.value} requires the path to be exactly ${r.match.value}`;
    case 'Prefix':
      return `Prefix ${r.match.value} matches whole path segments only; ${path} is not ${r.match.value} or below it`;
    case 'Regex':
      return `regex ^${r.match.value} (case-insensitive) does not match ${path}`;
  }
}
