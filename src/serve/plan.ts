// What serve does with one request: the model's Matcher decides (route, redirects, CORS
// preflight, source ranges, basic auth, canary), then, in nginx's order, serve adds what
// only a running proxy can do: the body limit (413) once a route is chosen, the rate
// limits (503) before access checks, and the affinity endpoint.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { affinityCookie } from '../model/affinity.js';
import { formatBackend } from '../model/backends.js';
import { cookieValue } from '../model/cookie.js';
import { isRedirect, type Decision, type Matcher } from '../model/match.js';
import type { CookieAffinity, RoutePolicy } from '../model/policy.js';
import { upstreamPath } from '../model/rewrite.js';
import type { Backend, Endpoint, Route, RouteModel } from '../model/types.js';
import { catchAllLabel, hostDefaultLabel, routeLabel as labelOf } from '../model/route-label.js';
import { declaredTooLarge } from './body-limit.js';
import { ROUTE_HEADER, type Exchange } from './exchange.js';
import { fieldProblem, policyRefusals } from './checked-headers.js';
import { headerSafe, headerValueProblem } from '../model/validate-values.js';
import { checkFixedRedirect } from '../model/redirect.js';
import type { UpstreamPool, UpstreamTarget } from './proxy.js';
import type { RateLimits } from './rate-limit.js';

/** What a decision asks for: an answer from serve itself, the echo backend, or a real upstream. */
export type Plan =
  | { to: 'self'; status: number; text: string; headers?: Record<string, string> }
  /** a preflight: no body at all */
  | { to: 'empty'; status: 204 }
  | { to: 'too-large'; limit: number }
  | { to: 'echo'; backend: Backend; path: string; policy: RoutePolicy; endpoint?: Endpoint }
  | { to: 'upstream'; target: UpstreamTarget; path: string; policy: RoutePolicy };

export interface PlanContext {
  /** the model's Matcher, or a Gateway listener port's (src/gateway/serve.ts) */
  matcher: Pick<Matcher, 'match' | 'model'>;
  pool: UpstreamPool;
  limits: RateLimits;
  echo: boolean;
}

/** Header values as the Matcher reads them: one string each (repeated headers joined as HTTP joins them). */
function flat(headers: IncomingHttpHeaders): Record<string, string> {
  // HTTP/1.x: Node already joined repeated fields into one string, all but Set-Cookie (and
  // a request has no pseudo-headers): the object is used as it is, not copied per request
  if (headers[':method'] === undefined && headers['set-cookie'] === undefined) return headers as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !k.startsWith(':')) out[k] = Array.isArray(v) ? v.join(k === 'cookie' ? '; ' : ', ') : v;
  return out;
}

