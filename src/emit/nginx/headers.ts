// Request headers nginx sends upstream. nginx inherits proxy_set_header from the http level
// only into locations that set none of their own, so a route that changes one (upstream-vhost,
// x-forwarded-prefix, basic auth) repeats the whole set.
import type { RoutePolicy } from '../../model/policy.js';
import type { HeaderValues } from '../plan.js';
import { d, type Directive } from './config.js';
import { text, word } from './quote.js';

/** The http-level set, or a route's own when it changes any of it (header values as the plan validated them). */
export function proxyHeaders(values?: HeaderValues, policy?: RoutePolicy): Directive[] {
  return [
    d('proxy_set_header', 'Host', values?.upstreamHost ? text(values.upstreamHost) : word('$http_host')),
    d('proxy_set_header', 'Connection', '$connection_upgrade'),
    d('proxy_set_header', 'Upgrade', '$http_upgrade'),
    d('proxy_set_header', 'X-Real-IP', '$remote_addr'),
    d('proxy_set_header', 'X-Forwarded-For', '$proxy_add_x_forwarded_for'),
    d('proxy_set_header', 'X-Forwarded-Host', '$http_host'),
    d('proxy_set_header', 'X-Forwarded-Port', '$server_port'),
    d('proxy_set_header', 'X-Forwarded-Proto', '$scheme'),
    ...routeOnly(values, policy, 'proxy_set_header'),
  ];
}

function routeOnly(values: HeaderValues | undefined, policy: RoutePolicy | undefined, name: string): Directive[] {
  return [
    ...(values?.forwardedPrefix ? [d(name, 'X-Forwarded-Prefix', text(values.forwardedPrefix))] : []),
    // as ingress-nginx: the client's credentials stay with the proxy that checked them
    ...(policy?.basicAuth ? [d(name, 'Authorization', text(''))] : []),
  ];
}

/** A route's own header directives; none when it keeps the http level's (proxy) or the default Host (gRPC). */
export function routeHeaders(values: HeaderValues, policy: RoutePolicy, grpc: boolean): Directive[] {
  const changes = !!(values.upstreamHost || values.forwardedPrefix || policy.basicAuth);
  if (!changes) return [];
  if (!grpc) return proxyHeaders(values, policy);
  return [d('grpc_set_header', 'Host', values.upstreamHost ? text(values.upstreamHost) : word('$http_host')), ...routeOnly(values, policy, 'grpc_set_header')];
}
