// serve's page: one HTML document with its style and script inline (no other file, no CDN).
// Everything from the model or from requests is put on the page as text (textContent),
// never as HTML; the graph is the SVG `graph -o svg` makes, whose text is escaped.
import { SEARCH_STYLE } from '../../graph/html.js';

const STYLE = `
body { font: 14px system-ui, sans-serif; margin: 0; color: #1f2328; }
header { background: #24292f; color: #fff; padding: 8px 16px; }
header h1 { font-size: 16px; margin: 0; display: inline; }
header span { margin-left: 1em; color: #c9d1d9; }
main { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; padding: 12px; }
section { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; overflow: auto; min-width: 0; }
section.wide { grid-column: 1 / 3; }
h2 { font-size: 14px; margin: 4px 0 8px; }
table { border-collapse: collapse; width: 100%; font: 12px ui-monospace, monospace; }
th, td { text-align: left; padding: 2px 8px 2px 0; border-bottom: 1px solid #eaeef2; vertical-align: top; }
#requests { max-height: 22em; }
.s2 { color: #1a7f37; } .s3 { color: #9a6700; } .s4, .s5, .saborted { color: #cf222e; }
#reloads li { margin-bottom: 6px; } .refused { color: #cf222e; } .finding { font: 12px ui-monospace, monospace; color: #57606a; }
#explain-out { background: #f6f8fa; padding: 8px; white-space: pre-wrap; font: 12px ui-monospace, monospace; min-height: 3em; }
#explain-url { width: 60%; }
${SEARCH_STYLE}
`;

const SCRIPT = `
(function () {
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) e.textContent = String(text); if (cls) e.className = cls; return e; }
  function row(cells, cls) { var tr = el('tr', undefined, cls); cells.forEach(function (c) { tr.appendChild(el('td', c)); }); return tr; }
  function backend(b) { return b ? b.namespace + '/' + b.service + ':' + (b.port === null ? (b.portName || '?') : b.port) : ''; }
  function origin(o) { return o ? o.namespace + '/' + o.name + ' ' + o.file + ':' + o.line : '--default-backend'; }

  function loadRoutes() {
    return fetch('api/routes').then(function (r) { return r.json(); }).then(function (m) {
      var body = document.querySelector('#routes tbody');
      body.textContent = '';
      m.hosts.forEach(function (h) {
        var host = h.host || '*';
        var tls = h.tls ? h.tls.secret + (h.tls.usable ? '' : ' (self-signed)') : '-';
        h.routes.forEach(function (r) { body.appendChild(row([host, tls, r.match.value, r.match.kind, backend(r.backend), origin(r.origin)], 'route')); });
        if (h.defaultBackend) body.appendChild(row([host, tls, '(default)', '-', backend(h.defaultBackend.backend), origin(h.defaultBackend.origin)], 'route'));
      });
      if (m.defaultBackend) body.appendChild(row(['(catch-all)', '-', '-', '-', backend(m.defaultBackend.backend), origin(m.defaultBackend.origin)], 'route'));
      document.getElementById('route-count').textContent = String(body.children.length);
    });
  }

  function loadGraph() {
    return fetch('api/graph.svg').then(function (r) { return r.text(); }).then(function (svg) {
      document.getElementById('graph').innerHTML = svg; // serve's own SVG: every text in it is escaped
    });
  }

  function addRequest(q) {
    var body = document.querySelector('#requests tbody');
    var tr = row([q.time.slice(11, 23), q.method, q.scheme + '://' + q.host + q.path, q.status, q.route || '(no route)', q.upstream, q.ms.toFixed(1) + ' ms'], 'request s' + String(q.status).charAt(0));
    body.insertBefore(tr, body.firstChild);
    while (body.children.length > 100) body.removeChild(body.lastChild);
  }

  function addReload(r) {
    var list = document.getElementById('reloads');
    var li = el('li', undefined, 'reload ' + r.what);
    li.appendChild(el('strong', r.time.slice(11, 19) + ' ' + (r.what === 'start' ? 'started' : r.what === 'reloaded' ? 'reloaded' : 'reload refused: the last good configuration stays')));
    li.appendChild(el('span', ' ' + r.routes + ' routes, ' + r.findings.length + ' findings'));
    if (r.error) li.appendChild(el('div', r.error, 'finding'));
    r.findings.forEach(function (f) { li.appendChild(el('div', (f.where ? f.where + ': ' : '') + f.severity + ': ' + f.message + ' [' + f.ruleId + ']', 'finding')); });
    list.insertBefore(li, list.firstChild);
  }

  function explain(ev) {
    ev.preventDefault();
    var url = document.getElementById('explain-url').value;
    var method = document.getElementById('explain-method').value;
    var out = document.getElementById('explain-out');
    fetch('api/explain?url=' + encodeURIComponent(url) + '&method=' + encodeURIComponent(method)).then(function (r) { return r.json(); }).then(function (d) {
      if (d.error) { out.textContent = d.error; return; }
      var lines = [d.request, '→ ' + (d.status === 200 ? backend(d.backend) : d.location ? d.status + ' redirect to ' + d.location : String(d.status)) + (d.route ? '  (' + d.route.id + ')' : ''), 'why: ' + d.reason];
      (d.notes || []).forEach(function (n) { lines.push('note: ' + n); });
      if (d.candidates.length) lines.push('candidates, in precedence order:');
      d.candidates.forEach(function (c) { lines.push('  ' + (c.matched ? '✓ ' : '✗ ') + c.route + ': ' + c.reason); });
      out.textContent = lines.join('\\n');
    });
  }

  document.getElementById('explain-form').addEventListener('submit', explain);
  Promise.all([loadRoutes(), loadGraph()]).then(function () {
    var events = new EventSource('api/events');
    events.addEventListener('request', function (e) { addRequest(JSON.parse(e.data)); });
    events.addEventListener('reload', function (e) {
      var r = JSON.parse(e.data);
      addReload(r);
      if (r.what === 'reloaded') { loadRoutes(); loadGraph(); }
    });
    events.addEventListener('open', function () { document.body.setAttribute('data-live', '1'); });
  });
})();
`;

export function pageHtml(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ingressctl serve</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>ingressctl serve</h1><span id="where"></span></header>
<main>
<section class="wide"><h2>Routes (<span id="route-count">0</span>)</h2>
<table id="routes"><thead><tr><th>host</th><th>TLS</th><th>path</th><th>match</th><th>backend</th><th>origin</th></tr></thead><tbody></tbody></table></section>
<section class="wide"><h2>Graph</h2><div id="graph"></div></section>
<section><h2>Explain a request</h2>
<form id="explain-form"><select id="explain-method"><option>GET</option><option>POST</option><option>PUT</option><option>DELETE</option><option>HEAD</option><option>OPTIONS</option></select>
<input id="explain-url" type="text" placeholder="https://cafe.example.com/tea" required> <button type="submit">explain</button></form>
<pre id="explain-out"></pre></section>
<section><h2>Reloads</h2><ul id="reloads"></ul></section>
<section class="wide" id="requests"><h2>Last requests</h2>
<table><thead><tr><th>time</th><th>method</th><th>URL</th><th>status</th><th>route</th><th>upstream</th><th>time taken</th></tr></thead><tbody></tbody></table></section>
</main>
<script>document.getElementById('where').textContent = ${JSON.stringify(title).replace(/</g, '\\u003c')};</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
