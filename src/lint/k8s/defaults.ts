// The v1 defaults the API server applies before validation (SetDefaults_*), on a copy.
import { isRecord } from '../helpers.js';

export interface DefaultedService {
  spec: Record<string, unknown> & { type: string; sessionAffinity: string; ports: unknown[]; clusterIP?: unknown };
}

export function serviceWithDefaults(obj: unknown): DefaultedService {
  const raw = isRecord(obj) && isRecord(obj.spec) ? obj.spec : {};
  const type = typeof raw.type === 'string' ? raw.type : 'ClusterIP';
  const ports = (Array.isArray(raw.ports) ? raw.ports : []).map((p) => {
    if (!isRecord(p)) return p;
    const port = { ...p };
    port.protocol ??= 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
    return port;
  });
  const spec: DefaultedService['spec'] = { ...raw, type, sessionAffinity: typeof raw.sessionAffinity === 'string' ? raw.sessionAffinity : 'None', ports };
  const external = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && Array.isArray(raw.externalIPs) && raw.externalIPs.length > 0);
  if (external) spec.externalTrafficPolicy ??= 'Cluster';
  if (type !== 'ExternalName') spec.internalTrafficPolicy ??= 'Cluster';
  if (type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  return { spec };
}

/** Secret data after the API server merges stringData into it (values as decoded text lengths are not needed). */
export function secretKeys(obj: unknown): { key: string; from: 'data' | 'stringData'; value: unknown }[] {
  const out: { key: string; from: 'data' | 'stringData'; value: unknown }[] = [];
  const o = isRecord(obj) ? obj : {};
  if (isRecord(o.data)) for (const [key, value] of Object.entries(o.data)) out.push({ key, from: 'data', value });
  if (isRecord(o.stringData)) for (const [key, value] of Object.entries(o.stringData)) out.push({ key, from: 'stringData', value });
  return out;
}
