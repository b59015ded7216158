// Envoy's own API definitions, as shipped (with their protoc-gen-validate rules) in
// @grpc/grpc-js-xds, loaded once with protobufjs. Only the entry points ingressctl
// emits are loaded (with everything they import): an `Any` of any other type does not
// resolve, so the validator reports it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import protobuf from 'protobufjs';

const xds = dirname(require.resolve('@grpc/grpc-js-xds/package.json'));
const INCLUDE = [join(xds, 'deps/envoy-api'), join(xds, 'deps/xds'), join(xds, 'deps/protoc-gen-validate'), join(xds, 'deps/googleapis'), dirname(require.resolve('protobufjs/package.json'))];

/** The config types an emitted bootstrap may name in typed_config. */
export const ENTRY_PROTOS = [
  'envoy/config/bootstrap/v3/bootstrap.proto',
  'envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager.proto',
  'envoy/extensions/filters/http/router/v3/router.proto',
  'envoy/extensions/filters/http/buffer/v3/buffer.proto',
  'envoy/extensions/filters/http/local_ratelimit/v3/local_rate_limit.proto',
  'envoy/extensions/filters/http/rbac/v3/rbac.proto',
  'envoy/extensions/filters/http/basic_auth/v3/basic_auth.proto',
  'envoy/extensions/filters/listener/tls_inspector/v3/tls_inspector.proto',
  'envoy/extensions/transport_sockets/tls/v3/tls.proto',
  'envoy/extensions/upstreams/http/v3/http_protocol_options.proto',
  'envoy/extensions/network/dns_resolver/cares/v3/cares_dns_resolver.proto',
];

let cached: protobuf.Root | undefined;

export function envoyApi(): protobuf.Root {
  if (cached) return cached;
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => {
    for (const dir of INCLUDE) {
      const p = join(dir, target);
      if (existsSync(p)) return p;
    }
    if (target.startsWith('google/protobuf/')) return target; // bundled with protobufjs
    throw new Error(`proto import not found: ${target}`);
  };
  root.loadSync(ENTRY_PROTOS, { keepCase: true });
  root.resolveAll();
  return (cached = root);
}
