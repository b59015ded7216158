// Gateway API objects → the route model: Gateways (of --gateway-class) with their
// listeners, HTTPRoutes attached through parentRefs and allowedRoutes, hostnames
// intersected, rules turned into Routes in the spec's precedence, and the status a
// controller would write (Accepted, ResolvedRefs) kept beside each object. Pure: no I/O.
import type { Document } from '../load/document.js';
import type { UpstreamOverrides } from '../model/backends.js';
import { findingAt, type Finding } from '../findings/finding.js';
import { key, type ObjectIndex } from '../model/objects.js';
import { originOf } from '../model/origin.js';
import { resolveTlsSecret } from '../model/tls.js';
import type { Backend, Condition, GatewayListener, GatewayModel, Origin, Route, RouteStatus, TlsConfig, VirtualHost, WeightedBackend } from '../model/types.js';
import { resolveBackendRef, type BackendContext, type RefReason } from './backends.js';
import { corsModifierFindings, readFilters, unsupported, type FilterResult } from './filters.js';
import { effectiveHostnames, intersect, specificity } from './hostnames.js';
import { byAge, collate, matchKey, sortGatewayRoutes, sortKey, type MatchKey, type SortKey } from './precedence.js';
import { GATEWAY_API_CHANNEL, GATEWAY_API_VERSION, GATEWAY_GROUP, groupOf, isGatewayApi, isSupportedGatewayObject, SUPPORTED_VERSIONS } from './kinds.js';
import { granted, isKind, namespaceLabels, readGateway, readGrant, readRoute, referenceAllowed, selectorMatches, type GrantShape, type ListenerShape, type ParentRefShape, type RouteShape } from './read.js';
import { gatewayPolicy, makeRoute, readMatch, type RuleParts } from './routes.js';

export interface GatewayResolveOptions {
  /** keep only Gateways of this class (--gateway-class) */
  gatewayClass?: string;
  upstreams: UpstreamOverrides;
  servicesGiven: boolean;
}

export interface GatewayResolution {
  gateways: GatewayModel[];
  routeStatus: RouteStatus[];
  findings: Finding[];
}

/** A rule without filters: nothing to read (shared, so frozen). */
const NO_FILTERS: FilterResult = Object.freeze({ filters: Object.freeze({}), findings: Object.freeze([]) as unknown as Finding[] });

const cond = (type: string, ok: boolean, reason: string, message: string): Condition => ({ type, status: ok ? 'True' : 'False', reason, message });

