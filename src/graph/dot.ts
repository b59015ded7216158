// -o dot: Graphviz, one cluster per namespace. Strings are quoted with " and \ escaped
// (a backslash would otherwise start a Graphviz escape such as \N).
import { edgeLook, nodeClass, nodeLook } from './style.js';
import { groupTitle, number } from './order.js';
import type { Graph, GraphNode } from './types.js';

const escape = (s: string) => s.replace(/[\x00-\x1f\x7f]/g, ' ').replace(/[\\"]/g, (c) => `\\${c}`);
const quote = (s: string) => `"${escape(s)}"`;
const SHAPE: Record<GraphNode['kind'], string> = { gateway: 'house', listener: 'box', host: 'ellipse', route: 'box', backend: 'cylinder', 'catch-all': 'box', redirect: 'box', namespace: 'box3d', note: 'note' };

function node(n: GraphNode, id: string): string {
  const look = nodeLook(n);
  const style = ['filled', ...(look.dashed ? ['dashed'] : []), ...(n.kind === 'route' ? ['rounded'] : [])].join(',');
  const label = `"${n.lines.map(escape).join('\\n')}"`;
  return `${id} [label=${label}, shape=${SHAPE[n.kind]}, style=${quote(style)}, fillcolor=${quote(look.fill)}, color=${quote(look.stroke)}, class=${quote(nodeClass(n))}];`;
}

export function renderDot(g: Graph): string {
  const { id, groups } = number(g);
  const out = ['digraph ingress {', '  rankdir=LR;', '  node [fontname="monospace", fontsize=10];', '  edge [fontname="monospace", fontsize=9];'];
  groups.forEach(([ns, nodes], i) => {
    if (ns === '') for (const n of nodes) out.push(`  ${node(n, id.get(n.key)!)}`);
    else {
      out.push(`  subgraph cluster_${i} {`, `    label=${quote(groupTitle(ns))};`, '    style="rounded";', '    color="#9aa0a6";');
      for (const n of nodes) out.push(`    ${node(n, id.get(n.key)!)}`);
      out.push('  }');
    }
  });
  for (const e of g.edges) {
    const look = edgeLook(e);
    const attrs = [`color=${quote(look.stroke)}`, ...(look.dashed ? ['style="dashed"'] : []), ...(e.label ? [`label=${quote(e.label)}`] : [])];
    out.push(`  ${id.get(e.from)} -> ${id.get(e.to)} [${attrs.join(', ')}];`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}
