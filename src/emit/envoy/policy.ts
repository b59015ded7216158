// What answers under a policy (a model route, a host's default backend, the catch-all) →
// the Envoy routes that answer it, in the Matcher's order (RoutePolicy): the HTTPS
// redirect, closed (503), the CORS preflight (204), permanent-/temporal-redirect, then
// the forwarded request, whose filters (rate limit, source ranges, basic auth) run before
// the router. One that splits by CORS origin or canary becomes several Envoy routes with
// the same path match and more header matchers, most specific first.
import { annotationOrigin } from '../../model/origin.js';
import type { Canary, Origin, Route } from '../../model/types.js';
import type { PlannedDecision } from '../plan.js';
import { basicAuthPerRoute, BASIC_AUTH_FILTER, rateLimitPerRoute, RATE_LIMIT_FILTER, rbacPerRoute, RBAC_FILTER } from './access.js';
import { canaryVariants } from './canary.js';
import { corsPlan, OPTIONS, type CorsPlan } from './cors.js';
import { forward, type Forward, type RouteContext } from './forward.js';
import { constant } from './quote.js';
import { annotationRedirect } from './redirects.js';
import type { Scheme } from './routes.js';
import type { EnvoyRoute, HeaderMatcher, RedirectAction, RouteMatch } from './types.js';

/** Plain HTTP to a TLS host (or with force-ssl-redirect) → 308 to HTTPS, as the plan decided. */
export function httpsRedirect(d: PlannedDecision, scheme: Scheme, ctx: RouteContext): RedirectAction | undefined {
  if (scheme !== 'http' || !d.httpsRedirect) return undefined;
  let r = HTTPS_REDIRECTS.get(ctx.httpsPort);
  if (!r) HTTPS_REDIRECTS.set(ctx.httpsPort, (r = constant<RedirectAction>({ https_redirect: true, response_code: 'PERMANENT_REDIRECT', ...(ctx.httpsPort !== 443 ? { port_redirect: ctx.httpsPort } : {}) })));
  return r;
}
/** by HTTPS port: the same for every route */
const HTTPS_REDIRECTS = new Map<number, RedirectAction>();

type Answer = Omit<EnvoyRoute, 'name' | 'match'>;

const withHeaders = (m: RouteMatch, extra: HeaderMatcher[]): RouteMatch => (extra.length ? { ...m, headers: [...(m.headers ?? []), ...extra] } : m);

/** What answers: a route (its canary and rewrite apply), or a default backend with its Ingress's policy. */
export interface Answerer {
  name: string;
  /** the shared plan's decision (src/emit/plan.ts) */
  decision: PlannedDecision;
  /** none for --default-backend */
  origin?: Origin;
  route?: Route;
}

export const routeAnswerer = (r: Route, ctx: RouteContext): Answerer => ({ name: r.id, decision: ctx.plan.routes.get(r)!, origin: r.origin, route: r });

export function policyRoutes(a: Answerer, match: RouteMatch, scheme: Scheme, ctx: RouteContext): EnvoyRoute[] {
  const p = a.decision.policy;
  const redirect = httpsRedirect(a.decision, scheme, ctx);
  if (redirect) return [{ name: a.name, match, redirect }];
  if (p.denied) return [{ name: `${a.name} (closed)`, match, direct_response: { status: 503 } }];
  const cors = p.cors ? corsPlan(p.cors, { values: a.origin && annotationOrigin(a.origin, 'enable-cors'), origins: a.origin && annotationOrigin(a.origin, 'cors-allow-origin') }, ctx.sink) : undefined;
  const out: EnvoyRoute[] = [];
  if (cors) out.push({ name: `${a.name} (CORS preflight)`, match: withHeaders(match, [...cors.when, OPTIONS]), direct_response: { status: 204 }, response_headers_to_add: cors.preflight });
  const h = a.decision.headers;
  const answers: { label: string; headers: HeaderMatcher[]; answer: Answer }[] = h.redirectRefused
    ? [{ label: 'closed: the redirect cannot be written', headers: [], answer: { direct_response: { status: 503 } } }]
    : h.redirect
      ? [{ label: '', headers: [], answer: annotationRedirect(h.redirect) }]
      : forwardAnswers(a, scheme, ctx);
  for (const { label, headers, answer } of answers) {
    const name = label ? `${a.name} (${label})` : a.name;
    if (cors) out.push({ name: `${name} (CORS)`, match: withHeaders(match, [...headers, ...cors.when]), ...withCors(answer, cors) });
    // with "*" every origin is allowed: the route without the headers would never be reached
    if (!cors || cors.when.length) out.push({ name, match: withHeaders(match, headers), ...answer });
  }
  return out;
}

function withCors(a: Answer, cors: CorsPlan): Answer {
  return { ...a, response_headers_to_add: [...(a.response_headers_to_add ?? []), ...cors.headers] };
}

/** The forwarded request: its access filters, then the backend (by canary variant). */
function forwardAnswers(a: Answerer, scheme: Scheme, ctx: RouteContext): { label: string; headers: HeaderMatcher[]; answer: Answer }[] {
  const { policy: p, canary: c } = a.decision;
  const filters: Record<string, unknown> = {};
  const rate = p.rateLimit && rateLimitPerRoute(p.rateLimit, a.origin, ctx.sink);
  if (rate) filters[RATE_LIMIT_FILTER] = rate;
  if (p.sourceRanges) filters[RBAC_FILTER] = rbacPerRoute(p.sourceRanges, a.origin, ctx.sink);
  // the 403 and 401 of these filters carry no CORS headers: the support matrix says so (enable-cors)
  let closed: Answer | undefined;
  if (p.basicAuth) {
    const auth = basicAuthPerRoute(p.basicAuth, a.origin, ctx.sink);
    if ('config' in auth) filters[BASIC_AUTH_FILTER] = auth.config;
    else closed = { direct_response: { status: 401 }, response_headers_to_add: auth.closed };
  }
  const addFilters = (x: Answer): Answer => (Object.keys(filters).length ? { ...x, typed_per_filter_config: { ...(x.typed_per_filter_config ?? {}), ...filters } as EnvoyRoute['typed_per_filter_config'] } : x);
  if (closed) return [{ label: 'no user can log in', headers: [], answer: addFilters(closed) }];

  // one Envoy route takes it unless a canary or CORS splits it (see policyRoutes)
  const main = forward(a.decision.reaches, a.decision, a.origin, scheme, ctx, !c && !p.cors);
  if (!c) return [{ label: '', headers: [], answer: addFilters(main) }];
  const canary = forward(a.decision.canaryReaches!, a.decision, c.origin, scheme, ctx);
  return canaryVariants(c, ctx.sink).map((v) => {
    const answer = v.to === 'main' ? main : v.to === 'canary' ? canary : split(main, canary, c, ctx);
    return { label: `canary ${v.label}`, headers: v.headers, answer: addFilters(answer) };
  });
}

/**
 * canary-weight of canary-weight-total to the canary, at random. The canary is listed
 * first: Envoy takes a draw below its weight for it, as the Matcher does. A side with
 * nowhere to go is an empty cluster, which answers 503 as the Matcher does.
 */
function split(main: Forward, canary: Forward, c: Canary, ctx: RouteContext): Forward {
  const base = main.route ? main : canary;
  if (!base.route) return main;
  const name = (f: Forward) => f.route?.cluster ?? ctx.clusters.nowhere();
  const { cluster: _, ...action } = base.route;
  return { ...base, route: { ...action, weighted_clusters: { clusters: [{ name: name(canary), weight: c.weight }, { name: name(main), weight: c.weightTotal - c.weight }] } } };
}
