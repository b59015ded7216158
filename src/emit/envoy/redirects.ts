// Redirects annotations ask for: from-to-www-redirect (a virtual host of its own for the
// other name), app-root ("/" of a host) and permanent-/temporal-redirect (a route's every
// request, with its code and URL as written).
import { annotationOrigin } from '../../model/origin.js';
import type { CheckedRedirect } from '../../model/redirect.js';
import type { HostRedirect, VirtualHost } from '../../model/types.js';
import { header } from './access.js';
import type { RouteContext } from './forward.js';
import type { Scheme } from './routes.js';
import type { EnvoyRoute, EnvoyVirtualHost } from './types.js';
import { isDnsSubdomain } from '../../model/validate-values.js';

/** The listener's port when it is not the scheme's own: Envoy drops the Host's port (strip_any_host_port) before it builds a Location. */
function listenerPort(scheme: Scheme, ctx: RouteContext): { port_redirect: number } | object {
  const port = scheme === 'http' ? ctx.httpPort : ctx.httpsPort;
  return port === (scheme === 'http' ? 80 : 443) ? {} : { port_redirect: port };
}

/** from-to-www-redirect: every request for the other name → 308 to the name the rules use, scheme, path and query kept. */
export function wwwVirtualHosts(redirects: readonly HostRedirect[], ctx: RouteContext): EnvoyVirtualHost[] {
  const out: EnvoyVirtualHost[] = [];
  for (const r of redirects) {
    if (!isDnsSubdomain(r.host) || !isDnsSubdomain(r.to)) {
      ctx.sink.add('target-unsafe-value', 'error', `from-to-www-redirect between ${JSON.stringify(r.host)} and ${JSON.stringify(r.to)}: not DNS names; not rendered`, annotationOrigin(r.origin, 'from-to-www-redirect'));
      continue;
    }
    const route: EnvoyRoute = { name: `${r.host} → ${r.to}`, match: { prefix: '/' }, redirect: { host_redirect: r.to, response_code: 'PERMANENT_REDIRECT' } };
    out.push({ name: `${r.host} (from-to-www-redirect)`, domains: [r.host, `${r.host}.`], routes: [route] });
  }
  return out;
}

/**
 * app-root: exactly "/" → 302 to the path on the same host (the query is dropped, as by
 * the Matcher). The port is the listener's (the support matrix says so).
 */
export function appRootRoute(v: VirtualHost, scheme: Scheme, ctx: RouteContext): EnvoyRoute[] {
  // validated by the shared plan (a refused one is reported there, and not rendered)
  const path = ctx.plan.appRoots.get(v);
  if (path === undefined) return [];
  return [{ name: `${v.host || '*'} app-root`, match: { path: '/' }, redirect: { path_redirect: path, strip_query: true, response_code: 'FOUND', ...listenerPort(scheme, ctx) } }];
}

/**
 * permanent-redirect / temporal-redirect, as the shared plan validated it: a direct answer
 * with the code and a Location header (Envoy's redirect action would rebuild the URL).
 */
export function annotationRedirect(r: CheckedRedirect): Pick<EnvoyRoute, 'direct_response' | 'response_headers_to_add'> {
  return { direct_response: { status: r.code }, response_headers_to_add: [header('location', r.url)] };
}