/** Undefined when the input holds no Gateway API object. */
export function resolveGateways(documents: readonly Document[], objects: ObjectIndex, options: GatewayResolveOptions): GatewayResolution | undefined {
  const docs = documents.filter(isGatewayApi);
  if (!docs.length) return undefined;
  const findings: Finding[] = [];
  for (const d of docs) if (!isSupportedGatewayObject(d)) unsupportedObject(findings, d);
  const grants = docs.filter((d) => isKind(d, 'ReferenceGrant')).map(readGrant);
  const nsLabels = namespaceLabels(documents);
  const gatewayDocs = docs.filter((d) => isKind(d, 'Gateway')).sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
  const gateways: { model: GatewayModel; listeners: { shape: ListenerShape; model: GatewayListener; vhosts: Map<string, VirtualHost> }[] }[] = [];

  for (const doc of gatewayDocs) {
    const g = readGateway(doc);
    if (options.gatewayClass !== undefined && g.className !== options.gatewayClass) continue;
    const listeners: (typeof gateways)[number]['listeners'] = [];
    for (const l of g.listeners) {
      const origin = originOf(doc, l.path);
      const conditions: Condition[] = [];
      if (l.protocol !== 'HTTP' && l.protocol !== 'HTTPS') {
        unsupported(findings, doc, [...l.path, 'protocol'], `listener protocol ${JSON.stringify(l.protocol)}`, 'ingressctl serves HTTP and HTTPS listeners (TLS Terminate); this listener is left out.');
        continue;
      }
      if (listeners.some((o) => o.shape.port === l.port && (o.shape.hostname ?? '') === (l.hostname ?? '') && o.shape.protocol === l.protocol)) {
        findings.push(findingAt(doc, { ruleId: 'gateway-listener-conflict', path: [...l.path, 'hostname'], message: `listener ${l.name} has the same port ${l.port}, protocol and hostname as an earlier listener; it is left out (Conflicted: HostnameConflict)`, hint: 'Give each listener on one port its own hostname.' }));
        continue;
      }
      let tls: TlsConfig | undefined;
      let refsOk = cond('ResolvedRefs', true, 'ResolvedRefs', 'all references resolved');
      if (l.protocol === 'HTTPS') {
        if (l.tlsMode !== undefined && l.tlsMode !== 'Terminate') {
          unsupported(findings, doc, [...l.path, 'tls', 'mode'], `TLS mode ${l.tlsMode}`, 'Use mode Terminate; this listener is left out.');
          continue;
        }
        const ref = l.certificateRefs[0];
        if (!ref) refsOk = cond('ResolvedRefs', false, 'InvalidCertificateRef', 'an HTTPS listener needs a certificateRef');
        else if (ref.group !== '' || ref.kind !== 'Secret') refsOk = cond('ResolvedRefs', false, 'InvalidCertificateRef', `${ref.kind} is not a Secret`);
        else {
          const ns = ref.namespace ?? doc.namespace;
          if (ns !== doc.namespace && !granted(grants, { group: GATEWAY_GROUP, kind: 'Gateway', namespace: doc.namespace }, { group: '', kind: 'Secret', namespace: ns, name: ref.name })) {
            refsOk = cond('ResolvedRefs', false, 'RefNotPermitted', `Secret ${ns}/${ref.name} is in another namespace and no ReferenceGrant there allows it`);
            findings.push(findingAt(doc, { ruleId: 'gateway-ref-not-permitted', path: [...ref.path, 'namespace'], message: `${refsOk.message}; the listener serves a self-signed certificate`, hint: `Add a ReferenceGrant in namespace ${ns} from Gateways of namespace ${doc.namespace} to Secrets.` }));
            tls = { secretNamespace: ns, secretName: ref.name, usable: false, origin: originOf(doc, ref.path) };
          } else {
            const r = resolveTlsSecret(objects.secrets.get(key(ns, ref.name)), { namespace: ns, name: ref.name }, doc, [...ref.path, 'name'], originOf(doc, ref.path));
            findings.push(...r.findings);
            tls = r.tls;
            if (!r.tls.usable) refsOk = cond('ResolvedRefs', false, 'InvalidCertificateRef', `Secret ${ns}/${ref.name} is missing or not a usable TLS Secret`);
          }
        }
      }
      conditions.push(cond('Accepted', true, 'Accepted', 'listener accepted'), refsOk, cond('Conflicted', false, 'NoConflicts', 'no conflicts'));
      const model: GatewayListener = { name: l.name, port: l.port, protocol: l.protocol, ...(l.hostname ? { hostname: l.hostname } : {}), ...(tls ? { tls } : {}), hosts: [], conditions, origin };
      listeners.push({ shape: l, model, vhosts: new Map() });
    }
    const model: GatewayModel = {
      namespace: doc.namespace,
      name: doc.name,
      className: g.className,
      listeners: listeners.map((l) => l.model),
      conditions: [listeners.length ? cond('Accepted', true, 'Accepted', 'Gateway accepted') : cond('Accepted', false, 'ListenersNotValid', 'no listener is valid')],
      origin: originOf(doc, []),
    };
    gateways.push({ model, listeners });
  }

  // oldest first, then namespace/name (each key made once, not at every comparison)
  const routeDocs = docs
    .filter((d) => isKind(d, 'HTTPRoute') || isKind(d, 'GRPCRoute'))
    .map((d) => ({ d, age: str(d, 'creationTimestamp'), id: `${d.namespace}/${d.name}` }))
    .sort((a, b) => byAge(a.age, b.age) || collate(a.id, b.id));
  const routeStatus: RouteStatus[] = [];
  const base = { objects, grants, upstreams: options.upstreams, servicesGiven: options.servicesGiven, cache: new Map<string, Backend>() };
  /** per listener: the hostnames each route kind claims (an HTTPRoute and a GRPCRoute may not share one) */
  const claims = new Map<GatewayListener, { kind: string; host: string; route: string }[]>();
  const kindsOn = new Map<GatewayListener, Set<string>>();

  const contexts = new Map<string, BackendContext>();
  /** per virtual host, its routes' sort keys (in the order of its routes), made as the routes are */
  const keysOf = new Map<VirtualHost, SortKey[]>();
  for (const { d: doc, id } of routeDocs) {
    let ctx = contexts.get(doc.kind);
    if (!ctx) contexts.set(doc.kind, (ctx = { ...base, routeKind: doc.kind, verdicts: new Map() }));
    const shape = readRoute(doc);
    unsupportedRefs(findings, shape);
    refsNotPermitted(findings, shape, grants);
    // rules → (match, parts) once; attached below to every listener that accepts the route
    const rules: { parts: RuleParts; matches: { m: NonNullable<ReturnType<typeof readMatch>>; path: readonly (string | number)[]; origin: Origin; place: { rule: number; match: number }; key?: MatchKey }[] }[] = [];
    let refProblem: { reason: RefReason; message: string } | undefined;
    const rawRules = (doc.obj.spec as any)?.rules;
    for (let i = 0; i < shape.rules.length; i++) {
      const rule = shape.rules[i];
      const raw = rawRules?.[i];
      if (raw && (raw.timeouts !== undefined || raw.retry !== undefined || raw.sessionPersistence !== undefined)) {
        for (const f of ['timeouts', 'retry', 'sessionPersistence'] as const) {
          if (raw[f] !== undefined) unsupported(findings, doc, [...rule.path, f], `rules[].${f}`, 'Remove it; the rule routes without it.');
        }
      }
      const rf = rule.filters.length ? readFilters(doc, rule.filters, false) : NO_FILTERS;
      findings.push(...rf.findings);
      const backends = rule.backendRefs.map((b) => {
        const r = resolveBackendRef(doc, b, ctx);
        let wb: WeightedBackend = r;
        if (r.reason) {
          if (!refProblem) refProblem = { reason: r.reason, message: r.invalid ?? '' };
          const { reason: _reason, ...rest } = r;
          wb = rest;
        }
        if (!b.filters.length) return wb;
        const bf = readFilters(doc, b.filters, true);
        findings.push(...bf.findings);
        return Object.keys(bf.filters).length ? { ...wb, filters: bf.filters } : wb;
      });
      if (rf.cors) findings.push(...corsModifierFindings(doc, rf.cors, { shapes: rule.filters, filters: rf.filters }, rule.backendRefs.map((b, k) => ({ shapes: b.filters, filters: backends[k].filters }))));
      const policy = rf.cors ? { ...gatewayPolicy(), cors: rf.cors } : gatewayPolicy();
      const parts: RuleParts = { filters: rf.filters, backends, policy };
      const matches: (typeof rules)[number]['matches'] = [];
      const replacesPrefix = rf.filters.redirect?.path?.type === 'ReplacePrefixMatch' || rf.filters.rewrite?.path?.type === 'ReplacePrefixMatch';
      for (let j = 0; j < rule.matches.length; j++) {
        const m = rule.matches[j];
        const r = readMatch(doc, m, findings);
        if (!r) continue;
        if (replacesPrefix && r.kind !== 'Prefix') {
          findings.push(findingAt(doc, { ruleId: 'gateway-invalid-filter', path: m.path, message: 'ReplacePrefixMatch needs a PathPrefix match; this match is left out', hint: 'Use ReplaceFullPath, or a PathPrefix match.' }));
          continue;
        }
        // located now, after the rule's backendRefs (the part of the path they share is followed once)
        matches.push({ m: r, path: m.path, origin: originOf(doc, m.path), place: { rule: i, match: j } });
      }
      rules.push({ parts, matches });
    }

    const parents: RouteStatus['parents'] = [];
    // two parentRefs that reach one listener attach a match there once (one parentRef reaches each listener once)
    const attached = shape.parentRefs.length > 1 ? new Set<string>() : undefined;
    for (const ref of shape.parentRefs) {
      const accepted = attach(ref, doc, shape.hostnames, gateways, nsLabels);
      if (!accepted) continue; // a Gateway of another class, or not ours: no status from us
      const resolved = refProblem ? cond('ResolvedRefs', false, refProblem.reason, refProblem.message) : cond('ResolvedRefs', true, 'ResolvedRefs', 'all references resolved');
      // HTTPRoute and GRPCRoute on one listener with intersecting hostnames: the older route
      // (then namespace/name: the order routes are taken in here) is accepted, the other rejected
      const kept = accepted.listeners.filter(({ listener, hostnames }) => {
        const taken = claims.get(listener.model) ?? [];
        // only a route of the other kind can clash (most inputs have one kind: nothing to scan)
        const clash = kindsOn.get(listener.model)?.has(doc.kind === 'GRPCRoute' ? 'HTTPRoute' : 'GRPCRoute') ? taken.find((c) => c.kind !== doc.kind && hostnames.some((h) => overlaps(h, c.host))) : undefined;
        if (clash) {
          findings.push(findingAt(doc, { ruleId: 'gateway-route-conflict', path: ['spec', 'hostnames'], message: `${doc.kind} ${doc.namespace}/${doc.name} shares hostname ${clash.host || '(any)'} on listener ${listener.shape.name} with ${clash.kind} ${clash.route}, which is older (or first by namespace/name) and wins; this route is not attached there`, hint: 'Give HTTPRoutes and GRPCRoutes on one listener different hostnames.' }));
          return false;
        }
        for (const h of hostnames) taken.push({ kind: doc.kind, host: h, route: `${doc.namespace}/${doc.name}` });
        claims.set(listener.model, taken);
        if (!kindsOn.has(listener.model)) kindsOn.set(listener.model, new Set());
        kindsOn.get(listener.model)!.add(doc.kind);
        return true;
      });
      if (accepted.listeners.length && !kept.length) accepted.condition = cond('Accepted', false, 'HostnameConflict', `an ${doc.kind === 'GRPCRoute' ? 'HTTPRoute' : 'GRPCRoute'} claims the same hostname on every listener and wins (older, or first by namespace/name)`);
      accepted.listeners = kept;
      parents.push({ parentRef: parentText(ref), conditions: [accepted.condition, resolved] });
      for (const { listener, hostnames } of accepted.listeners) {
        for (const host of hostnames) {
          const vhost = vhostFor(listener.vhosts, host);
          let keys = keysOf.get(vhost);
          if (!keys) keysOf.set(vhost, (keys = []));
          for (const r of rules) {
            for (const entry of r.matches) {
              const { m, path } = entry;
              if (attached) {
                const k = `${listener.model.origin.namespace}/${listener.model.origin.name}/${listener.model.name}\u0000${host}\u0000${formatPath(path)}`;
                if (attached.has(k)) continue;
                attached.add(k);
              }
              const route = makeRoute(doc, host, m, path, r.parts, entry.origin);
              vhost.routes.push(route);
              keys.push(sortKey(route, (entry.key ??= matchKey(route, entry.place)), id));
            }
          }
        }
      }
    }
    routeStatus.push({ kind: doc.kind, namespace: doc.namespace, name: doc.name, parents, origin: originOf(doc, []) });
  }

  for (const g of gateways) {
    for (const l of g.listeners) {
      l.model.hosts = [...l.vhosts.values()].sort((a, b) => specificity(b.host) - specificity(a.host) || collate(a.host, b.host));
      for (const v of l.model.hosts) sortGatewayRoutes(v.routes, keysOf.get(v));
    }
  }
  return { gateways: gateways.map((g) => g.model), routeStatus, findings };
}

