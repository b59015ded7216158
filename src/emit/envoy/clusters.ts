// Backends → Envoy clusters: endpoints are STATIC, DNS names STRICT_DNS (resolved by the
// cluster DNS server at run time), one cluster per backend and connection policy.
import { isIP } from 'node:net';
import { formatBackend } from '../../model/backends.js';
import type { RoutePolicy } from '../../model/policy.js';
import type { Backend, Origin } from '../../model/types.js';
import type { FindingSink } from './findings.js';
import type { Cluster, Duration, SocketAddress, TransportSocket, TypedConfig } from './types.js';
import { addressProblem, isDnsLabel } from '../../model/validate-values.js';

const HTTP_OPTIONS = 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions';

export type ClusterRef = { cluster: string } | { status: 503 };

/** "10.96.0.10", "10.96.0.10:53", "fd00::a" or "[fd00::a]:53" → an address; undefined when it is none of these. */
export function parseResolver(text: string): { address: string; port: number } | undefined {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+))(?::(\d{1,5}))?$/.exec(text);
  const address = m ? (m[1] ?? m[2]) : isIP(text) === 6 ? text : undefined;
  const port = m?.[3] ? Number(m[3]) : 53;
  if (!address || !isIP(address) || port < 1 || port > 65535) return undefined;
  return { address, port };
}

export class Clusters {
  private readonly byKey = new Map<string, Cluster>();
  private readonly names = new Set<string>();
  private readonly known = new Map<Backend, Map<number, ClusterRef>>();
  private readonly resolver?: { address: string; port: number };

  constructor(
    resolver: string,
    private readonly sink: FindingSink,
  ) {
    this.resolver = parseResolver(resolver);
    if (!this.resolver) {
      sink.add('target-unsafe-value', 'error', `--resolver ${JSON.stringify(resolver)} is not an IP address (optionally with :port); Service DNS names are resolved with the system resolver instead`, undefined, 'Give the cluster DNS server as an IP address, e.g. 10.96.0.10.');
    }
  }

  /** The cluster a route sends `backend` to, or 503 when there is nowhere to send it. */
  refFor(backend: Backend, policy: RoutePolicy, origin: Origin | undefined, sticky = false): ClusterRef {
    // resolve shares one Backend among an Ingress's routes: a cluster found for it without a
    // finding is the same for the same connect timeout, found again without the checks
    const known = sticky ? undefined : this.known.get(backend)?.get(policy.timeouts.connect);
    if (known) return known;
    const ref = this.checkedRef(backend, policy, origin, sticky);
    if (!sticky && 'cluster' in ref && policy.timeouts.connect > 0) {
      let byConnect = this.known.get(backend);
      if (!byConnect) this.known.set(backend, (byConnect = new Map()));
      byConnect.set(policy.timeouts.connect, ref);
    }
    return ref;
  }

  private checkedRef(backend: Backend, policy: RoutePolicy, origin: Origin | undefined, sticky: boolean): ClusterRef {
    const u = backend.upstream;
    if (u.kind === 'unresolved') return { status: 503 };
    if (!isDnsLabel(backend.namespace) || !isDnsLabel(backend.service)) {
      this.sink.add('target-unsafe-value', 'error', `backend ${JSON.stringify(`${backend.namespace}/${backend.service}`)} is not a valid Service name; its route answers 503`, origin);
      return { status: 503 };
    }
    const addresses = u.kind === 'dns' ? [{ ip: u.host, port: u.port }] : u.endpoints;
    const bad = addresses.find((a) => addressProblem(a.ip, a.port) !== undefined);
    if (bad) {
      this.sink.add('target-unsafe-value', 'error', `upstream address ${JSON.stringify(`${bad.ip}:${bad.port}`)} of ${formatBackend(backend)} is not an IP address or DNS name with a port; its route answers 503`, origin);
      return { status: 503 };
    }
    let connect = policy.timeouts.connect;
    if (connect <= 0) {
      this.sink.add('target-approximate', 'warning', `a connect timeout of 0 is not accepted by Envoy; 1ms is used for ${formatBackend(backend)}`, origin);
      connect = 0.001;
    }
    // affinity: a route's hash_policy takes effect only on a consistent-hash cluster
    const key = JSON.stringify([backend.namespace, backend.service, backend.port, backend.protocol, connect, u, sticky]);
    const existing = this.byKey.get(key);
    if (existing) return { cluster: existing.name };

    const cluster = this.build(this.nameFor(backend, connect, sticky), backend, connect, addresses, u.kind === 'dns', sticky);
    this.byKey.set(key, cluster);
    return { cluster: cluster.name };
  }

