// Which local port each Gateway listener binds (serve, and the HAProxy and Envoy renders
// that map ports as serve does). Apart from the proxy, so a render does not load it.
import { UsageError } from '../cli/exit.js';
import type { GatewayModel } from '../model/types.js';

export interface PortOptions {
  /** the local port of a listener on 80 */
  httpPort: number;
  /** the local port of a listener on 443 */
  httpsPort: number;
  /** --map-port P=LOCAL */
  mapPorts: ReadonlyMap<number, number>;
}

/**
 * Which local port each listener port binds: 80 → --http-port, 443 → --https-port, any
 * other P → --map-port P=LOCAL, else P itself. Two listener ports on one local port, or
 * HTTP and HTTPS listeners on one port: a usage error (exit 2).
 */
export function localPorts(g: GatewayModel, o: PortOptions): Map<number, { local: number; protocol: 'HTTP' | 'HTTPS' }> {
  const out = new Map<number, { local: number; protocol: 'HTTP' | 'HTTPS' }>();
  for (const l of g.listeners) {
    const seen = out.get(l.port);
    if (seen && seen.protocol !== l.protocol) throw new UsageError(`Gateway ${g.namespace}/${g.name}: port ${l.port} has both HTTP and HTTPS listeners; serve cannot bind both on one port`);
    if (seen) continue;
    const local = o.mapPorts.get(l.port) ?? (l.port === 80 ? o.httpPort : l.port === 443 ? o.httpsPort : l.port);
    out.set(l.port, { local, protocol: l.protocol });
  }
  const byLocal = new Map<number, number>();
  for (const [port, { local }] of out) {
    const other = byLocal.get(local);
    if (local !== 0 && other !== undefined) throw new UsageError(`Gateway ${g.namespace}/${g.name}: listener ports ${other} and ${port} would both bind local port ${local}; give one its own with --map-port ${port}=LOCAL`);
    byLocal.set(local, port);
  }
  return out;
}
