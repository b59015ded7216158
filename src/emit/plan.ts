// The per-target plan: what the nginx, HAProxy and Envoy emitters all decide from the
// model, decided once, before any of them writes a line: for each place a request can end
// (a route, a host's default backend, the catch-all) the HTTPS redirect, the backend it
// really reaches (default-backend), the affinity cookie, and the header values the target
// copies (upstream-vhost, x-forwarded-prefix, the fixed redirect filter's Location, app-root), each validated again here (src/model/
// validate-values.ts) so that a value that bypassed the model is refused, with a finding
// at its annotation, instead of reaching a configuration; plus the listen address.
// serve takes the same decisions through the Matcher (src/model/decisions.ts, affinity.ts).
import { isIP } from 'node:net';
import { affinityPath } from '../model/affinity.js';
import { effectiveBackend, redirectsToHttps } from '../model/decisions.js';
import type { Finding } from '../findings/finding.js';
import { annotationOrigin } from '../model/origin.js';
import type { RoutePolicy } from '../model/policy.js';
import { headerValues, type HeaderValues } from '../model/header-values.js';
import type { Backend, Canary, GatewayListener, Origin, PathModifier, RedirectFilter, Route, RouteFilters, RouteModel, VirtualHost } from '../model/types.js';
import { checkFixedRedirect } from '../model/redirect.js';
import { literalRewriteRegex } from '../model/rewrite.js';
import { headerValueProblem, isCookieName, isDnsName, isHeaderName, isPlainPath, isRedirectCode, isUrlPath, listenAddressProblem } from '../model/validate-values.js';
import { targetFinding } from './target-findings.js';
import { redirectSchemePort } from '../gateway/filters-apply.js';
import type { EmitOptions, Target } from './types.js';

export interface AffinityDecision {
  cookieName: string;
  /** the cookie's Path (the model's, src/model/affinity.ts) */
  path: string;
  /** seconds; none: a session cookie */
  maxAge?: number;
}

export type { HeaderValues };

export interface PlannedDecision {
  kind: 'route' | 'host-default' | 'catch-all';
  vhost?: VirtualHost;
  route?: Route;
  /** the backend as the model names it */
  backend: Backend;
  /** the backend requests reach (default-backend applied) */
  reaches: Backend;
  /**
   * The route's canary as ingress-nginx's annotations describe it (header, cookie, weight):
   * what the targets that write a canary their own way (maps and split_clients, ACL
   * variables, weighted clusters and services) need. Emitters read it here, not on the route.
   */
  canary?: Canary;
  /** the canary's backend as requests reach it */
  canaryReaches?: Backend;
  policy: RoutePolicy;
  /** plain HTTP is redirected to HTTPS (308) */
  httpsRedirect: boolean;
  /**
   * rewrite-target, from the route's rewrite filter: the replacement ingress-nginx's `rewrite`
   * writes over the whole path ($1…$9 from the route's regex). A ReplaceFullPath and the
   * model's RegexRewrite are the same text here: the model made it a ReplaceFullPath only
   * where the two agree (src/model/rewrite.ts).
   */
  rewriteTarget?: string;
  /**
   * With rewriteTarget on a route that is not a regex route: the regex ingress-nginx's rewrite
   * matches, when it does not match every path the route takes (a Prefix path with a trailing
   * slash leaves the path without it unrewritten); a target writes the rewrite as for a regex
   * route with this pattern
   */
  rewriteRegex?: string;
  affinity?: AffinityDecision;
  headers: HeaderValues;
  origin?: Origin;
}

export interface TargetPlan {
  target: Target;
  /** --listen-address, checked: an IP address, or undefined for every address */
  listenAddress?: string;
  /** every route's decision (made from hostRoutes when first read: nginx reads hostRoutes only) */
  readonly routes: Map<Route, PlannedDecision>;
  /** the decisions of each host's routes, in the order of model.hosts and of each host's routes */
  hostRoutes: (readonly PlannedDecision[])[];
  hostDefaults: Map<VirtualHost, PlannedDecision>;
  catchAll?: PlannedDecision;
  /** app-root of a host: the path "/" is redirected to (validated; a refused one is absent, with a finding) */
  appRoots: Map<VirtualHost, string>;
  findings: Finding[];
}

