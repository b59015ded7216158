// Positions for the SVG, by dagre (@dagrejs/dagre: layered layout, left to right), with one
// cluster per namespace. Sizes come from text.ts, so a layout is the same on every run.
import dagre from '@dagrejs/dagre';
import { CHAR_WIDTH, LINE_HEIGHT, textWidth } from './text.js';
import { groupTitle } from './order.js';
import type { Graph, GraphEdge, GraphNode } from './types.js';

export const PAD_X = 10;
export const PAD_Y = 6;

export interface Point {
  x: number;
  y: number;
}
export interface Box extends Point {
  /** centre x, y; width and height */
  width: number;
  height: number;
}
export interface Layout {
  width: number;
  height: number;
  nodes: Map<string, Box>;
  edges: { edge: GraphEdge; points: Point[]; label?: Box }[];
  groups: { namespace: string; box: Box }[];
}

export function nodeSize(n: GraphNode): { width: number; height: number } {
  return { width: Math.ceil(Math.max(...n.lines.map(textWidth), CHAR_WIDTH * 8) + 2 * PAD_X), height: n.lines.length * LINE_HEIGHT + 2 * PAD_Y };
}

const MARGIN = 16;

export function layoutGraph(g: Graph): Layout {
  const dg = new dagre.graphlib.Graph({ multigraph: true, compound: true });
  dg.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 48, edgesep: 8, marginx: MARGIN, marginy: MARGIN });
  const groups = [...new Set(g.nodes.map((n) => n.group).filter((ns) => ns !== '' && g.nodes.some((n) => n.group === ns && n.kind !== 'namespace')))].sort();
  for (const ns of groups) dg.setNode(`group ${ns}`, { label: groupTitle(ns), paddingTop: LINE_HEIGHT + 8 } as never);
  for (const n of g.nodes) {
    dg.setNode(n.key, nodeSize(n));
    if (n.group !== '' && n.kind !== 'namespace') dg.setParent(n.key, `group ${n.group}`);
  }
  g.edges.forEach((e, i) => {
    const label = e.label ? { width: Math.ceil(textWidth(e.label)) + 6, height: LINE_HEIGHT, labelpos: 'c' as const } : {};
    dg.setEdge(e.from, e.to, { ...label, minlen: 1 }, String(i));
  });
  dagre.layout(dg);
  const round = (v: number) => Math.round(v * 10) / 10;
  const box = (b: { x: number; y: number; width: number; height: number }): Box => ({ x: round(b.x), y: round(b.y), width: round(b.width), height: round(b.height) });
  const nodes = new Map(g.nodes.map((n) => [n.key, box(dg.node(n.key) as never)]));
  const edges = g.edges.map((edge, i) => {
    const d = dg.edge({ v: edge.from, w: edge.to, name: String(i) }) as { points: Point[]; x?: number; y?: number; width?: number; height?: number };
    const points = d.points.map((p) => ({ x: round(p.x), y: round(p.y) }));
    return { edge, points, ...(edge.label && d.x !== undefined ? { label: box({ x: d.x, y: d.y!, width: d.width!, height: d.height! }) } : {}) };
  });
  const info = dg.graph() as { width?: number; height?: number };
  return {
    width: Math.ceil(info.width ?? 0),
    height: Math.ceil(info.height ?? 0),
    nodes,
    edges,
    groups: groups.map((ns) => ({ namespace: ns, box: box(dg.node(`group ${ns}`) as never) })),
  };
}
