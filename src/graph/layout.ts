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

/** Nodes without an edge and outside any namespace box (collapsed namespaces, notes): a grid, not one tall column. */
function isolated(g: Graph): Set<string> {
  const linked = new Set<string>();
  for (const e of g.edges) linked.add(e.from).add(e.to);
  return new Set(g.nodes.filter((n) => !linked.has(n.key) && (n.group === '' || n.kind === 'namespace')).map((n) => n.key));
}

export function layoutGraph(whole: Graph): Layout {
  const alone = isolated(whole);
  const g: Graph = { nodes: whole.nodes.filter((n) => !alone.has(n.key)), edges: whole.edges };
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
  let width = g.nodes.length ? Math.ceil(info.width ?? 0) : 0;
  let height = g.nodes.length ? Math.ceil(info.height ?? 0) : 0;
  // the isolated nodes below the rest, in rows of equal cells, about as wide as tall
  const rest = whole.nodes.filter((n) => alone.has(n.key));
  if (rest.length) {
    const sizes = rest.map(nodeSize);
    const cellW = Math.max(...sizes.map((z) => z.width)) + 16;
    const cellH = Math.max(...sizes.map((z) => z.height)) + 14;
    const columns = Math.max(1, Math.ceil(Math.sqrt((rest.length * cellH) / cellW)), Math.floor(Math.max(width - 2 * MARGIN, 0) / cellW));
    const top = height ? height - MARGIN + 14 : MARGIN;
    rest.forEach((n, i) => {
      const col = i % columns;
      const row = Math.floor(i / columns);
      nodes.set(n.key, box({ x: MARGIN + col * cellW + sizes[i].width / 2, y: top + row * cellH + sizes[i].height / 2, width: sizes[i].width, height: sizes[i].height }));
    });
    width = Math.max(width, MARGIN * 2 + Math.min(columns, rest.length) * cellW);
    height = top + Math.ceil(rest.length / columns) * cellH + MARGIN;
  }
  return {
    width,
    height,
    nodes,
    edges,
    groups: groups.map((ns) => ({ namespace: ns, box: box(dg.node(`group ${ns}`) as never) })),
  };
}
