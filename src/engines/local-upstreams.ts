// A copy of a model whose every backend goes to a local address: how a rendered config
// is run for real on a laptop, each backend answered by its own echo server.
import type { Backend, RouteModel, VirtualHost } from '../model/types.js';
import { backendKey } from './echo-upstreams.js';

export function withLocalUpstreams(model: RouteModel, ports: ReadonlyMap<string, number>): RouteModel {
  const map = (b: Backend): Backend => {
    const port = ports.get(backendKey(b));
    // a backend with nowhere to go keeps answering 503, as the model says
    if (port === undefined || b.upstream.kind === 'unresolved') return b;
    return { ...b, upstream: { kind: 'endpoints', endpoints: [{ ip: '127.0.0.1', port }], source: 'override' } };
  };
  const hosts = model.hosts.map(
    (v): VirtualHost => ({
      ...v,
      routes: v.routes.map((r) => ({ ...r, backend: map(r.backend) })),
      ...(v.defaultBackend ? { defaultBackend: { ...v.defaultBackend, backend: map(v.defaultBackend.backend) } } : {}),
    }),
  );
  // TLS configs carry their PEM texts as non-enumerable properties: the spread above keeps the same objects
  return { ...model, hosts, ...(model.defaultBackend ? { defaultBackend: { ...model.defaultBackend, backend: map(model.defaultBackend.backend) } } : {}) };
}
