// ingressctl graph: the route model as a picture (Mermaid, DOT, SVG, HTML).
export { buildGraph, COLLAPSE_ABOVE, type GraphOptions } from './build.js';
export { diffGraph } from './diff.js';
export { renderMermaid } from './mermaid.js';
export { renderDot } from './dot.js';
export { renderSvg } from './svg.js';
export { renderHtml } from './html.js';
export type { Graph, GraphNode, GraphEdge } from './types.js';