export function planTarget(model: RouteModel, target: Target, options: Pick<EmitOptions, 'listenAddress'>): TargetPlan {
  const findings: Finding[] = [];
  const hostRoutes: PlannedDecision[][] = [];
  let byRoute: Map<Route, PlannedDecision> | undefined;
  const plan: TargetPlan = {
    target,
    get routes() {
      // a map of 100,000 routes costs more to fill than to look up: made for the emitters that ask
      if (!byRoute) {
        byRoute = new Map();
        for (const decisions of hostRoutes) for (const d of decisions) byRoute.set(d.route!, d);
      }
      return byRoute;
    },
    hostRoutes,
    hostDefaults: new Map(),
    appRoots: new Map(),
    findings,
  };
  const listen = planListenAddress(target, options.listenAddress);
  findings.push(...listen.findings);
  if (listen.address !== undefined) plan.listenAddress = listen.address;
  // one finding per refused value of an Ingress, however many of its routes carry it
  const reported = new Set<string>();
  const refuse = (origin: Origin | undefined, annotation: string, message: string) => {
    const at = origin && annotationOrigin(origin, annotation);
    const key = `${at?.file}:${at?.line}:${annotation}`;
    if (reported.has(key)) return;
    reported.add(key);
    findings.push(targetFinding(target, 'target-unsafe-value', 'error', at, message));
  };
  // the routes of an Ingress share one policy object: its header values looked up once
  const headersOf = new Map<RoutePolicy, ReturnType<typeof headerValues>>();
  const decide = (kind: PlannedDecision['kind'], backend: Backend, policy: RoutePolicy, filters: RouteFilters | undefined, origin: Origin | undefined, vhost?: VirtualHost, route?: Route): PlannedDecision => {
    // in the order the findings were always reported: affinity, header values, redirect
    const a = policy.affinity;
    let affinity: AffinityDecision | undefined;
    if (a) {
      if (isCookieName(a.cookieName)) affinity = a.maxAge !== undefined ? { cookieName: a.cookieName, path: affinityPath(a, route), maxAge: a.maxAge } : { cookieName: a.cookieName, path: affinityPath(a, route) };
      else refuse(origin, 'session-cookie-name', `session-cookie-name ${JSON.stringify(a.cookieName)} is not a cookie name; no affinity`);
    }
    // the header values of the policy: the routes of an Ingress share one policy object
    let h = headersOf.get(policy);
    if (!h) headersOf.set(policy, (h = headerValues(policy)));
    for (const r of h.refused) refuse(origin, r.annotation, r.message);
    let headers = h.values;
    // permanent-/temporal-redirect: the route's fixed redirect filter, its Location checked
    const rd = filters?.redirect;
    if (rd?.fixed) {
      const c = checkFixedRedirect(rd);
      if ('ok' in c) headers = { ...h.values, redirect: c.ok };
      else {
        headers = { ...h.values, redirectRefused: true };
        refuse(origin, rd.fixed.annotation, c.refused);
      }
    }
    const rewrite = route?.filters?.rewrite?.path;
    const canary = route?.canary;
    // one literal, every field in one order (absent ones undefined): 100,000 routes share
    // one object shape, made without closures or spreads
    return {
      kind,
      vhost,
      route,
      backend,
      reaches: effectiveBackend(backend, policy),
      canary,
      canaryReaches: canary ? effectiveBackend(canary.backend, policy) : undefined,
      policy,
      httpsRedirect: kind !== 'catch-all' && redirectsToHttps(vhost, policy),
      rewriteTarget: rewrite?.type === 'ReplaceFullPath' || rewrite?.type === 'RegexRewrite' ? rewrite.value : undefined,
      rewriteRegex: route ? literalRewriteRegex(route) : undefined,
      affinity,
      headers,
      origin,
    };
  };
  for (const v of model.hosts) {
    if (v.appRoot) {
      if (isPlainPath(v.appRoot.path)) plan.appRoots.set(v, v.appRoot.path);
      else findings.push(targetFinding(target, 'target-unsafe-value', 'error', v.appRoot.origin, `app-root ${JSON.stringify(v.appRoot.path)} is not a plain path; not rendered`));
    }
    const decisions: PlannedDecision[] = [];
    for (const r of v.routes) decisions.push(decide('route', r.backend, r.policy, r.filters, r.origin, v, r));
    hostRoutes.push(decisions);
    if (v.defaultBackend) plan.hostDefaults.set(v, decide('host-default', v.defaultBackend.backend, v.defaultBackend.policy, v.defaultBackend.filters, v.defaultBackend.origin, v));
  }
  const c = model.defaultBackend;
  if (c) plan.catchAll = decide('catch-all', c.backend, c.policy, c.filters, c.origin);
  return plan;
}

