// -o svg: the laid-out graph as one self-contained SVG (no fonts, images, styles or
// scripts from anywhere else). Every text from a manifest is XML-escaped.
import { edgeLook, nodeClass, nodeLook } from './style.js';
import { layoutGraph, PAD_X, PAD_Y, type Box, type Point } from './layout.js';
import { groupTitle } from './order.js';
import { FONT_FAMILY, FONT_SIZE, LINE_HEIGHT } from './text.js';
import type { Graph, GraphNode } from './types.js';

export const xml = (s: string) =>
  s.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '\ufffd').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const num = (v: number) => String(Math.round(v * 10) / 10);

function path(points: Point[]): string {
  return points.map((p, i) => `${i ? 'L' : 'M'}${num(p.x)},${num(p.y)}`).join(' ');
}

function lines(texts: readonly string[], left: number, top: number, weightFirst: boolean): string {
  return texts
    .map((t, i) => `<tspan x="${num(left)}" y="${num(top + (i + 1) * LINE_HEIGHT - 4)}"${i === 0 && weightFirst ? ' font-weight="bold"' : ''}>${xml(t)}</tspan>`)
    .join('');
}

function node(n: GraphNode, b: Box): string {
  const look = nodeLook(n);
  const x = b.x - b.width / 2;
  const y = b.y - b.height / 2;
  const rx = n.kind === 'host' ? b.height / 2 : n.kind === 'backend' ? 10 : 3;
  const title = [n.lines.join(' · '), ...n.findings].join('\n');
  const search = n.search ? ` data-search="${xml(n.search)}"` : '';
  return (
    `<g class="node ${nodeClass(n)}" data-kind="${n.kind}"${search}><title>${xml(title)}</title>` +
    `<rect x="${num(x)}" y="${num(y)}" width="${num(b.width)}" height="${num(b.height)}" rx="${num(rx)}" fill="${look.fill}" stroke="${look.stroke}" stroke-width="1.2"${look.dashed ? ' stroke-dasharray="5 3"' : ''}/>` +
    `<text font-size="${FONT_SIZE}" fill="#1f2328">${lines(n.lines, x + PAD_X, y + PAD_Y, n.kind !== 'route')}</text></g>`
  );
}

export function renderSvg(g: Graph): string {
  const layout = layoutGraph(g);
  const width = Math.max(layout.width, 200);
  const height = Math.max(layout.height, 60);
  const strokes = [...new Set(g.edges.map((e) => edgeLook(e).stroke))].sort();
  const markerId = (stroke: string) => `arrow-${stroke.slice(1)}`;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${xml(FONT_FAMILY)}" font-size="${FONT_SIZE}">`);
  out.push('<title>ingressctl graph</title>');
  out.push('<defs>' + strokes.map((s) => `<marker id="${markerId(s)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${s}"/></marker>`).join('') + '</defs>');
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  for (const { namespace, box } of layout.groups) {
    const x = box.x - box.width / 2;
    const y = box.y - box.height / 2;
    out.push(`<g class="group" data-namespace="${xml(namespace)}"><rect x="${num(x)}" y="${num(y)}" width="${num(box.width)}" height="${num(box.height)}" rx="6" fill="#fafbfc" stroke="#c4c9d0" stroke-dasharray="3 3"/><text x="${num(x + 8)}" y="${num(y + 15)}" fill="#57606a">${xml(groupTitle(namespace))}</text></g>`);
  }
  for (const { edge, points, label } of layout.edges) {
    const look = edgeLook(edge);
    let s = `<g class="edge ${edge.kind}${edge.mark ? ` ${edge.mark}` : ''}"><path d="${path(points)}" fill="none" stroke="${look.stroke}" stroke-width="1.2"${look.dashed ? ' stroke-dasharray="5 3"' : ''} marker-end="url(#${markerId(look.stroke)})"/>`;
    if (label && edge.label) {
      s += `<rect x="${num(label.x - label.width / 2)}" y="${num(label.y - label.height / 2)}" width="${num(label.width)}" height="${num(label.height)}" fill="#ffffff" opacity="0.85"/>`;
      s += `<text x="${num(label.x)}" y="${num(label.y + 4)}" text-anchor="middle" font-size="${FONT_SIZE - 1}" fill="${look.stroke}">${xml(edge.label)}</text>`;
    }
    out.push(s + '</g>');
  }
  for (const n of g.nodes) out.push(node(n, layout.nodes.get(n.key)!));
  out.push('</svg>');
  return out.join('\n') + '\n';
}
