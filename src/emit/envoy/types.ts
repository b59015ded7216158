// The part of Envoy's v3 API that ingressctl emits, as typed structures (proto JSON
// mapping with the protos' own snake_case field names). Serialised only by quote.ts.

export type Duration = `${number}s`;

export interface SocketAddress {
  socket_address: { address: string; port_value: number };
}

export interface TypedConfig<T extends string = string> {
  '@type': `type.googleapis.com/${T}`;
  [field: string]: unknown;
}

export interface StringMatch {
  exact?: string;
  safe_regex?: { regex: string };
  ignore_case?: boolean;
}

export interface HeaderMatcher {
  name: string;
  string_match: StringMatch;
}

/** A header added to the request or the response, replacing one of the same name. */
export interface HeaderValueOption {
  header: { key: string; value: string };
  append_action: 'OVERWRITE_IF_EXISTS_OR_ADD';
}

export interface RouteMatch {
  prefix?: string;
  path?: string;
  path_separated_prefix?: string;
  safe_regex?: { regex: string };
  headers?: HeaderMatcher[];
}

export interface RouteAction {
  /** one cluster, or a canary's weighted split (exactly one of the two) */
  cluster?: string;
  weighted_clusters?: { clusters: { name: string; weight: number }[] };
  /** the whole-response timeout: off, as nginx has none */
  timeout: Duration;
  /** nginx's proxy_read_timeout/proxy_send_timeout: time without activity on the stream */
  idle_timeout: Duration;
  regex_rewrite?: { pattern: { regex: string }; substitution: string };
  /** upstream-vhost */
  host_rewrite_literal?: string;
  /** affinity: cookie (the cluster balances by RING_HASH) */
  hash_policy?: { cookie: { name: string; ttl: Duration; path: string; attributes?: { name: string }[] } }[];
}

export interface RedirectAction {
  https_redirect?: true;
  host_redirect?: string;
  path_redirect?: string;
  port_redirect?: number;
  strip_query?: boolean;
  response_code: 'PERMANENT_REDIRECT' | 'FOUND';
}

export interface EnvoyRoute {
  name: string;
  match: RouteMatch;
  route?: RouteAction;
  redirect?: RedirectAction;
  direct_response?: { status: number };
  typed_per_filter_config?: Record<string, TypedConfig>;
  request_headers_to_add?: HeaderValueOption[];
  response_headers_to_add?: HeaderValueOption[];
}

export interface EnvoyVirtualHost {
  name: string;
  domains: string[];
  routes: EnvoyRoute[];
}

export interface RouteConfiguration {
  name: string;
  virtual_hosts: EnvoyVirtualHost[];
}

export interface NetworkFilter {
  name: string;
  typed_config: TypedConfig;
}

export interface TransportSocket {
  name: 'envoy.transport_sockets.tls';
  typed_config: TypedConfig;
}

export interface FilterChain {
  name?: string;
  filter_chain_match?: { server_names: string[] };
  filters: NetworkFilter[];
  transport_socket?: TransportSocket;
}

export interface Listener {
  name: string;
  address: SocketAddress;
  listener_filters?: NetworkFilter[];
  filter_chains: FilterChain[];
  default_filter_chain?: FilterChain;
}

export interface LbEndpoint {
  endpoint: { address: SocketAddress };
}

export interface Cluster {
  name: string;
  type: 'STATIC' | 'STRICT_DNS';
  connect_timeout: Duration;
  lb_policy: 'ROUND_ROBIN' | 'RING_HASH';
  respect_dns_ttl?: boolean;
  typed_dns_resolver_config?: { name: string; typed_config: TypedConfig };
  load_assignment: { cluster_name: string; endpoints: { lb_endpoints: LbEndpoint[] }[] };
  typed_extension_protocol_options: Record<string, TypedConfig>;
  transport_socket?: TransportSocket;
}

export interface Bootstrap {
  static_resources: { listeners: Listener[]; clusters: Cluster[] };
  layered_runtime: { layers: { name: string; static_layer: Record<string, number> }[] };
}
