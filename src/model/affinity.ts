// affinity: cookie, as every target writes the cookie: name=value; Path; HttpOnly;
// Max-Age when set; Secure over HTTPS (ingress-nginx's sticky balancer).
import type { CookieAffinity } from './policy.js';
import type { Route } from './types.js';

/** The cookie's Path: session-cookie-path, else the route's own path ("/" for a regex path, which is no cookie path). */
export function affinityPath(a: CookieAffinity, route: Route | undefined): string {
  if (a.path) return a.path;
  if (!route || route.match.kind === 'Regex') return '/';
  return route.match.value;
}

export function affinityCookie(a: CookieAffinity, route: Route | undefined, value: string, secure: boolean): string {
  return `${a.cookieName}=${value}; Path=${affinityPath(a, route)}${a.maxAge !== undefined ? `; Max-Age=${a.maxAge}` : ''}${secure ? '; Secure' : ''}; HttpOnly`;
}