export function planRequest(ctx: PlanContext, ex: Exchange): Plan {
  const target = ex.req.url ?? '/';
  const model = ctx.matcher.model;
  const d = ctx.matcher.match({ scheme: ex.client.scheme, host: ex.client.host, target, method: ex.req.method, headers: flat(ex.req.headers), clientIp: ex.client.ip });
  if ('route' in d && d.route) {
    const known = knownRoute(d.route);
    ex.route = known.label;
    if (known.header !== undefined) ex.routeValue = known.header;
  } else ex.route = routeLabel(d, model);
  if (d.headers) ex.extraHeaders = { ...d.headers };
  const policy = d.policy;
  // values of the route that will not be written: named once in serve's log
  const where = ex.route ?? (isRedirect(d) ? `${d.redirect} redirect of ${d.vhost?.host ?? ex.client.host.toLowerCase()}` : undefined);
  if (policy && ex.refusals) for (const [name, problem] of policyRefusals(policy)) ex.refusals.report(where, name, problem);
  // nginx checks client_max_body_size as soon as the location is chosen: before anything in it
  if (policy && locationDecision(d) && declaredTooLarge(ex.req.headers, policy.bodySizeLimit)) return { to: 'too-large', limit: policy.bodySizeLimit };
  if (isRedirect(d)) {
    // a redirect URL every target refuses (src/model/redirect.ts) closes the route here too, as
    // does a Location of any other redirect that a manifest's value makes no header text
    const fixed = d.redirect === 'annotation' && d.filter ? checkFixedRedirect(d.filter) : undefined;
    const refused = fixed && 'refused' in fixed ? fixed.refused : locationRefused(d.location, ex);
    if (refused) {
      ex.refusals?.report(where, 'location', refused);
      return { to: 'self', status: 503, text: '503 Service Unavailable: the redirect of this route cannot be written as a Location' };
    }
    // the client's own text in a Location (its Host, its path) is percent-encoded where it is no header text
    return { to: 'self', status: d.status, text: `${d.status} Redirect to ${d.location}`, headers: { location: headerSafe(d.location) } };
  }
  if (d.status === 204) return { to: 'empty', status: 204 };
  if (policy?.rateLimit && (d.status === 200 || d.status === 401 || d.status === 403 || (d.status === 503 && !d.denied))) {
    const refused = admit(ctx.limits, policy, ex);
    if (refused) return refused;
  }
  switch (d.status) {
    case 400:
      return { to: 'self', status: 400, text: `400 Bad Request: ${d.reason}` };
    case 401:
      return { to: 'self', status: 401, text: `401 Unauthorized: ${d.reason}` };
    case 403:
      return { to: 'self', status: 403, text: `403 Forbidden: ${d.reason}` };
    case 404:
      return { to: 'self', status: 404, text: `404 Not Found: no Ingress rule answers ${ex.client.host}${d.path}\n${d.reason}` };
    case 503:
      return { to: 'self', status: 503, text: `503 Service Unavailable: ${d.reason}` };
    case 500:
      return { to: 'self', status: 500, text: `500 Internal Server Error: ${d.reason}` };
    case 421:
      return { to: 'self', status: 421, text: `421 Misdirected Request: ${d.reason}` };
  }
  const p = policy!;
  ex.policy = p;
  if (d.upstream) ex.upstreamRequest = d.upstream;
  if (d.responseHeaders) ex.responseModifiers = d.responseHeaders;
  const path = d.upstream ? d.upstream.path : upstreamTarget(d, target);
  const b = d.backend;
  const u = b.upstream;
  if (u.kind === 'endpoints' && u.source === 'override') {
    const endpoint = pickEndpoint(ctx.pool, b, u.endpoints, p.affinity, d.route, ex);
    return { to: 'upstream', target: { backend: b, endpoint, timeouts: p.timeouts }, path, policy: p };
  }
  if (ctx.echo) {
    // the echo backend stands for the backend: with endpoints, for the one affinity (or round robin) picks
    const endpoint = u.kind === 'endpoints' && u.endpoints.length ? pickEndpoint(ctx.pool, b, u.endpoints, p.affinity, d.route, ex) : u.kind === 'dns' && p.affinity ? pickEndpoint(ctx.pool, b, [{ ip: u.host, port: u.port }], p.affinity, d.route, ex) : undefined;
    return { to: 'echo', backend: b, path, policy: p, ...(endpoint ? { endpoint } : {}) };
  }
  const name = formatBackend(b);
  return { to: 'self', status: 503, text: `503 Service Unavailable: backend ${name} has no address here; give --upstream ${name}=HOST:PORT` };
}

/**
 * Why a redirect's Location cannot be sent, when the fault is the manifest's (an app-root
 * path, a www host, a RequestRedirect hostname or path that bypassed the model's checks):
 * a Location that is no header text although the client's Host and target are.
 */
function locationRefused(location: string, ex: Exchange): string | undefined {
  const p = headerValueProblem(location);
  if (p === undefined || headerValueProblem(ex.client.host) !== undefined || headerValueProblem(ex.req.url ?? '') !== undefined) return undefined;
  return `the redirect's Location has ${p}; the route answers 503 instead`;
}

