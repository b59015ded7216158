// Values the HAProxy, Envoy and Traefik emitters derive from a policy the same way: the backend a
// request really reaches (default-backend), the affinity cookie's Path, and the CORS
// origin list as one regex. Each emitter quotes them in its own syntax.
import { affinityPath } from '../model/affinity.js';
import type { CookieAffinity, RoutePolicy } from '../model/policy.js';
import type { Backend, Route } from '../model/types.js';

/** default-backend: a backend with nowhere to send requests is replaced by the route's fallback, as the Matcher does. */
export function reachableBackend(backend: Backend, policy: RoutePolicy): Backend {
  return backend.upstream.kind === 'unresolved' && policy.fallbackBackend ? policy.fallbackBackend : backend;
}

/** What a cookie's Path attribute may hold: a path of unreserved characters and %XX ("; Domain=…" can never follow). */
const COOKIE_PATH = /^\/(?:[A-Za-z0-9\-._~/]|%[0-9A-Fa-f]{2}){0,255}$/;

/**
 * The affinity cookie's Path as the model gives it (src/model/affinity.ts); a path with
 * characters a cookie attribute cannot carry gives "/" and a note saying why.
 */
export function safeAffinityPath(a: CookieAffinity, route: Route | undefined): { path: string; note?: string } {
  const path = affinityPath(a, route);
  if (COOKIE_PATH.test(path)) return { path };
  return { path: '/', note: `the affinity cookie's Path ${JSON.stringify(path)} holds characters a cookie attribute cannot carry; the cookie is set for "/"` };
}

// the CORS origin pattern is the model's (src/model/cors.ts), shared with serve
export { originAlternation } from '../model/cors.js';
