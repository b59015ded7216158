// affinity: cookie, as every target writes the cookie: name=value; Path; HttpOnly;
// Max-Age when set; Secure over HTTPS (ingress-nginx's sticky balancer).
import type { CookieAffinity } from './policy.js';
import type { Route } from './types.js';
import { cookiePath } from './validate-values.js';

/**
 * The cookie's Path, the one every target and serve write: session-cookie-path (a plain
 * path, its parser checked), else the route's path as resolve made it safe for a header
 * (Route.cookiePath), "/" for a regex path (no cookie path) and for default backends.
 */
export function affinityPath(a: CookieAffinity, route: Route | undefined): string {
  if (a.path) return a.path;
  if (!route || route.match.kind === 'Regex') return '/';
  return route.cookiePath ?? cookiePath(route.match.value).path;
}

export function affinityCookie(a: CookieAffinity, route: Route | undefined, value: string, secure: boolean): string {
  return `${a.cookieName}=${value}; Path=${affinityPath(a, route)}${a.maxAge !== undefined ? `; Max-Age=${a.maxAge}` : ''}${secure ? '; Secure' : ''}; HttpOnly`;
}
