// Route model (+ the findings about it) → the graph: hosts, routes, backends, default
// backends, with findings drawn on the route they concern. Nothing here reads manifests
// except to place a finding about a route the model dropped (see place-findings.ts).
import type { Document } from '../load/document.js';
import { formatBackend } from '../model/backends.js';
import type { Finding } from '../findings/finding.js';
import type { Backend, Canary, Route, RouteModel, VirtualHost } from '../model/types.js';
import { COLLAPSE_ABOVE, collapse, foldNamespaces, namespaceKey, namespaceNode, type NamespaceSummary } from './collapse.js';
import { hostKey, isMissingBackend, placeFindings, routeKey } from './place-findings.js';
import { edgeKey, type Graph, type GraphEdge, type GraphNode } from './types.js';

export interface GraphOptions {
  /** findings about the model (lint's); those at warning and error level are drawn */
  findings?: readonly Finding[];
  /** the documents the findings point into (to place findings about dropped routes) */
  documents?: readonly Document[];
  /** draw only routes with findings or missing backends, with their hosts and backends */
  onlyFindings?: boolean;
  /** collapse namespaces, largest first, while more routes than this would be drawn (0: never) */
  collapseAbove?: number;
  /** namespaces never collapsed */
  expand?: readonly string[];
  /** record what a diff compares beyond the drawn text (each route's policy) */
  signatures?: boolean;
}

export { COLLAPSE_ABOVE };

export const backendKey = (b: Backend) => `backend ${formatBackend(b)}`;
const hostLabel = (v: VirtualHost) => (v.host === '' ? '* (any host)' : v.host);

function routeCounts(model: RouteModel): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of model.hosts) counts.set(hostNamespace(v), (counts.get(hostNamespace(v)) ?? 0) + v.routes.length);
  return counts;
}

/** The namespace a host is drawn in: that of the first Ingress that defines it. */
function hostNamespace(v: VirtualHost): string {
  return v.routes[0]?.origin.namespace ?? v.defaultBackend?.origin.namespace ?? v.tls?.origin.namespace ?? '';
}

function tlsLine(v: VirtualHost): { text: string; problem: boolean } {
  if (!v.tls) return { text: 'HTTP only', problem: false };
  const secret = `${v.tls.secretNamespace}/${v.tls.secretName}`;
  if (!v.tls.usable) return { text: `TLS ${secret}: Secret missing or unusable (self-signed)`, problem: true };
  const to = v.tls.certificate?.validTo;
  return { text: `TLS ${secret}${to ? `, expires ${new Date(to).toISOString().slice(0, 10)}` : ''}`, problem: false };
}

export function canaryLabel(c: Canary): string {
  const when: string[] = [];
  if (c.header) when.push(c.header.kind === 'value' ? `header ${c.header.name}=${c.header.value}` : c.header.kind === 'pattern' ? `header ${c.header.name}~${c.header.pattern}` : `header ${c.header.name}=always`);
  if (c.cookie) when.push(`cookie ${c.cookie}=always`);
  if (c.weight > 0) when.push(`${pct(c.weight, c.weightTotal)}`);
  return `canary: ${when.join(' or ') || 'never (weight 0)'}`;
}

const pct = (n: number, total: number) => `${Math.round((n * 1000) / total) / 10}%`;
const findingText = (f: Finding) => `${f.severity === 'error' ? '✖' : '⚠'} ${f.ruleId}`;