/** A Gateway API object that is not read: another kind, a version the release does not serve, the experimental group. */
function unsupportedObject(findings: Finding[], d: Document): void {
  const version = d.apiVersion.slice(d.apiVersion.indexOf('/') + 1);
  const served = SUPPORTED_VERSIONS[d.kind];
  if (groupOf(d.apiVersion) !== GATEWAY_GROUP) {
    unsupported(findings, d, ['kind'], `${d.kind} (${d.apiVersion}, the experimental channel's group)`, `ingressctl reads the standard channel of Gateway API ${GATEWAY_API_VERSION}; this object is not checked and routes nothing here.`);
  } else if (version !== 'v1' && version !== 'v1beta1') {
    unsupported(findings, d, ['apiVersion'], `${d.apiVersion} ${d.kind}`, 'Use gateway.networking.k8s.io/v1 (or v1beta1) of the standard channel.');
  } else if (!served) {
    unsupported(findings, d, ['kind'], `${d.kind} (Gateway API)`, `ingressctl reads ${Object.keys(SUPPORTED_VERSIONS).join(', ')}; this object is not routed.`);
  } else {
    findings.push(findingAt(d, { ruleId: 'gateway-unsupported', path: ['apiVersion'], message: `${d.apiVersion} ${d.kind} is not served by Gateway API ${GATEWAY_API_VERSION} (${GATEWAY_API_CHANNEL} channel); it is left out`, hint: `Use ${served.map((v) => `${GATEWAY_GROUP}/${v}`).join(' or ')}.` }));
  }
}

