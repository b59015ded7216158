// The non-Ingress objects the model reads, indexed by namespace/name.
import type { Document } from '../load/document.js';

export interface ObjectIndex {
  services: Map<string, Document>;
  secrets: Map<string, Document>;
  endpoints: Map<string, Document>;
  /** EndpointSlices by the namespace/name of the Service they belong to */
  endpointSlices: Map<string, Document[]>;
  ingressClasses: Map<string, Document>;
}

export const key = (namespace: string, name: string) => `${namespace}/${name}`;

export function indexObjects(docs: readonly Document[]): ObjectIndex {
  const idx: ObjectIndex = { services: new Map(), secrets: new Map(), endpoints: new Map(), endpointSlices: new Map(), ingressClasses: new Map() };
  for (const d of docs) {
    const k = key(d.namespace, d.name);
    if (d.apiVersion === 'v1' && d.kind === 'Service') idx.services.set(k, d);
    else if (d.apiVersion === 'v1' && d.kind === 'Secret') idx.secrets.set(k, d);
    else if (d.apiVersion === 'v1' && d.kind === 'Endpoints') idx.endpoints.set(k, d);
    else if (d.apiVersion === 'discovery.k8s.io/v1' && d.kind === 'EndpointSlice') {
      const labels = (d.obj.metadata as any)?.labels;
      const svc = labels && typeof labels['kubernetes.io/service-name'] === 'string' ? labels['kubernetes.io/service-name'] : undefined;
      if (svc) {
        const list = idx.endpointSlices.get(key(d.namespace, svc)) ?? [];
        list.push(d);
        idx.endpointSlices.set(key(d.namespace, svc), list);
      }
    } else if (d.kind === 'IngressClass' && d.apiVersion.startsWith('networking.k8s.io/')) idx.ingressClasses.set(d.name, d);
  }
  return idx;
}

/** Reads a nested field without trusting the shape (objects may have failed the schema). */
export function field(obj: unknown, ...path: (string | number)[]): unknown {
  let node: any = obj;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[seg];
  }
  return node;
}

/**
 * The value as an object whose fields can be read, or undefined: `rec(v)?.name` is
 * field(v, 'name') read at the caller's own site, without the rest array and the shared
 * (megamorphic) lookup of field's loop; for what every path of every Ingress reads.
 */
export function rec(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