/** Decisions nginx takes inside a location (its body limit applies): not host-level redirects, not refusals before routing. */
function locationDecision(d: Decision): boolean {
  if (isRedirect(d)) return d.redirect === 'annotation';
  return d.status !== 400 && d.status !== 404;
}

/** limit-connections, then limit-rps (ingress-nginx's order); the open request is released when its answer is done. */
function admit(limits: RateLimits, p: RoutePolicy, ex: Exchange): Plan | undefined {
  const limit = p.rateLimit!;
  const release = limits.openRequest(limit, ex.client.ip);
  if (!release) return { to: 'self', status: limit.status, text: `${limit.status} Service Unavailable: limit-connections (${limit.connections}) of Ingress ${limit.zone} reached for ${ex.client.ip}` };
  ex.res.once('close', release);
  if (!limits.takeRequest(limit, ex.client.ip)) {
    release();
    return { to: 'self', status: limit.status, text: `${limit.status} Service Unavailable: limit-rps (${limit.rps}, burst ${limit.burst}) of Ingress ${limit.zone} exceeded for ${ex.client.ip}` };
  }
  return undefined;
}

/** An endpoint's cookie value: a digest of its address, so any serve process recognises it. */
export function endpointKey(e: Endpoint): string {
  return createHash('sha256').update(`${e.ip}:${e.port}`).digest('hex').slice(0, 16);
}

/** affinity: the endpoint the cookie names, else round robin and a cookie naming the one picked. */
function pickEndpoint(pool: UpstreamPool, b: Backend, endpoints: Endpoint[], a: CookieAffinity | undefined, route: Route | undefined, ex: Exchange): Endpoint {
  if (a) {
    const wanted = cookieValue(flat(ex.req.headers).cookie, a.cookieName);
    const known = wanted === undefined ? undefined : endpoints.find((e) => endpointKey(e) === wanted);
    if (known) return known;
  }
  const e = pool.pick(b, endpoints);
  if (a) ex.extraHeaders = addCookie(ex.extraHeaders, affinityCookie(a, route, endpointKey(e), ex.client.scheme === 'https'));
  return e;
}

function addCookie(headers: OutgoingHttpHeaders | undefined, cookie: string): OutgoingHttpHeaders {
  return { ...headers, 'set-cookie': [cookie] };
}

const routeTexts = new WeakMap<Route, { label: string; header?: string }>();

/**
 * A route's label and its route-header value, made once per route (not per request): the
 * value is the label made header-safe and checked as every written field is; a value the
 * check refuses is not kept (the answer's own check then leaves the header out and reports it).
 */
function knownRoute(route: Route): { label: string; header?: string } {
  let known = routeTexts.get(route);
  if (!known) {
    const label = labelOf(route);
    const safe = headerSafe(label);
    known = fieldProblem(ROUTE_HEADER, safe) === undefined ? { label, header: safe } : { label };
    routeTexts.set(route, known);
  }
  return known;
}

/** "<namespace>/<ingress> <host><path> (<match kind>)" for the rule that answered (src/model/route-label.ts). */
export function routeLabel(d: Decision, model: RouteModel): string | undefined {
  if ('route' in d && d.route) return labelOf(d.route);
  if (d.status !== 200) return undefined;
  if (d.via === 'host-default' && d.vhost?.defaultBackend) return hostDefaultLabel(d.vhost);
  return catchAllLabel(model);
}


/** The request target the upstream receives: the model's upstream path (rewrite-target), the query kept as sent. */
function upstreamTarget(d: Extract<Decision, { status: 200 }>, target: string): string {
  const q = target.indexOf('?');
  const clientPath = q === -1 ? target : target.slice(0, q);
  const path = upstreamPath(d.route, d.path, clientPath);
  // an HTTP request target starts with "/", even when a rewrite leaves it empty
  return (path.startsWith('/') ? path : '/' + path) + (q === -1 ? '' : target.slice(q));
}