/** parentRefs to something other than a Gateway, backendRefs to something other than a core Service. */
function unsupportedRefs(findings: Finding[], route: RouteShape): void {
  const kindOf = (r: { group: string; kind: string }) => (r.group ? `${r.kind}.${r.group}` : r.kind);
  for (const ref of route.parentRefs) {
    if (ref.group === GATEWAY_GROUP && ref.kind === 'Gateway') continue;
    findings.push(findingAt(route.doc, { ruleId: 'gateway-unsupported', path: [...ref.path, 'kind'], message: `parentRef kind ${kindOf(ref)} is not supported: only Gateways are attached to here (a ListenerSet, or a Service for mesh routing, is not read)`, hint: 'Attach the route to a Gateway to route it offline.' }));
  }
  for (const rule of route.rules) {
    for (const ref of rule.backendRefs) {
      if (ref.group === '' && ref.kind === 'Service') continue;
      findings.push(findingAt(route.doc, { ruleId: 'gateway-unsupported', path: [...ref.path, 'kind'], message: `backendRef kind ${kindOf(ref)} is not supported: only core Services are routed to (this share of traffic answers 500 here)`, hint: 'Point the backendRef at a Service (group "", kind Service) to route it offline.' }));
    }
  }
}

/**
 * backendRefs into another namespace that no ReferenceGrant there allows (ResolvedRefs=False,
 * RefNotPermitted: the ref's share answers 500). A listener's certificateRef is checked where
 * the listener is read; both are one rule.
 */
