// -o html: one file, the SVG and a search box (inline script and style; nothing loaded
// from anywhere). A search dims every node whose text does not contain the words typed.
import { renderSvg, xml } from './svg.js';
import type { Graph } from './types.js';

export const SEARCH_SCRIPT = `
(function () {
  var box = document.getElementById('graph-search');
  var count = document.getElementById('graph-count');
  function run() {
    var q = box.value.trim().toLowerCase();
    var nodes = document.querySelectorAll('svg g.node');
    var hits = 0;
    nodes.forEach(function (n) {
      var text = (n.textContent + '\\n' + (n.getAttribute('data-search') || '')).toLowerCase();
      var hit = q !== '' && text.indexOf(q) >= 0;
      if (hit) hits++;
      n.classList.toggle('hit', hit);
      n.classList.toggle('dim', q !== '' && !hit);
    });
    count.textContent = q === '' ? nodes.length + ' nodes' : hits + ' of ' + nodes.length + ' nodes match';
  }
  box.addEventListener('input', run);
  run();
})();
`;

export const SEARCH_STYLE = `
svg g.node.dim { opacity: 0.25; }
svg g.node.hit rect { stroke: #d4a000; stroke-width: 3; }
`;

export function renderHtml(g: Graph, title = 'ingressctl graph'): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${xml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0; }
header { position: sticky; top: 0; background: #f6f8fa; border-bottom: 1px solid #d0d7de; padding: 8px 12px; }
#graph-search { width: 28em; padding: 4px 6px; }
#graph-count { color: #57606a; margin-left: 1em; }
main { overflow: auto; padding: 12px; }
${SEARCH_STYLE}
</style>
</head>
<body>
<header><input id="graph-search" type="search" placeholder="search hosts, paths, backends, rule ids" autofocus><span id="graph-count"></span></header>
<main>
${renderSvg(g)}</main>
<script>${SEARCH_SCRIPT}</script>
</body>
</html>
`;
}
