// Colours and line styles, one table for every output format.
import type { EdgeKind, GraphEdge, GraphNode, Mark, NodeKind } from './types.js';

export interface Look {
  fill: string;
  stroke: string;
  dashed?: boolean;
}

const KIND: Record<NodeKind, Look> = {
  gateway: { fill: '#dbe4f0', stroke: '#1f3f6e' },
  listener: { fill: '#e3edfb', stroke: '#2f5f9e' },
  host: { fill: '#e3edfb', stroke: '#2f5f9e' },
  route: { fill: '#ffffff', stroke: '#5f6b7a' },
  backend: { fill: '#e6f4ea', stroke: '#2e7d32' },
  'catch-all': { fill: '#f1f3f4', stroke: '#5f6b7a' },
  redirect: { fill: '#f1f3f4', stroke: '#5f6b7a' },
  namespace: { fill: '#f3e8fd', stroke: '#6a3d9a' },
  note: { fill: '#fffbe6', stroke: '#a58b00' },
};

const MARK: Record<Mark, Look> = {
  added: { fill: '#d7f5dd', stroke: '#1a7f37' },
  removed: { fill: '#ffe1e0', stroke: '#cf222e', dashed: true },
  changed: { fill: '#ddf4ff', stroke: '#0969da' },
};

const FINDING: Look = { fill: '#fff4d6', stroke: '#b26a00' };
const PROBLEM: Look = { fill: '#fde2e1', stroke: '#c62828', dashed: true };

/** A diff's mark decides first; then a missing thing; then a finding; then the kind. */
export function nodeLook(n: GraphNode): Look {
  if (n.mark) return MARK[n.mark];
  if (n.problem) return PROBLEM;
  if (n.findings.length) return FINDING;
  return KIND[n.kind];
}

export function edgeLook(e: GraphEdge): { stroke: string; dashed: boolean } {
  if (e.mark) return { stroke: MARK[e.mark].stroke, dashed: e.mark === 'removed' };
  const dashed: EdgeKind[] = ['canary', 'default', 'redirect'];
  return { stroke: e.kind === 'canary' ? '#b26a00' : '#5f6b7a', dashed: dashed.includes(e.kind) };
}

/** The class name a node gets in Mermaid, DOT comments and SVG. */
export function nodeClass(n: GraphNode): string {
  return n.mark ?? (n.problem ? 'problem' : n.findings.length ? 'finding' : n.kind);
}
