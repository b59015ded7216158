// Which apiVersions of Ingress and IngressClass a Kubernetes release serves, and the
// v1 form of a removed v1beta1 object (the conversion the deprecation guide describes).
import { isRecord } from '../helpers.js';

export interface ServedRange {
  since: [number, number];
  /** last release that serves it */
  until?: [number, number];
  deprecatedSince?: [number, number];
}

export const API_VERSIONS: Record<string, ServedRange> = {
  'extensions/v1beta1 Ingress': { since: [1, 1], until: [1, 21], deprecatedSince: [1, 14] },
  'networking.k8s.io/v1beta1 Ingress': { since: [1, 14], until: [1, 21], deprecatedSince: [1, 19] },
  'networking.k8s.io/v1 Ingress': { since: [1, 19] },
  'networking.k8s.io/v1beta1 IngressClass': { since: [1, 18], until: [1, 21], deprecatedSince: [1, 19] },
  'networking.k8s.io/v1 IngressClass': { since: [1, 19] },
};

export const LATEST_KUBERNETES: [number, number] = [1, 34];

export const cmp = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];
export const show = (v: [number, number]) => `${v[0]}.${v[1]}`;

export function servedBy(range: ServedRange, version: [number, number]): boolean {
  return cmp(version, range.since) >= 0 && (!range.until || cmp(version, range.until) <= 0);
}

function convertBackend(b: unknown): unknown {
  if (!isRecord(b)) return b;
  if (b.serviceName === undefined) return b;
  const port = b.servicePort;
  const p = typeof port === 'number' || (typeof port === 'string' && /^\d+$/.test(port)) ? { number: Number(port) } : { name: port };
  return { service: { name: b.serviceName, port: p } };
}

/** The networking.k8s.io/v1 spec of a v1beta1 Ingress or IngressClass. */
export function v1Spec(kind: string, spec: unknown): unknown {
  if (!isRecord(spec) || kind !== 'Ingress') return spec;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec)) {
    if (k === 'backend') out.defaultBackend = convertBackend(v);
    else if (k === 'rules' && Array.isArray(v)) {
      out.rules = v.map((r) => {
        if (!isRecord(r) || !isRecord(r.http) || !Array.isArray(r.http.paths)) return r;
        const paths = r.http.paths.map((p) => (isRecord(p) ? { ...p, pathType: p.pathType ?? 'ImplementationSpecific', backend: convertBackend(p.backend) } : p));
        return { ...r, http: { ...r.http, paths } };
      });
    } else out[k] = v;
  }
  return out;
}