  /** A cluster without endpoints: Envoy answers 503 for what is sent there (a canary split's side with nowhere to go). */
  nowhere(): string {
    const name = '(nowhere)';
    if (!this.byKey.has(name)) {
      this.names.add(name);
      this.byKey.set(name, {
        name,
        type: 'STATIC',
        connect_timeout: '5s',
        lb_policy: 'ROUND_ROBIN',
        load_assignment: { cluster_name: name, endpoints: [] },
        typed_extension_protocol_options: { [HTTP_OPTIONS]: { '@type': `type.googleapis.com/${HTTP_OPTIONS}`, explicit_http_config: { http_protocol_options: {} } } },
      });
    }
    return name;
  }

  /** All clusters, in name order. */
  list(): Cluster[] {
    return [...this.byKey.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** "ns/svc:port", with the protocol and a non-default connect timeout when they differ; unique. */
  private nameFor(backend: Backend, connect: number, sticky: boolean): string {
    let name = formatBackend(backend);
    if (backend.protocol !== 'http') name += `~${backend.protocol}`;
    if (connect !== 5) name += `~connect-${connect}s`;
    if (sticky) name += '~sticky';
    let unique = name;
    for (let n = 2; this.names.has(unique); n++) unique = `${name}~${n}`;
    this.names.add(unique);
    return unique;
  }

  private build(name: string, backend: Backend, connect: number, addresses: { ip: string; port: number }[], clusterDns: boolean, sticky: boolean): Cluster {
    const allIPs = addresses.every((a) => isIP(a.ip));
    const h2 = backend.protocol === 'grpc' || backend.protocol === 'grpcs';
    const cluster: Cluster = {
      name,
      type: allIPs ? 'STATIC' : 'STRICT_DNS',
      connect_timeout: `${connect}s` as Duration,
      lb_policy: sticky ? 'RING_HASH' : 'ROUND_ROBIN',
      ...(allIPs ? {} : { respect_dns_ttl: true }),
      load_assignment: {
        cluster_name: name,
        endpoints: [{ lb_endpoints: addresses.map((a) => ({ endpoint: { address: socketAddress(a.ip, a.port) } })) }],
      },
      typed_extension_protocol_options: {
        [HTTP_OPTIONS]: { '@type': `type.googleapis.com/${HTTP_OPTIONS}`, explicit_http_config: h2 ? { http2_protocol_options: {} } : { http_protocol_options: {} } },
      },
    };
    // Service names go to the cluster DNS server; --upstream host names to the system resolver.
    if (clusterDns && this.resolver) cluster.typed_dns_resolver_config = caresResolver(this.resolver);
    if (backend.protocol === 'https' || backend.protocol === 'grpcs') cluster.transport_socket = upstreamTls(h2);
    return cluster;
  }
}

export function socketAddress(address: string, port: number): SocketAddress {
  return { socket_address: { address, port_value: port } };
}

function caresResolver(r: { address: string; port: number }): { name: string; typed_config: TypedConfig } {
  return {
    name: 'envoy.network.dns_resolvers.cares',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.network.dns_resolver.cares.v3.CaresDnsResolverConfig',
      resolvers: [socketAddress(r.address, r.port)],
    },
  };
}

/** TLS to the upstream without verification, as ingress-nginx does by default (proxy_ssl_verify off). */
function upstreamTls(h2: boolean): TransportSocket {
  return {
    name: 'envoy.transport_sockets.tls',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
      ...(h2 ? { common_tls_context: { alpn_protocols: ['h2'] } } : {}),
    },
  };
}
