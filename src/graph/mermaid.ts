// -o mermaid: a flowchart for GitHub/GitLab Markdown. Every label is a quoted string, so
// no manifest text can end it or inject Mermaid syntax: the characters that could (", and
// HTML's <, >, &, with # and ` that Mermaid reads as entity codes and Markdown strings) are
// written as HTML named references. Not Mermaid's own #NNN; codes: some Mermaid versions
// draw those undecoded. And a % beside another %: Mermaid reads a %%{init…}%% directive
// (which configures the diagram) anywhere in the text, quoted labels included.
import { edgeLook, nodeClass, nodeLook } from './style.js';
import { groupTitle, number } from './order.js';
import type { Graph, GraphNode } from './types.js';

const NAMED: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;', '#': '&num;', '`': '&grave;', '%': '&percnt;' };
const SPECIAL = /[&"<>#`]|%(?=%)|(?<=%)%/g;
const text = (s: string) => s.replace(/[\x00-\x1f\x7f]/g, ' ').replace(SPECIAL, (c) => NAMED[c]);
const label = (lines: readonly string[]) => `"${lines.map(text).join('<br>')}"`;

function shape(n: GraphNode, id: string): string {
  const l = label(n.lines);
  switch (n.kind) {
    case 'host':
      return `${id}([${l}])`;
    case 'backend':
      return `${id}[(${l})]`;
    case 'route':
      return `${id}[${l}]`;
    default:
      return `${id}[[${l}]]`;
  }
}

export function renderMermaid(g: Graph): string {
  const { id, groups } = number(g);
  const out = ['flowchart LR'];
  groups.forEach(([ns, nodes], i) => {
    if (ns === '') for (const n of nodes) out.push(`  ${shape(n, id.get(n.key)!)}`);
    else {
      out.push(`  subgraph g${i}[${label([groupTitle(ns)])}]`);
      for (const n of nodes) out.push(`    ${shape(n, id.get(n.key)!)}`);
      out.push('  end');
    }
  });
  const styles: string[] = [];
  g.edges.forEach((e, i) => {
    const dashed = edgeLook(e).dashed;
    const arrow = dashed ? '-.->' : '-->';
    out.push(`  ${id.get(e.from)} ${arrow}${e.label ? `|${label([e.label])}|` : ''} ${id.get(e.to)}`);
    const look = edgeLook(e);
    if (e.mark || e.kind === 'canary') styles.push(`  linkStyle ${i} stroke:${look.stroke}`);
  });
  out.push(...styles);
  const classes = new Map<string, string[]>();
  for (const n of g.nodes) classes.set(nodeClass(n), [...(classes.get(nodeClass(n)) ?? []), id.get(n.key)!]);
  for (const [cls, ids] of [...classes].sort((a, b) => a[0].localeCompare(b[0]))) {
    const look = nodeLook(g.nodes.find((n) => nodeClass(n) === cls)!);
    out.push(`  classDef ${cls.replace(/-/g, '_')} fill:${look.fill},stroke:${look.stroke}${look.dashed ? ',stroke-dasharray:4 3' : ''}`);
    out.push(`  class ${ids.join(',')} ${cls.replace(/-/g, '_')}`);
  }
  return out.join('\n') + '\n';
}
