// Deterministic ids for output: nodes numbered in graph order, grouped by namespace.
import type { Graph, GraphNode } from './types.js';

export interface Numbered {
  id: Map<string, string>;
  /** namespaces in name order ('' first: drawn outside any group), each with its nodes */
  groups: [string, GraphNode[]][];
}

export function number(g: Graph): Numbered {
  const id = new Map<string, string>();
  g.nodes.forEach((n, i) => id.set(n.key, `n${i}`));
  const groups = new Map<string, GraphNode[]>();
  for (const n of g.nodes) groups.set(n.group, [...(groups.get(n.group) ?? []), n]);
  return { id, groups: [...groups].sort((a, b) => a[0].localeCompare(b[0])) };
}

/** Group titles: a collapsed namespace is its own node, not a box around nothing. */
export const groupTitle = (ns: string) => `namespace ${ns}`;
