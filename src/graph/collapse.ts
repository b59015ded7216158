// Large inputs: namespaces drawn as one node each, largest first, until at most `above`
// routes are left to draw. A collapsed node keeps the names of what it holds for search.
import type { Graph, GraphEdge, GraphNode } from './types.js';
import { edgeKey } from './types.js';

/** The default of --collapse-above: about what a layout draws in well under a second and a reader can follow. */
export const COLLAPSE_ABOVE = 100;

export const namespaceKey = (ns: string) => `namespace ${ns}`;

/** Namespaces to fold, largest first (then by name), until at most `above` routes are left; never '' or an expanded one. */
export function foldNamespaces(routeCounts: ReadonlyMap<string, number>, above: number, expand: readonly string[]): Set<string> {
  let total = 0;
  for (const n of routeCounts.values()) total += n;
  const folded = new Set<string>();
  if (above <= 0 || total <= above) return folded;
  const order = [...routeCounts.keys()].filter((ns) => ns !== '' && !expand.includes(ns)).sort((a, b) => routeCounts.get(b)! - routeCounts.get(a)! || a.localeCompare(b));
  for (const ns of order) {
    if (total <= above) break;
    folded.add(ns);
    total -= routeCounts.get(ns)!;
  }
  return folded;
}

export interface NamespaceSummary {
  hosts: number;
  routes: number;
  backends: number;
  /** the findings drawn on its members */
  findings: string[];
  /** members with a problem (missing Service, port, Secret) */
  problems: number;
  /** the first line of each member: a search finds the namespace by them */
  search: string[];
  marked?: boolean;
}

export function namespaceNode(ns: string, s: NamespaceSummary): GraphNode {
  const lines = [`namespace ${ns} (collapsed)`, `${s.hosts} hosts · ${s.routes} routes · ${s.backends} backends`];
  if (s.findings.length || s.problems) lines.push(`⚠ ${s.findings.length} findings · ${s.problems} problems`);
  return {
    key: namespaceKey(ns),
    kind: 'namespace',
    lines,
    group: ns,
    problem: s.problems > 0,
    findings: s.findings,
    search: s.search.join('\n'),
    ...(s.marked ? { mark: 'changed' as const } : {}),
  };
}

export function collapse(g: Graph, above: number, expand: readonly string[]): Graph {
  // routes by namespace, counted once (large inputs have tens of thousands of nodes)
  const counts = new Map<string, number>();
  let total = 0;
  for (const n of g.nodes) {
    if (n.kind !== 'route') continue;
    counts.set(n.group, (counts.get(n.group) ?? 0) + 1);
    total++;
  }
  const folded = foldNamespaces(counts, above, expand);
  if (!folded.size) return g;
  // every node of a folded namespace (its backends too) goes into the namespace's node
  const into = new Map<string, string>();
  const members = new Map<string, GraphNode[]>();
  for (const n of g.nodes) {
    if (!folded.has(n.group)) continue;
    into.set(n.key, namespaceKey(n.group));
    const list = members.get(n.group);
    if (list) list.push(n);
    else members.set(n.group, [n]);
  }
  const nodes: GraphNode[] = g.nodes.filter((n) => !into.has(n.key));
  for (const ns of [...folded].sort()) {
    const list = members.get(ns) ?? [];
    const count = (k: GraphNode['kind']) => list.filter((n) => n.kind === k).length;
    nodes.push(
      namespaceNode(ns, {
        hosts: count('host'),
        routes: counts.get(ns) ?? 0,
        backends: count('backend'),
        findings: list.flatMap((n) => n.findings),
        problems: list.filter((n) => n.problem).length,
        search: list.map((n) => n.lines[0]),
        marked: list.some((n) => n.mark),
      }),
    );
  }
  const seen = new Set<string>();
  const edges: GraphEdge[] = [];
  for (const e of g.edges) {
    const from = into.get(e.from) ?? e.from;
    const to = into.get(e.to) ?? e.to;
    if (from === to) continue;
    const folded = from !== e.from || to !== e.to;
    const edge: GraphEdge = folded ? { from, to, kind: e.kind } : e;
    const k = edgeKey(edge);
    if (seen.has(k)) continue;
    seen.add(k);
    edges.push(edge);
  }
  return { nodes, edges };
}