function refsNotPermitted(findings: Finding[], route: RouteShape, grants: readonly GrantShape[]): void {
  for (const rule of route.rules) {
    for (const ref of rule.backendRefs) {
      if (referenceAllowed(grants, { group: GATEWAY_GROUP, kind: route.kind, namespace: route.namespace }, ref)) continue;
      findings.push(findingAt(route.doc, { ruleId: 'gateway-ref-not-permitted', path: [...ref.path, 'namespace'], message: `${route.kind} ${route.namespace}/${route.name} may not refer to ${ref.kind} ${ref.namespace}/${ref.name}: no ReferenceGrant in namespace ${ref.namespace} allows it; its share of the traffic answers 500`, hint: `Add a ReferenceGrant in namespace ${ref.namespace} with from: [{group: ${GATEWAY_GROUP}, kind: ${route.kind}, namespace: ${route.namespace}}] and to: [{group: "${ref.group}", kind: ${ref.kind}}].` }));
    }
  }
}

/** Two effective hostnames ("" for any) that some request host satisfies both. */
function overlaps(a: string, b: string): boolean {
  return !a || !b || intersect(a, b) !== undefined;
}

function str(d: Document, k: string): string | undefined {
  const v = d.obj.metadata?.[k];
  return typeof v === 'string' ? v : undefined;
}

