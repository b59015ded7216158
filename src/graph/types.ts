// The graph `ingressctl graph` draws: nodes and edges made from the route model, before
// any output format or layout. Every renderer (Mermaid, DOT, SVG) reads only this.

export type NodeKind = 'gateway' | 'listener' | 'host' | 'route' | 'backend' | 'catch-all' | 'redirect' | 'namespace' | 'note';
/** what `graph --diff` says about a node or edge */
export type Mark = 'added' | 'removed' | 'changed';

export interface GraphNode {
  /** stable key, unique in the graph (e.g. "route cafe.example.com Prefix /tea") */
  key: string;
  kind: NodeKind;
  /** the text drawn, one entry per line */
  lines: string[];
  /** the namespace group it is drawn in ('' for none) */
  group: string;
  /** missing Service, port or Secret, or an error-level finding */
  problem: boolean;
  /** "rule-id: message" of each finding drawn on it */
  findings: string[];
  mark?: Mark;
  /** extra text a search finds it by (a collapsed namespace's hosts); never drawn */
  search?: string;
  /** what a diff compares beyond the drawn lines (a route's policy) */
  signature?: string;
}

export type EdgeKind = 'route' | 'backend' | 'canary' | 'default' | 'redirect';

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  label?: string;
  mark?: Mark;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export const edgeKey = (e: GraphEdge) => `${e.from}\u0000${e.to}\u0000${e.kind}\u0000${e.label ?? ''}`;
