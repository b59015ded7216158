// HTTPRoute backendRefs → weighted backends. A ref that cannot be used keeps its weight
// and answers 500 for its share (the spec), with the ResolvedRefs reason that says why.
import { Document } from '../load/document.js';
import { resolveBackend, type UpstreamOverrides } from '../model/backends.js';
import { arr, field, key, type ObjectIndex } from '../model/objects.js';
import { originOf } from '../model/origin.js';
import type { Backend, BackendProtocol, WeightedBackend } from '../model/types.js';
import { granted, type BackendRefShape, type GrantShape } from './read.js';

export interface BackendContext {
  objects: ObjectIndex;
  grants: readonly GrantShape[];
  upstreams: UpstreamOverrides;
  servicesGiven: boolean;
  /** the route's kind: HTTPRoute (http to backends) or GRPCRoute (h2c) */
  routeKind: string;
  /** resolved backends by namespace/name:port and protocol: each Service port is resolved once */
  cache?: Map<string, Backend>;
  /** what a ref comes to (a backend, or why none), by everything that decides it: each is decided once */
  verdicts?: Map<string, Verdict>;
  /** the last ref decided and its verdict (a route's rules mostly name one Service: no key made for those) */
  lastRef?: { namespace: string; ref: BackendRefShape; verdict: Verdict };
}

type Verdict = { backend: Backend } | { invalid: string; reason: RefReason };

/** ResolvedRefs reasons, as the spec names them. */
export type RefReason = 'InvalidKind' | 'BackendNotFound' | 'RefNotPermitted' | 'UnsupportedProtocol';

export function resolveBackendRef(doc: Document, ref: BackendRefShape, ctx: BackendContext): WeightedBackend & { reason?: RefReason } {
  // the rules of a route mostly name Services another rule (or route) named already
  const last = ctx.lastRef;
  let v: Verdict | undefined;
  if (last && last.namespace === doc.namespace && sameTarget(last.ref, ref)) v = last.verdict;
  else {
    const id = JSON.stringify([doc.namespace, ref.group, ref.kind, ref.namespace, ref.name, ref.port]);
    v = ctx.verdicts?.get(id);
    if (!v) {
      v = decide(doc, ref, ctx);
      ctx.verdicts?.set(id, v);
    }
    ctx.lastRef = { namespace: doc.namespace, ref, verdict: v };
  }
  const origin = originOf(doc, ref.path);
  return 'backend' in v ? { backend: v.backend, weight: ref.weight, origin } : { invalid: v.invalid, reason: v.reason, weight: ref.weight, origin };
}

/** Two refs that name the same thing (everything a verdict depends on but the route's namespace). */
function sameTarget(a: BackendRefShape, b: BackendRefShape): boolean {
  return a.group === b.group && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name && a.port === b.port;
}

function decide(doc: Document, ref: BackendRefShape, ctx: BackendContext): Verdict {
  const out = (invalid: string, reason: RefReason) => ({ invalid, reason });
  if (ref.group !== '' || ref.kind !== 'Service') return out(`${ref.group ? `${ref.group}/` : ''}${ref.kind} is not a Service`, 'InvalidKind');
  if (ref.port === undefined) return out(`backendRef ${ref.name} has no port (required for a Service)`, 'BackendNotFound');
  if (ref.namespace !== doc.namespace && !granted(ctx.grants, { group: 'gateway.networking.k8s.io', kind: ctx.routeKind, namespace: doc.namespace }, { group: '', kind: 'Service', namespace: ref.namespace, name: ref.name })) {
    return out(`Service ${ref.namespace}/${ref.name} is in another namespace and no ReferenceGrant there allows it`, 'RefNotPermitted');
  }
  const svc = ctx.objects.services.get(key(ref.namespace, ref.name));
  if (!svc && ctx.servicesGiven) return out(`Service ${ref.namespace}/${ref.name} is not in the input`, 'BackendNotFound');
  if (svc && !arr(field(svc.obj, 'spec', 'ports')).some((p) => field(p, 'port') === ref.port)) return out(`Service ${ref.namespace}/${ref.name} has no port ${ref.port}`, 'BackendNotFound');
  const protocol: BackendProtocol = ctx.routeKind === 'GRPCRoute' ? 'grpc' : 'http';
  const cacheKey = `${ref.namespace}/${ref.name}:${ref.port}:${protocol}`;
  const cached = ctx.cache?.get(cacheKey);
  if (cached) return { backend: cached };
  // the Ingress resolver works in its object's namespace: give it this object as read in the
  // Service's (a Document of its own: made the prototype of another object, a Document would
  // get a map of its own, and every property read of documents would become megamorphic)
  const inNamespace = new Document(doc.obj, doc.text, doc.basePath);
  inNamespace.namespace = ref.namespace;
  const r = resolveBackend({ service: { name: ref.name, port: { number: ref.port } }, path: [...ref.path] }, { objects: ctx.objects, doc: inNamespace, protocol, upstreams: ctx.upstreams, servicesGiven: ctx.servicesGiven });
  if (!r.backend) return out(r.findings[0]?.message ?? `backendRef ${ref.name} cannot be resolved`, 'BackendNotFound');
  ctx.cache?.set(cacheKey, r.backend);
  return { backend: r.backend };
}
