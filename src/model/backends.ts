// Backend references → where traffic goes: Service port by number or name, endpoints
// from Endpoints/EndpointSlices, ExternalName, else the Service's cluster DNS name.
import type { Document } from '../load/document.js';
import { findingAt, type Finding } from '../findings/finding.js';
import type { BackendRef } from './ingress-shape.js';
import { arr, field, key, str, type ObjectIndex } from './objects.js';
import type { Backend, BackendProtocol, Endpoint, Upstream } from './types.js';
import { ipVersion, isDnsLabel } from './validate-values.js';

export interface ResolveBackendContext {
  objects: ObjectIndex;
  /** the Ingress whose field names the backend (findings point there) */
  doc: Document;
  protocol: BackendProtocol;
  /** --upstream overrides: "ns/svc:port" or "ns/svc" → host:port */
  upstreams: UpstreamOverrides;
  /** no Services were given at all: unknown Services are expected, reported once as info */
  servicesGiven: boolean;
  /** service-upstream: the Service's own address instead of its endpoints */
  serviceUpstream?: boolean;
}

const PORT_NAME = /^(?=.{1,15}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** What the API server would refuse in a backend reference, and the field it is at. */
function backendNameProblem(namespace: string, name: string, port: { number?: number; name?: string }, path: (string | number)[]): { problem: string; at: (string | number)[]; hint?: string } | undefined {
  if (!isDnsLabel(name)) return { problem: `Service name ${JSON.stringify(name)} is not a DNS-1123 label`, at: [...path, 'service', 'name'] };
  if (port.name === undefined && port.number === undefined) return { problem: `Service ${JSON.stringify(name)} is named without a port`, at: path, hint: 'Add service.port.number or service.port.name.' };
  if (port.name !== undefined && !PORT_NAME.test(port.name)) return { problem: `port name ${JSON.stringify(port.name)} is not a valid port name`, at: [...path, 'service', 'port', 'name'] };
  if (port.number !== undefined && !(Number.isInteger(port.number) && port.number >= 1 && port.number <= 65535)) return { problem: `port ${port.number} is not between 1 and 65535`, at: [...path, 'service', 'port', 'number'] };
  if (!isDnsLabel(namespace)) return { problem: `namespace ${JSON.stringify(namespace)} is not a DNS-1123 label`, at: ['metadata', 'namespace'] };
  return undefined;
}

export type UpstreamOverrides = Map<string, { host: string; port: number }>;

/** Looks up an --upstream override for a backend: the most specific spelling wins. */
export function overrideFor(overrides: UpstreamOverrides, b: { namespace: string; service: string; port: number | null; portName?: string }) {
  const base = `${b.namespace}/${b.service}`;
  return (b.port !== null ? overrides.get(`${base}:${b.port}`) : undefined) ?? (b.portName ? overrides.get(`${base}:${b.portName}`) : undefined) ?? overrides.get(base);
}

export function resolveBackend(ref: BackendRef, ctx: ResolveBackendContext): { backend?: Backend; findings: Finding[] } {
  const findings: Finding[] = [];
  const { doc } = ctx;
  if (!ref.service) {
    if (ref.resource) {
      findings.push(findingAt(doc, { ruleId: 'resource-backend', path: [...ref.path, 'resource'], message: `a resource backend (${ref.resource.kind ?? '?'} ${ref.resource.name ?? '?'}) cannot be served by a proxy; this route is left out`, hint: 'Point the backend at a Service.' }));
    } else {
      // `backend: {}`, or a service without a name: the API server refuses it; never left out silently
      findings.push(findingAt(doc, { ruleId: 'invalid-backend', path: ref.path, message: 'the backend names no Service and no resource; this backend is left out', hint: 'Add backend.service with name and port (serviceName and servicePort in v1beta1).' }));
    }
    return { findings };
  }
  const namespace = doc.namespace;
  const name = ref.service.name;
  // names become upstream and cluster names, DNS names and file names in every target:
  // only what the API server accepts goes on (a DNS-1123 label; IANA port names)
  const bad = backendNameProblem(namespace, name, ref.service.port, ref.path);
  if (bad) {
    const { problem, at, hint = 'Use lower-case letters, digits and "-", at most 63 characters (port names 15).' } = bad;
    findings.push(findingAt(doc, { ruleId: 'invalid-backend', path: at, message: `${problem}; this backend is left out`, hint }));
    return { findings };
  }
  const svcDoc = ctx.objects.services.get(key(namespace, name));
  const wanted = ref.service.port;
  let port: number | null = wanted.number ?? null;
  let portName = wanted.name;
  let portFound = false;

  if (!svcDoc) {
    if (ctx.servicesGiven) {
      findings.push(findingAt(doc, { ruleId: 'service-not-found', path: [...ref.path, 'service', 'name'], message: `Service "${namespace}/${name}" is not in the input`, hint: 'Add the Service manifest, or fix the name.' }));
    }
    if (port === null && portName) {
      findings.push(findingAt(doc, { ruleId: 'service-port-unresolved', path: [...ref.path, 'service', 'port', 'name'], message: `port "${portName}" of Service "${namespace}/${name}" cannot be resolved without the Service`, hint: 'Give the Service manifest too, or use a port number.' }));
    }
  } else {
    const ports = arr(field(svcDoc.obj, 'spec', 'ports'));
    const match = ports.find((p) => (wanted.number !== undefined ? field(p, 'port') === wanted.number : field(p, 'name') === wanted.name));
    if (!match) {
      const which = wanted.number !== undefined ? `port ${wanted.number}` : `port named "${wanted.name}"`;
      const have = ports.map((p) => (str(field(p, 'name')) ? `${field(p, 'port')} (${field(p, 'name')})` : String(field(p, 'port')))).join(', ');
      findings.push(findingAt(doc, { ruleId: 'service-port-not-found', path: [...ref.path, 'service', 'port', wanted.number !== undefined ? 'number' : 'name'], message: `Service "${namespace}/${name}" has no ${which} (it has ${have || 'no ports'})`, hint: 'Use one of the Service\'s ports.' }));
    } else {
      const num = field(match, 'port');
      port = typeof num === 'number' ? num : port;
      portName = str(field(match, 'name')) ?? portName;
      portFound = true;
    }
  }

  const base = { namespace, service: name, port, ...(portName ? { portName } : {}), protocol: ctx.protocol };
  const override = overrideFor(ctx.upstreams, base);
  let upstream: Upstream;
  if (override) upstream = { kind: 'endpoints', endpoints: [{ ip: override.host, port: override.port }], source: 'override' };
  else if (port === null) upstream = { kind: 'unresolved', reason: `port "${portName ?? '?'}" of Service ${namespace}/${name} is unknown` };
  else if (svcDoc && str(field(svcDoc.obj, 'spec', 'type')) === 'ExternalName') {
    const ext = str(field(svcDoc.obj, 'spec', 'externalName')) ?? '';
    upstream = { kind: 'dns', host: ext, port };
  } else if (ctx.serviceUpstream) {
    const clusterIP = str(field(svcDoc?.obj, 'spec', 'clusterIP'));
    upstream = { kind: 'dns', host: clusterIP && ipVersion(clusterIP) ? clusterIP : `${name}.${namespace}.svc.cluster.local`, port };
  } else {
    const eps = svcDoc && portFound ? endpointsFor(ctx.objects, namespace, name, portName) : [];
    upstream = eps.length ? { kind: 'endpoints', endpoints: eps, source: 'endpoints' } : { kind: 'dns', host: `${name}.${namespace}.svc.cluster.local`, port };
  }
  return { backend: { ...base, upstream }, findings };
}


/** Ready endpoint addresses for the Service port (matched by name; a Service with one unnamed port matches ""). */
function endpointsFor(objects: ObjectIndex, namespace: string, service: string, portName: string | undefined): Endpoint[] {
  const want = portName ?? '';
  const out: Endpoint[] = [];
  const add = (ip: unknown, p: unknown) => {
    if (typeof ip === 'string' && ipVersion(ip) !== 0 && typeof p === 'number' && p > 0 && p < 65536) out.push({ ip, port: p });
  };
  const ep = objects.endpoints.get(key(namespace, service));
  for (const subset of arr(field(ep?.obj, 'subsets'))) {
    const port = arr(field(subset, 'ports')).find((p) => (str(field(p, 'name')) ?? '') === want);
    if (!port) continue;
    for (const a of arr(field(subset, 'addresses'))) add(field(a, 'ip'), field(port, 'port'));
  }
  for (const slice of objects.endpointSlices.get(key(namespace, service)) ?? []) {
    const port = arr(field(slice.obj, 'ports')).find((p) => (str(field(p, 'name')) ?? '') === want);
    if (!port) continue;
    for (const e of arr(field(slice.obj, 'endpoints'))) {
      if (field(e, 'conditions', 'ready') === false) continue;
      for (const ip of arr(field(e, 'addresses'))) add(ip, field(port, 'port'));
    }
  }
  const seen = new Set<string>();
  return out
    .filter((e) => (seen.has(`${e.ip}:${e.port}`) ? false : (seen.add(`${e.ip}:${e.port}`), true)))
    .sort((a, b) => a.ip.localeCompare(b.ip) || a.port - b.port);
}

/** "[NAMESPACE/]SERVICE[:PORT]" — the one way backends are named in flags and output. */
export function parseBackendName(text: string, defaultNamespace: string): { namespace: string; service: string; port?: number | string } | undefined {
  const m = /^(?:([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/)?([a-z0-9]([-a-z0-9]*[a-z0-9])?)(?::([a-z0-9-]+))?$/.exec(text);
  if (!m) return undefined;
  const port = m[5] === undefined ? undefined : /^\d+$/.test(m[5]) ? Number(m[5]) : m[5];
  return { namespace: m[1] ?? defaultNamespace, service: m[3], ...(port !== undefined ? { port } : {}) };
}

export function formatBackend(b: { namespace: string; service: string; port: number | null; portName?: string }): string {
  return `${b.namespace}/${b.service}:${b.port ?? b.portName ?? '?'}`;
}
