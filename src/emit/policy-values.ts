// Values the HAProxy and Envoy emitters derive from a route's policy the same way: the
// backend a request really reaches (default-backend), the affinity cookie's Path, and
// the CORS origin list as one regex. Each emitter quotes them in its own syntax.
import type { CorsOrigin, RoutePolicy } from '../model/policy.js';
import type { Backend, Route } from '../model/types.js';

/** default-backend: a backend with nowhere to send requests is replaced by the route's fallback, as the Matcher does. */
export function reachableBackend(backend: Backend, policy: RoutePolicy): Backend {
  return backend.upstream.kind === 'unresolved' && policy.fallbackBackend ? policy.fallbackBackend : backend;
}

/** What a cookie's Path attribute may hold: a path of unreserved characters and %XX ("; Domain=…" can never follow). */
const COOKIE_PATH = /^\/(?:[A-Za-z0-9\-._~/]|%[0-9A-Fa-f]{2}){0,255}$/;

/**
 * The affinity cookie's Path: session-cookie-path, else the route's own path (ingress-nginx
 * writes its location path). A regex, or a path with characters a cookie attribute cannot
 * carry, gives "/" and a note saying why.
 */
export function affinityCookiePath(route: Route): { path: string; note?: string } {
  const set = route.policy.affinity?.path;
  if (set !== undefined && COOKIE_PATH.test(set)) return { path: set };
  if (set !== undefined) return { path: '/', note: `session-cookie-path ${JSON.stringify(set)} cannot be a cookie Path; the cookie is set for "/"` };
  if (route.match.kind === 'Regex') return { path: '/', note: `the route's path is a regex (${JSON.stringify(route.match.value)}) and session-cookie-path is not set: the cookie is set for "/" (ingress-nginx would write the regex as its Path)` };
  if (COOKIE_PATH.test(route.match.value)) return { path: route.match.value };
  return { path: '/', note: `the route's path ${JSON.stringify(route.match.value)} cannot be a cookie Path; the cookie is set for "/"` };
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The allowed origins as one alternation, to be matched whole and case-insensitively
 * (callers anchor it and add their flag): scheme, host and port as the model compares
 * them, a "*." host taking exactly one label.
 */
export function originAlternation(origins: readonly CorsOrigin[]): string {
  const one = (o: CorsOrigin) => {
    const host = o.host.startsWith('*.') ? `[a-z0-9-]+${escapeRegex(o.host.slice(1))}` : escapeRegex(o.host);
    return `${o.scheme}://${host}${o.port === undefined ? '' : `:${o.port}`}`;
  };
  return `(?:${origins.map(one).join('|')})`;
}
