// Listeners: plain HTTP on --http-port, HTTPS on --https-port (when any host has TLS),
// each with an HTTP connection manager set up to read requests as docs/routing.md does.
import { socketAddress } from './clusters.js';
import { accessFilters } from './access.js';
import { BUFFER_FILTER } from './forward.js';
import type { TlsPlan, CertChain } from './tls.js';
import type { FilterChain, Listener, NetworkFilter, RouteConfiguration } from './types.js';

/**
 * The canonical request path of docs/routing.md: escapes of unreserved characters decoded
 * and dot segments resolved (normalize_path), repeated slashes merged (merge_slashes),
 * %2F and %5C refused (path_with_escaped_slashes_action). The Host is matched without
 * its port (strip_any_host_port). Headers with underscores are dropped, as nginx ignores them.
 */
export function connectionManager(statPrefix: string, routeConfig: RouteConfiguration, bodyLimit: number): NetworkFilter {
  const used = new Set<string>();
  for (const v of routeConfig.virtual_hosts) for (const r of v.routes) for (const k in r.typed_per_filter_config) used.add(k);
  return {
    name: 'envoy.filters.network.http_connection_manager',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
      stat_prefix: statPrefix,
      codec_type: 'AUTO',
      use_remote_address: true,
      normalize_path: true,
      merge_slashes: true,
      path_with_escaped_slashes_action: 'REJECT_REQUEST',
      strip_any_host_port: true,
      common_http_protocol_options: { headers_with_underscores_action: 'DROP_HEADER' },
      route_config: routeConfig,
      http_filters: [
        // ingress-nginx's client_max_body_size (413 beyond it); routes override it
        { name: BUFFER_FILTER, typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.buffer.v3.Buffer', max_request_bytes: bodyLimit } },
        // rate limit, source ranges, basic auth: only when a route configures them
        ...accessFilters(used),
        { name: 'envoy.filters.http.router', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } },
      ],
    },
  };
}

export function httpListener(address: string, port: number, hcm: NetworkFilter): Listener {
  return { name: 'http', address: socketAddress(address, port), filter_chains: [{ filters: [hcm] }] };
}

/** All chains share one connection manager: routing follows the Host header, not the SNI name. */
export function httpsListener(address: string, port: number, hcm: NetworkFilter, tls: TlsPlan): Listener {
  const chain = (c: CertChain, name: string): FilterChain => ({
    name,
    ...(c.serverNames.length ? { filter_chain_match: { server_names: c.serverNames } } : {}),
    filters: [hcm],
    transport_socket: c.transportSocket,
  });
  return {
    name: 'https',
    address: socketAddress(address, port),
    listener_filters: [{ name: 'envoy.filters.listener.tls_inspector', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector' } }],
    // without any SNI chain, the default one is the listener's only chain
    ...(tls.chains.length
      ? { filter_chains: tls.chains.map((c) => chain(c, `sni ${c.serverNames[0]}`)), default_filter_chain: chain(tls.defaultChain, 'default') }
      : { filter_chains: [chain(tls.defaultChain, 'default')] }),
  };
}
