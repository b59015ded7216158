// graph --diff OLD NEW: the union of both graphs, with what was added, removed or changed
// marked, and the probe requests whose outcome changes (from src/diff) listed in a note.
import type { OutcomeChange } from '../diff/behaviour.js';
import { collapse } from './collapse.js';
import { COLLAPSE_ABOVE } from './build.js';
import { edgeKey, type Graph, type GraphEdge, type GraphNode } from './types.js';

/** at most this many requests are listed in the picture; the rest are counted */
export const NOTE_REQUESTS = 25;

const same = (a: GraphNode, b: GraphNode) => a.lines.join('\n') === b.lines.join('\n') && a.signature === b.signature && a.problem === b.problem;

export function diffGraph(before: Graph, after: Graph, outcomes: readonly OutcomeChange[], options: { collapseAbove?: number; expand?: readonly string[] } = {}): Graph {
  const old = new Map(before.nodes.map((n) => [n.key, n]));
  const now = new Map(after.nodes.map((n) => [n.key, n]));
  const nodes: GraphNode[] = [];
  for (const n of after.nodes) {
    const o = old.get(n.key);
    nodes.push(!o ? { ...n, mark: 'added' } : same(o, n) ? n : { ...n, mark: 'changed' });
  }
  for (const n of before.nodes) if (!now.has(n.key)) nodes.push({ ...n, mark: 'removed' });

  const oldEdges = new Set(before.edges.map(edgeKey));
  const newEdges = new Set(after.edges.map(edgeKey));
  const edges: GraphEdge[] = [];
  for (const e of after.edges) edges.push(oldEdges.has(edgeKey(e)) ? e : { ...e, mark: 'added' });
  for (const e of before.edges) if (!newEdges.has(edgeKey(e))) edges.push({ ...e, mark: 'removed' });

  // a route that stayed but now goes elsewhere has changed
  const moved = new Set(edges.filter((e) => e.mark && (e.kind === 'backend' || e.kind === 'canary')).map((e) => e.from));
  for (const [i, n] of nodes.entries()) if (!n.mark && moved.has(n.key)) nodes[i] = { ...n, mark: 'changed' };

  nodes.push(requestNote(outcomes));
  return collapse({ nodes, edges }, options.collapseAbove ?? COLLAPSE_ABOVE, options.expand ?? []);
}

function requestNote(outcomes: readonly OutcomeChange[]): GraphNode {
  const lines = outcomes.length ? [`${outcomes.length} probe request${outcomes.length === 1 ? '' : 's'} change outcome (before → after):`] : ['No probe request changes its outcome.'];
  for (const o of outcomes.slice(0, NOTE_REQUESTS)) lines.push(`${o.request}: ${o.before} → ${o.after}`);
  if (outcomes.length > NOTE_REQUESTS) lines.push(`… and ${outcomes.length - NOTE_REQUESTS} more: ingressctl diff lists them all`);
  lines.push('Colours: added green, removed red (dashed), changed blue.');
  return { key: 'note requests', kind: 'note', lines, group: '', problem: false, findings: [], search: outcomes.map((o) => o.request).join('\n') };
}
