// Ingresses in one shape: networking.k8s.io/v1. The removed v1beta1 versions are
// converted in memory (serviceName/servicePort → service.name/port, spec.backend →
// defaultBackend, pathType defaulting to ImplementationSpecific) so routes can be shown.
import type { Document } from '../load/document.js';
import { arr, field, rec, str } from './objects.js';
import type { PathType } from './types.js';

export const INGRESS_V1 = 'networking.k8s.io/v1';
export const REMOVED_INGRESS_VERSIONS = new Set(['extensions/v1beta1', 'networking.k8s.io/v1beta1']);

/**
 * Whether an apiVersion can only mean Kubernetes' own API (missing, the core group, a group
 * without a dot, *.k8s.io), not a custom resource's (whose group has a dot: Voyager's
 * voyager.appscode.com Ingress). An Ingress of such a version the release does not serve
 * (networking.k8s.io/v2, v1, none) is a mistake to report, never an object to skip.
 */
export function isKubernetesApiVersion(apiVersion: string): boolean {
  const slash = apiVersion.indexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  return !group.includes('.') || group.endsWith('.k8s.io');
}

/** What an apiVersion that is not served is called in a message: "apiVersion v2", or "no apiVersion". */
export function apiVersionText(apiVersion: string): string {
  return apiVersion ? `apiVersion ${apiVersion}` : 'no apiVersion';
}

export interface BackendRef {
  service?: { name: string; port: { number?: number; name?: string } };
  resource?: { apiGroup?: string; kind?: string; name?: string };
  /** field path of the backend in the document as written */
  path: (string | number)[];
}

export interface IngressPath {
  /** the path as written, "" when absent or not a string */
  path: string;
  /** the path field as written: undefined when absent, maybe not a string */
  raw: unknown;
  pathType?: PathType;
  backend?: BackendRef;
  fieldPath: (string | number)[];
}

export interface IngressRule {
  host: string;
  paths: IngressPath[];
  hasHttp: boolean;
  fieldPath: (string | number)[];
}

export interface IngressTls {
  hosts: string[];
  secretName?: string;
  fieldPath: (string | number)[];
}

export interface IngressShape {
  doc: Document;
  className?: string;
  classFromAnnotation?: string;
  defaultBackend?: BackendRef;
  rules: IngressRule[];
  tls: IngressTls[];
  v1beta1: boolean;
}

export function isIngress(doc: Document): boolean {
  return doc.kind === 'Ingress' && (doc.apiVersion === INGRESS_V1 || REMOVED_INGRESS_VERSIONS.has(doc.apiVersion));
}

/** `prev`: the backend of the path before, whose service (name and port) is shared when this one names the same. */
function readBackend(raw: unknown, path: (string | number)[], v1beta1: boolean, prev?: BackendRef): BackendRef | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  if (v1beta1) {
    const name = str(field(raw, 'serviceName'));
    const port = field(raw, 'servicePort');
    if (name !== undefined) {
      return { service: { name, port: typeof port === 'number' ? { number: port } : typeof port === 'string' ? (/^\d+$/.test(port) ? { number: Number(port) } : { name: port }) : {} }, path };
    }
  } else {
    const service = rec(rec(raw)?.service);
    const name = str(service?.name);
    if (name !== undefined) {
      const rawPort = rec(service?.port);
      const num = rawPort?.number;
      const pname = str(rawPort?.name);
      const number = typeof num === 'number' ? num : undefined;
      const same = prev?.service;
      if (same && same.name === name && same.port.number === number && same.port.name === pname) return { service: same, path };
      // built field by field, not by spreads: one per path of every Ingress
      const port: { number?: number; name?: string } = {};
      if (number !== undefined) port.number = number;
      if (pname !== undefined) port.name = pname;
      return { service: { name, port }, path };
    }
  }
  const resource = field(raw, 'resource');
  if (resource && typeof resource === 'object') {
    return { resource: { apiGroup: str(field(resource, 'apiGroup')), kind: str(field(resource, 'kind')), name: str(field(resource, 'name')) }, path };
  }
  return { path };
}

// The field paths of rules[r].http.paths[i] and its backend are the same in every Ingress:
// made once, frozen and shared, so origins reuse the text made for them (src/model/origin.ts).
const pathFieldPaths: { path: (string | number)[]; backend: (string | number)[] }[][] = [];
export function pathFieldPath(r: number, i: number): { path: (string | number)[]; backend: (string | number)[] } {
  const byRule = (pathFieldPaths[r] ??= []);
  let fp = byRule[i];
  if (!fp) {
    const path = ['spec', 'rules', r, 'http', 'paths', i];
    byRule[i] = fp = { path: Object.freeze(path) as (string | number)[], backend: Object.freeze([...path, 'backend']) as (string | number)[] };
  }
  return fp;
}

export function readIngress(doc: Document): IngressShape {
  const v1beta1 = doc.apiVersion !== INGRESS_V1;
  const spec = field(doc.obj, 'spec');
  const annotations = field(doc.obj, 'metadata', 'annotations');
  const defaultField = v1beta1 ? 'backend' : 'defaultBackend';
  const shape: IngressShape = {
    doc,
    className: str(field(spec, 'ingressClassName')),
    classFromAnnotation: str(field(annotations, 'kubernetes.io/ingress.class')),
    defaultBackend: readBackend(field(spec, defaultField), ['spec', defaultField], v1beta1),
    rules: [],
    tls: [],
    v1beta1,
  };
  // plain loops, no closure per rule and path: 100,000 paths
  const rules = arr(field(spec, 'rules'));
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r];
    const http = rec(rule)?.http;
    const rawPaths = arr(rec(http)?.paths);
    const paths: IngressPath[] = [];
    let prev: BackendRef | undefined;
    for (let i = 0; i < rawPaths.length; i++) {
      const p = rec(rawPaths[i]);
      const shared = pathFieldPath(r, i);
      const pt = str(p?.pathType);
      const pathType = pt === 'Exact' || pt === 'Prefix' || pt === 'ImplementationSpecific' ? pt : pt === undefined && v1beta1 ? 'ImplementationSpecific' : undefined;
      const rawPath = p?.path;
      const backend = readBackend(p?.backend, shared.backend, v1beta1, prev);
      prev = backend;
      paths.push({
        // v1beta1 and ImplementationSpecific allow an empty path: it means "/"
        path: typeof rawPath === 'string' ? rawPath : '',
        raw: rawPath,
        pathType,
        backend,
        fieldPath: shared.path,
      });
    }
    shape.rules.push({ host: str(rec(rule)?.host) ?? '', paths, hasHttp: http !== undefined, fieldPath: ['spec', 'rules', r] });
  }
  const tls = arr(field(spec, 'tls'));
  for (let i = 0; i < tls.length; i++) {
    const t = tls[i];
    shape.tls.push({ hosts: arr(field(t, 'hosts')).filter((h): h is string => typeof h === 'string'), secretName: str(field(t, 'secretName')), fieldPath: ['spec', 'tls', i] });
  }
  return shape;
}