export function buildGraph(model: RouteModel, options: GraphOptions = {}): Graph {
  const drawn = (options.findings ?? []).filter((f) => f.severity !== 'info');
  const { placed } = placeFindings(model, drawn, options.documents ?? []);
  const onNode = new Map<string, Finding[]>();
  for (const [f, at] of placed) onNode.set(at.node, [...(onNode.get(at.node) ?? []), f]);

  const above = options.collapseAbove ?? COLLAPSE_ABOVE;
  const expand = options.expand ?? [];
  // namespaces to fold are known from the model: a large input never builds the thousands
  // of nodes it will not draw (--only-findings first filters, then folds what is left)
  const folded = options.onlyFindings ? new Set<string>() : foldNamespaces(routeCounts(model), above, expand);
  const summaries = new Map<string, NamespaceSummary & { backendSet: Set<string> }>();
  const summary = (ns: string) => {
    let s = summaries.get(ns);
    if (!s) summaries.set(ns, (s = { hosts: 0, routes: 0, backends: 0, findings: [], problems: 0, search: [], backendSet: new Set() }));
    return s;
  };

  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const linked = new Set<string>();
  /** an edge from or to a folded namespace, once */
  const link = (e: GraphEdge) => {
    const k = edgeKey(e);
    if (e.from === e.to || linked.has(k)) return;
    linked.add(k);
    edges.push(e);
  };
  const add = (n: Omit<GraphNode, 'findings' | 'problem'> & { problem?: boolean }) => {
    const found = onNode.get(n.key) ?? [];
    const node: GraphNode = { ...n, problem: !!n.problem || found.some((f) => f.severity === 'error'), findings: found.map((f) => `${findingText(f)}: ${f.message}`) };
    if (found.length) node.lines = [...node.lines, ...[...new Set(found.map(findingText))]];
    nodes.set(n.key, node);
    return node;
  };
  const missing = new Map<string, string[]>();
  const backend = (b: Backend, why: string[]) => {
    if (folded.has(b.namespace)) {
      const s = summary(b.namespace);
      const name = formatBackend(b);
      if (!s.backendSet.has(name)) {
        s.backendSet.add(name);
        s.search.push(name);
        if (why.length) s.problems++;
      }
      return namespaceKey(b.namespace);
    }
    const key = backendKey(b);
    const prev = missing.get(key) ?? [];
    missing.set(key, [...new Set([...prev, ...why])]);
    if (!nodes.has(key)) add({ key, kind: 'backend', lines: [formatBackend(b)], group: b.namespace });
    return key;
  };
  const missingWhy = (route: string, canary: boolean) =>
    (onNode.get(route) ?? []).filter((f) => isMissingBackend(f) && (placed.get(f)?.canary ?? false) === canary).map((f) => (f.ruleId === 'service-not-found' ? 'Service missing' : 'port missing'));

  for (const v of model.hosts) {
    const group = hostNamespace(v);
    const tls = tlsLine(v);
    const h = hostKey(v.host);
    if (folded.has(group)) {
      foldHost(v, group);
      continue;
    }
    add({ key: h, kind: 'host', lines: [hostLabel(v), tls.text], group, problem: tls.problem });
    for (const r of v.routes) {
      const key = routeKey(r.id);
      const kind = r.match.kind === r.match.pathType ? r.match.kind : `${r.match.kind} (${r.match.pathType})`;
      add({ key, kind: 'route', lines: [r.match.value, `${kind} · ${r.origin.namespace}/${r.origin.name}`], group, ...(options.signatures ? { signature: JSON.stringify([r.policy, r.filters ?? null, r.canary ? canaryLabel(r.canary) : '']) } : {}) });
      edges.push({ from: h, to: key, kind: 'route' });
      const main = backend(r.backend, missingWhy(key, false));
      if (r.canary) {
        edges.push({ from: key, to: main, kind: 'backend', ...(r.canary.weight > 0 ? { label: pct(r.canary.weightTotal - r.canary.weight, r.canary.weightTotal) } : {}) });
        edges.push({ from: key, to: backend(r.canary.backend, missingWhy(key, true)), kind: 'canary', label: canaryLabel(r.canary) });
      } else edges.push({ from: key, to: main, kind: 'backend' });
    }
    if (v.defaultBackend) edges.push({ from: h, to: backend(v.defaultBackend.backend, []), kind: 'default', label: 'default backend' });
  }

  // Gateway API: Gateway → listener → host → route (HTTPRoute/GRPCRoute rule) → weighted backends
  for (const gw of model.gateways ?? []) {
    const name = `${gw.namespace}/${gw.name}`;
    const g = `gateway ${name}`;
    add({ key: g, kind: 'gateway', lines: [`Gateway ${name}`, `class ${gw.className}`], group: gw.namespace });
    for (const l of gw.listeners) {
      const lk = `listener ${name} ${l.name}`;
      const tls = l.protocol === 'HTTPS' ? tlsLine({ tls: l.tls } as VirtualHost) : undefined;
      add({ key: lk, kind: 'listener', lines: [`listener ${l.name}`, `${l.protocol} :${l.port}${l.hostname ? ` ${l.hostname}` : ''}`, ...(tls ? [tls.text] : [])], group: gw.namespace, problem: tls?.problem ?? false });
      edges.push({ from: g, to: lk, kind: 'route' });
      for (const v of l.hosts) {
        const h = `${lk} host ${v.host}`;
        add({ key: h, kind: 'host', lines: [hostLabel(v)], group: gw.namespace });
        edges.push({ from: lk, to: h, kind: 'route' });
        for (const r of v.routes) gatewayRoute(h, `${lk} route ${r.id}`, r, gw.namespace);
      }
    }
  }

  function gatewayRoute(from: string, key: string, r: Route, group: string): void {
    const refs = r.backends ?? [{ backend: r.backend, weight: 1, origin: r.origin }];
    const total = refs.reduce((n, b) => n + b.weight, 0);
    const invalid = refs.filter((b) => !b.backend || b.invalid).map((b) => `✖ ${b.invalid ?? 'no backend'}`);
    const lines = [r.grpc ? `${r.grpc.service ?? '*'}/${r.grpc.method ?? '*'}` : r.match.value, `${r.grpc ? 'gRPC' : r.match.kind} · ${r.origin.kind} ${r.origin.namespace}/${r.origin.name}`];
    const redirect = !!r.filters?.redirect;
    if (redirect) lines.push('redirect (RequestRedirect)');
    else if (!refs.length) lines.push('500: no backendRef');
    add({ key, kind: 'route', lines: [...lines, ...invalid], group, problem: invalid.length > 0 || (!refs.length && !redirect), ...(options.signatures ? { signature: JSON.stringify([r.policy, r.conditions ?? null, r.filters ?? null, refs.map((b) => [b.backend ? formatBackend(b.backend) : '', b.weight])]) } : {}) });
    edges.push({ from, to: key, kind: 'route' });
    for (const b of refs) {
      if (!b.backend || b.invalid) continue;
      edges.push({ from: key, to: backend(b.backend, []), kind: 'backend', ...(refs.length > 1 && total > 0 ? { label: pct(b.weight, total) } : {}) });
    }
  }

  /** A host of a folded namespace: counted, searched by name, its backends linked to the namespace's node. */
  function foldHost(v: VirtualHost, ns: string): void {
    const s = summary(ns);
    const at = namespaceKey(ns);
    const findings = (key: string) => {
      for (const f of onNode.get(key) ?? []) s.findings.push(`${findingText(f)}: ${f.message}`);
    };
    s.hosts++;
    s.routes += v.routes.length;
    s.search.push(hostLabel(v));
    if (tlsLine(v).problem) s.problems++;
    findings(hostKey(v.host));
    for (const r of v.routes) {
      const key = routeKey(r.id);
      findings(key);
      link({ from: at, to: backend(r.backend, missingWhy(key, false)), kind: 'backend' });
      if (r.canary) link({ from: at, to: backend(r.canary.backend, missingWhy(key, true)), kind: 'canary' });
    }
    if (v.defaultBackend) link({ from: at, to: backend(v.defaultBackend.backend, []), kind: 'default' });
  }
  for (const r of model.hostRedirects ?? []) {
    const key = `redirect ${r.host}`;
    add({ key, kind: 'redirect', lines: [r.host, `${r.code} redirect`], group: r.origin.namespace });
    const to = hostKey(r.to);
    if (nodes.has(to)) edges.push({ from: key, to, kind: 'redirect', label: String(r.code) });
  }
  if (model.defaultBackend) {
    add({ key: 'catch-all', kind: 'catch-all', lines: ['(catch-all)', 'any host or path no rule matches'], group: '' });
    edges.push({ from: 'catch-all', to: backend(model.defaultBackend.backend, []), kind: 'default', label: 'default backend' });
  }
  for (const ns of [...folded].sort()) {
    const s = summaries.get(ns);
    if (s) nodes.set(namespaceKey(ns), namespaceNode(ns, { ...s, backends: s.backendSet.size }));
  }
  for (const [key, why] of missing) {
    const n = nodes.get(key)!;
    if (why.length) {
      n.problem = true;
      n.lines = [...n.lines, ...why];
    }
  }
  let graph: Graph = { nodes: [...nodes.values()], edges };
  if (options.onlyFindings) graph = troubled(graph);
  return collapse(graph, above, expand);
}

/** Only routes (and hosts) with findings or a missing backend, and what they connect to. */
function troubled(g: Graph): Graph {
  const byKey = new Map(g.nodes.map((n) => [n.key, n]));
  const bad = (k: string) => {
    const n = byKey.get(k)!;
    return n.findings.length > 0 || n.problem;
  };
  const keep = new Set<string>();
  for (const e of g.edges) {
    const from = byKey.get(e.from)!;
    const to = byKey.get(e.to)!;
    if ((from.kind === 'route' && (bad(e.from) || bad(e.to))) || (from.kind === 'host' && to.kind === 'backend' && bad(e.to))) {
      keep.add(e.from);
      keep.add(e.to);
    }
  }
  for (const n of g.nodes) if (bad(n.key)) keep.add(n.key);
  // a kept route keeps its host
  for (const e of g.edges) if (e.kind === 'route' && keep.has(e.to)) keep.add(e.from);
  return { nodes: g.nodes.filter((n) => keep.has(n.key)), edges: g.edges.filter((e) => keep.has(e.from) && keep.has(e.to) && (e.kind !== 'default' || bad(e.from) || bad(e.to))) };
}