/** --listen-address checked: an IP address (brackets taken off), undefined for every address; a refused one is reported and 127.0.0.1 used. */
export function planListenAddress(target: Target, address: string | undefined): { address?: string; findings: Finding[] } {
  if (address === undefined || address === '' || address === '*') return { findings: [] };
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  const problem = listenAddressProblem(bare);
  if (problem) return { address: '127.0.0.1', findings: [targetFinding(target, 'target-unsafe-value', 'error', undefined, `${problem}; 127.0.0.1 is used`, { hint: 'Give an IPv4 or IPv6 address.' })] };
  return isIP(bare) === 4 && bare === '0.0.0.0' ? { findings: [] } : { address: bare, findings: [] };
}

/** The decision for a route (or, without one, for the host's default backend, else the catch-all). */
export function decisionOf(plan: TargetPlan, vhost: VirtualHost | undefined, route: Route | undefined): PlannedDecision | undefined {
  if (route) return plan.routes.get(route);
  if (vhost?.defaultBackend) return plan.hostDefaults.get(vhost);
  return plan.catchAll;
}

// ---- Gateway API ----

/** A RequestRedirect as every target writes it: the scheme, host and port of the Location decided once. */
export interface PlannedGatewayRedirect {
  scheme: 'http' | 'https';
  /** the filter's hostname (checked); absent: the request's host */
  hostname?: string;
  /** absent: the scheme's well-known port, left out of the Location */
  port?: number;
  path?: PathModifier;
  statusCode: number;
  /** why the redirect cannot be written (a value that bypassed the model's checks); the route answers 500 */
  problem?: string;
}

/**
 * The spec's defaults: the scheme of the listener when none is given; the port given, else
 * the scheme's well-known port when a scheme is given, else the listener's port; a port
 * that is the scheme's well-known one is left out of the Location.
 */
export function planGatewayRedirect(r: RedirectFilter, l: Pick<GatewayListener, 'port' | 'protocol'>): PlannedGatewayRedirect {
  // the same decision the model (and so serve, explain, test) takes: src/gateway/filters-apply.ts
  const { scheme, port } = redirectSchemePort(r, l.protocol === 'HTTPS' ? 'https' : 'http', l.port);
  const out: PlannedGatewayRedirect = { scheme, statusCode: r.statusCode, ...(port !== undefined ? { port } : {}), ...(r.path ? { path: r.path } : {}), ...(r.hostname ? { hostname: r.hostname } : {}) };
  if (r.hostname !== undefined && !isDnsName(r.hostname)) out.problem = `redirect hostname ${JSON.stringify(r.hostname)} is not a DNS name`;
  else if (r.path && !isUrlPath(r.path.value)) out.problem = `redirect path ${JSON.stringify(r.path.value)} is not a URL path`;
  else if (!isRedirectCode(r.statusCode)) out.problem = `redirect status ${r.statusCode} is not a redirect status`;
  else if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) out.problem = `redirect port ${port} is not a port number`;
  return out;
}

/** A URLRewrite hostname or header value, checked again before a target writes it. */
export function gatewayValueProblem(kind: 'hostname' | 'path' | 'header-name' | 'header-value', value: string): string | undefined {
  if (kind === 'hostname') return isDnsName(value) ? undefined : `hostname ${JSON.stringify(value)} is not a DNS name`;
  if (kind === 'path') return isUrlPath(value) ? undefined : `path ${JSON.stringify(value)} is not a URL path`;
  if (kind === 'header-name') return isHeaderName(value) ? undefined : `header name ${JSON.stringify(value)} is not letters, digits and "-"`;
  const p = headerValueProblem(value);
  return p ? `header value ${JSON.stringify(value)}: ${p}` : undefined;
}
