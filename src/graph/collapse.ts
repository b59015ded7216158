// Large inputs: namespaces drawn as one node each, largest first, until at most `above`
// routes are left to draw. A collapsed node keeps the names of what it holds for search.
import type { Graph, GraphEdge, GraphNode } from './types.js';
import { edgeKey } from './types.js';

export const namespaceKey = (ns: string) => `namespace ${ns}`;

export function collapse(g: Graph, above: number, expand: readonly string[]): Graph {
  const routes = (ns: string) => g.nodes.filter((n) => n.group === ns && n.kind === 'route').length;
  let total = g.nodes.filter((n) => n.kind === 'route').length;
  if (above <= 0 || total <= above) return g;
  const counts = new Map<string, number>();
  for (const n of g.nodes) if (n.kind === 'route') counts.set(n.group, (counts.get(n.group) ?? 0) + 1);
  const order = [...counts.keys()].filter((ns) => ns !== '' && !expand.includes(ns)).sort((a, b) => counts.get(b)! - counts.get(a)! || a.localeCompare(b));
  const folded = new Set<string>();
  for (const ns of order) {
    if (total <= above) break;
    folded.add(ns);
    total -= counts.get(ns)!;
  }
  // every node of a folded namespace (its backends too) goes into the namespace's node
  const into = new Map<string, string>();
  const members = new Map<string, GraphNode[]>();
  for (const n of g.nodes) {
    if (!folded.has(n.group)) continue;
    into.set(n.key, namespaceKey(n.group));
    members.set(n.group, [...(members.get(n.group) ?? []), n]);
  }
  const nodes: GraphNode[] = g.nodes.filter((n) => !into.has(n.key));
  for (const ns of [...folded].sort()) {
    const list = members.get(ns)!;
    const count = (k: GraphNode['kind']) => list.filter((n) => n.kind === k).length;
    const findings = list.reduce((s, n) => s + n.findings.length, 0);
    const problems = list.filter((n) => n.problem).length;
    const lines = [`namespace ${ns} (collapsed)`, `${count('host')} hosts · ${routes(ns)} routes · ${count('backend')} backends`];
    if (findings || problems) lines.push(`⚠ ${findings} findings · ${problems} problems`);
    nodes.push({
      key: namespaceKey(ns),
      kind: 'namespace',
      lines,
      group: ns,
      problem: problems > 0,
      findings: list.flatMap((n) => n.findings),
      search: list.map((n) => n.lines[0]).join('\n'),
      ...(list.some((n) => n.mark) ? { mark: 'changed' as const } : {}),
    });
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