function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
}

function vhostFor(vhosts: Map<string, VirtualHost>, host: string): VirtualHost {
  let v = vhosts.get(host);
  if (!v) vhosts.set(host, (v = { host, kind: host === '' ? 'any' : host.startsWith('*.') ? 'wildcard' : 'exact', routes: [] }));
  return v;
}

export function parentText(ref: ParentRefShape): string {
  return `${ref.namespace}/${ref.name}${ref.sectionName ? `/${ref.sectionName}` : ''}${ref.port !== undefined ? `:${ref.port}` : ''}`;
}

type GatewayEntry = { model: GatewayModel; listeners: { shape: ListenerShape; model: GatewayListener; vhosts: Map<string, VirtualHost> }[] };

/**
 * Which listeners of the parent Gateway take the route (sectionName, port, allowedRoutes
 * namespaces and kinds, hostnames), and the Accepted condition; undefined when the parent
 * is not a Gateway this run resolves (another class), which writes no status.
 */
function attach(ref: ParentRefShape, doc: Document, hostnames: readonly string[], gateways: readonly GatewayEntry[], nsLabels: ReadonlyMap<string, Record<string, string>>) {
  if (ref.group !== GATEWAY_GROUP || ref.kind !== 'Gateway') {
    return { condition: cond('Accepted', false, 'NoMatchingParent', `parentRef kind ${ref.kind} is not supported: only Gateways`), listeners: [] };
  }
  const g = gateways.find((x) => x.model.namespace === ref.namespace && x.model.name === ref.name);
  if (!g) return { condition: cond('Accepted', false, 'NoMatchingParent', `Gateway ${ref.namespace}/${ref.name} is not in the input (or not of the selected class)`), listeners: [] };
  const named = g.listeners.filter((l) => (ref.sectionName === undefined || l.shape.name === ref.sectionName) && (ref.port === undefined || l.shape.port === ref.port));
  if (!named.length) return { condition: cond('Accepted', false, 'NoMatchingParent', `Gateway ${ref.namespace}/${ref.name} has no listener${ref.sectionName ? ` named ${ref.sectionName}` : ''}${ref.port !== undefined ? ` on port ${ref.port}` : ''}`), listeners: [] };
  const labels = nsLabels.get(doc.namespace) ?? { 'kubernetes.io/metadata.name': doc.namespace };
  const allowed = named.filter((l) => {
    const s = l.shape;
    const nsOk = s.from === 'All' || (s.from === 'Same' && doc.namespace === g.model.namespace) || (s.from === 'Selector' && !!s.selector && selectorMatches(s.selector, labels));
    const kindOk = s.kinds.length === 0 || s.kinds.some((k) => k.group === GATEWAY_GROUP && k.kind === doc.kind);
    return nsOk && kindOk;
  });
  if (!allowed.length) return { condition: cond('Accepted', false, 'NotAllowedByListeners', `no listener of Gateway ${ref.namespace}/${ref.name} allows ${doc.kind}s from namespace ${doc.namespace}`), listeners: [] };
  const listeners = allowed.map((l) => ({ listener: l, hostnames: effectiveHostnames(l.shape.hostname, hostnames) })).filter((x) => x.hostnames.length);
  if (!listeners.length) return { condition: cond('Accepted', false, 'NoMatchingListenerHostname', `no hostname of the route intersects a listener hostname of Gateway ${ref.namespace}/${ref.name}`), listeners: [] };
  return { condition: cond('Accepted', true, 'Accepted', `attached to listener${listeners.length > 1 ? 's' : ''} ${listeners.map((x) => x.listener.shape.name).join(', ')}`), listeners };
}
