// ingressctl graph: what each output draws, and that it is valid for its own parser.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildGraph, renderDot, renderHtml, renderMermaid, renderSvg } from '../../src/graph/index.js';
import { textWidth, CHAR_WIDTH } from '../../src/graph/text.js';
import { join } from 'node:path';
import { ROOT, cli, ingress, modelOf } from '../helpers.js';
import { checkSelfContained, checkSvg, parseDot, parseMermaid, svgTexts } from './validate.js';

const SERVICES = (names: string[]) =>
  names.map((n) => `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ${n}\nspec:\n  ports:\n    - port: 80\n`).join('');

test('cafe: the host with its TLS Secret and expiry, each route, each backend (Mermaid by default)', async () => {
  const r = await cli(['graph', 'fixtures/cafe']);
  assert.is(r.code, 0, r.stderr);
  await parseMermaid(r.stdout);
  assert.match(r.stdout, /^flowchart LR\n/);
  assert.match(r.stdout, /\(\["cafe\.example\.com<br>TLS default\/cafe-secret, expires \d{4}-\d\d-\d\d"\]\)/);
  for (const s of ['/tea<br>Prefix', '/coffee<br>Prefix', '[("default/tea-svc:80")]', '[("default/coffee-svc:80")]']) assert.ok(r.stdout.includes(s), s);
  assert.match(r.stdout, /subgraph g0\["namespace default"\]/);
});

test('every output is the same on every run', async () => {
  for (const o of ['mermaid', 'dot', 'svg', 'html']) {
    const a = await cli(['graph', 'fixtures/routing', '-o', o]);
    const b = await cli(['graph', 'fixtures/routing', '-o', o]);
    assert.ok(a.stdout.length > 100, o);
    assert.is(a.stdout, b.stdout, o);
  }
});

test('findings are drawn on the route they concern, with the rule id', async () => {
  const mm = (await cli(['graph', 'fixtures/routing'])).stdout;
  await parseMermaid(mm);
  // the shadowed Exact /api/v9, the route that won a duplicate, regex contagion on a plain path
  assert.match(mm, /\["\/api\/v9<br>Exact · default\/regex-neighbours<br>⚠ shadowed-route"\]/);
  assert.match(mm, /\["\/dup<br>Prefix · default\/dup-old<br>⚠ duplicate-route"\]/);
  assert.match(mm, /⚠ regex-contagion/);
  const dot = (await cli(['graph', 'fixtures/conflicts', '-o', 'dot'])).stdout;
  parseDot(dot);
  assert.match(dot, /label="\/v1\/\\nPrefix · default\/team-a\\n⚠ duplicate-route\\n⚠ prefix-trailing-slash"/);
});

test('a missing Service, a missing port and a missing TLS Secret are marked', () => {
  const yaml =
    ingress('web', 'shop.example.com', [['/a', 'Prefix', 'there'], ['/b', 'Prefix', 'gone']], { tls: 'no-such-secret' }) +
    `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ports
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /c
            pathType: Prefix
            backend:
              service:
                name: there
                port:
                  number: 81
` +
    SERVICES(['there']);
  const model = modelOf(yaml);
  const g = buildGraph(model, { findings: model.findings });
  const node = (first: string) => g.nodes.find((n) => n.lines[0] === first)!;
  assert.ok(node('default/gone:80').problem);
  assert.ok(node('default/gone:80').lines.includes('Service missing'));
  assert.ok(node('default/there:81').lines.includes('port missing'));
  assert.not.ok(node('default/there:80').problem);
  assert.ok(node('shop.example.com').problem);
  assert.match(node('shop.example.com').lines[1], /TLS default\/no-such-secret: Secret missing/);
});

test('--only-findings draws the troubled routes with their hosts and backends, nothing else', async () => {
  const r = await cli(['graph', 'fixtures/routing', '--only-findings']);
  await parseMermaid(r.stdout);
  assert.ok(r.stdout.includes('shadowed-route'));
  assert.ok(r.stdout.includes('regex.example.com'));
  assert.not.ok(r.stdout.includes('exact.example.com'), 'a host without findings is left out');
  const none = await cli(['graph', 'fixtures/cafe', '--only-findings']);
  await parseMermaid(none.stdout);
  assert.ok(none.stdout.includes('No route has a finding or a missing backend.'));
  const all = await cli(['graph', 'fixtures/routing']);
  assert.ok(r.stdout.length < all.stdout.length / 2);
});

test('a canary draws the split: weights on the main edge, the condition on the canary edge', () => {
  const model = modelOf(
    ingress('main', 'c.example.com', [['/', 'Prefix', 'stable']]) +
      ingress('canary', 'c.example.com', [['/', 'Prefix', 'beta']], { annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '20', 'nginx.ingress.kubernetes.io/canary-by-header': 'x-canary' } }),
  );
  const g = buildGraph(model);
  const edges = g.edges.filter((e) => e.kind !== 'route').map((e) => `${e.kind} ${e.to} ${e.label ?? ''}`);
  assert.equal(edges, ['backend backend default/stable:80 80%', 'canary backend default/beta:80 canary: header x-canary=always or 20%']);
});

test('default backends: the host\'s own and the catch-all', async () => {
  const r = await cli(['graph', 'fixtures/routing', '-o', 'dot', '--default-backend', 'fallback:80']);
  parseDot(r.stdout);
  assert.match(r.stdout, /label="\(catch-all\)\\nany host or path no rule matches"/);
  assert.match(r.stdout, /-> n\d+ \[color="#5f6b7a", style="dashed", label="default backend"\]/);
});

test('manifest text cannot break out of a label in Mermaid, DOT or SVG', async () => {
  // the model refuses most characters in paths; a regex path keeps quotes, brackets and '<'
  const hostile = '/a"]-->x;<script>|\\N#quot;&amp;';
  const model = modelOf(ingress('evil', 'e.example.com', [[hostile, 'ImplementationSpecific', 'svc']], { annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } }));
  const g = buildGraph(model, { findings: model.findings });
  const route = g.nodes.find((n) => n.kind === 'route')!;
  assert.is(route.lines[0], hostile);
  const mm = renderMermaid(g);
  await parseMermaid(mm);
  assert.not.ok(mm.includes('<script>'));
  // HTML references, never Mermaid's #NNN; codes (which some Mermaid versions draw undecoded)
  assert.ok(mm.includes('["/a&quot;]--&gt;x;&lt;script&gt;|\\N&num;quot;&amp;amp;<br>'), mm);
  assert.not.match(mm, /#\w+;/);
  parseDot(renderDot(g));
  const doc = checkSvg(renderSvg(g));
  assert.ok(svgTexts(doc).includes(hostile), 'the SVG shows the text as written');
  checkSelfContained(renderHtml(g));
});

test('Mermaid: a %%{init}%% directive in manifest text does not configure the diagram', async () => {
  // Mermaid looks for directives anywhere in the text, inside quoted labels too
  const hostile = "/a%%{init:{'theme':'dark','themeCSS':'.node{display:none}'}}%%";
  const model = modelOf(ingress('evil', 'e.example.com', [[hostile, 'ImplementationSpecific', 'svc']], { annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } }));
  const g = buildGraph(model, { findings: model.findings });
  assert.is(g.nodes.find((n) => n.kind === 'route')!.lines[0], hostile);
  const mm = renderMermaid(g);
  assert.equal(await parseMermaid(mm), {}, mm);
  assert.not.ok(mm.includes('%%'), mm);
});

test('SVG: self-contained, well-formed, every host and backend as text; HTML adds a search box', async () => {
  const svg = (await cli(['graph', 'fixtures/routing', '-o', 'svg'])).stdout;
  const texts = svgTexts(checkSvg(svg));
  const routes = JSON.parse((await cli(['routes', 'fixtures/routing', '-o', 'json'])).stdout) as { hosts: { host: string; routes: { backend: { namespace: string; service: string; port: number } }[] }[] };
  for (const h of routes.hosts) {
    assert.ok(texts.includes(h.host || '* (any host)'), h.host);
    for (const r of h.routes) assert.ok(texts.includes(`${r.backend.namespace}/${r.backend.service}:${r.backend.port}`));
  }
  const html = (await cli(['graph', 'fixtures/cafe', '-o', 'html'])).stdout;
  checkSelfContained(html);
  assert.match(html, /<input id="graph-search" type="search"/);
  assert.ok(html.includes('<svg xmlns="http://www.w3.org/2000/svg"'));
});

test('text is measured from the characters alone: wide ones count twice', () => {
  assert.is(textWidth('cafe'), 4 * CHAR_WIDTH);
  assert.is(textWidth('日本'), 4 * CHAR_WIDTH);
  assert.is(textWidth('e\u0301'), CHAR_WIDTH);
});

test('large inputs: namespaces collapse, largest first, beyond --collapse-above; --expand keeps one drawn', async () => {
  let yaml = '';
  for (let ns = 0; ns < 6; ns++) for (let h = 0; h <= ns; h++) yaml += ingress(`i${h}`, `h${h}.ns${ns}.example.com`, [['/a', 'Prefix', 's'], ['/b', 'Prefix', 's']], { namespace: `ns${ns}` });
  const model = modelOf(yaml);
  const g = buildGraph(model, { collapseAbove: 10 });
  const collapsed = g.nodes.filter((n) => n.kind === 'namespace').map((n) => n.lines[0]);
  // 42 routes: ns5 (12), ns4 (10), ns3 (8), ns2 (6) fold; 6 are left
  assert.equal(collapsed.sort(), ['namespace ns2 (collapsed)', 'namespace ns3 (collapsed)', 'namespace ns4 (collapsed)', 'namespace ns5 (collapsed)']);
  assert.is(g.nodes.filter((n) => n.kind === 'route').length, 6);
  assert.match(g.nodes.find((n) => n.key === 'namespace ns5')!.search!, /h5\.ns5\.example\.com/);
  const expanded = buildGraph(model, { collapseAbove: 10, expand: ['ns5'] });
  assert.ok(expanded.nodes.some((n) => n.lines[0] === 'h5.ns5.example.com'));
  assert.is(buildGraph(model, { collapseAbove: 0 }).nodes.filter((n) => n.kind === 'namespace').length, 0);
  await parseMermaid(renderMermaid(g));
  parseDot(renderDot(g));
  checkSvg(renderSvg(g));
  const help = (await cli(['graph', '--help'])).stdout;
  assert.match(help, /--collapse-above <routes>[\s\S]*\(default: 100\)/);
});

test('graph --diff: the union graph, added/removed/changed marked, the changed requests listed', async () => {
  const r = await cli(['graph', '--diff', 'fixtures/diff/backend-port-changed/old', 'fixtures/diff/backend-port-changed/new', '-o', 'dot']);
  assert.is(r.code, 0, r.stderr);
  parseDot(r.stdout);
  assert.match(r.stdout, /class="removed"/);
  assert.match(r.stdout, /class="added"/);
  assert.match(r.stdout, /class="changed"/);
  assert.match(r.stdout, /probe requests? change outcome/);
  const mm = (await cli(['graph', '--diff', 'fixtures/diff/path-added/old', 'fixtures/diff/path-added/new'])).stdout;
  await parseMermaid(mm);
  assert.match(mm, /class [n\d,]+ added/);
  const same = (await cli(['graph', '--diff', 'fixtures/diff/no-behaviour-change/old', 'fixtures/diff/no-behaviour-change/new'])).stdout;
  assert.ok(same.includes('No probe request changes its outcome.'));
  checkSvg((await cli(['graph', '--diff', 'fixtures/diff/tls-removed/old', 'fixtures/diff/tls-removed/new', '-o', 'svg'])).stdout);
});

test('usage: --diff needs OLD and NEW; unreadable input exits 2; error findings exit 1', async () => {
  assert.is((await cli(['graph', '--diff', 'fixtures/cafe'])).code, 2);
  assert.is((await cli(['graph', 'fixtures/invalid/syntax-error.yaml'])).code, 2);
  assert.is((await cli(['graph', 'fixtures/cafe', '--collapse-above', 'many'])).code, 2);
  assert.is((await cli(['graph', 'fixtures/cafe', '--now', 'yesterday'])).code, 2);
  const broken = ingress('bad', 'b.example.com', [['/x', 'Prefix', 'svc']]).replace('number: 80', 'number: 70000');
  const r = await cli(['graph', '-'], broken);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /invalid-backend/);
});

test('Gateway API: Gateway → listener (port, TLS) → host → route → weighted backends; unusable backendRefs marked', async () => {
  const r = await cli(['graph', 'fixtures/gateway-routing']);
  await parseMermaid(r.stdout);
  assert.match(r.stdout, /\[\["Gateway default\/gw<br>class ingressctl"\]\]/);
  assert.match(r.stdout, /\[\["listener https-a<br>HTTPS :443 a\.secure\.example\.com<br>TLS default\/secure-tls, expires \d{4}-\d\d-\d\d"\]\]/);
  assert.match(r.stdout, /\["\/<br>Prefix · HTTPRoute default\/secure-a"\]/);
  assert.match(r.stdout, /-->\|"50%"\|/);
  assert.match(r.stdout, /✖ Service default\/no-such-service is not in the input/);
  checkSvg((await cli(['graph', 'fixtures/gateway-routing', '-o', 'svg'])).stdout);
});

test('docs/cafe-graph.svg is what graph draws for fixtures/cafe (npm run docs:graph writes it)', async () => {
  const { existsSync, readFileSync } = await import('node:fs');
  const file = join(ROOT, 'docs', 'cafe-graph.svg');
  assert.ok(existsSync(file), 'docs/cafe-graph.svg is missing: run npm run docs:graph');
  const now = (await cli(['graph', 'fixtures/cafe', '-o', 'svg', '--now', '2026-01-01T00:00:00Z'])).stdout;
  assert.ok(readFileSync(file, 'utf8') === now, 'docs/cafe-graph.svg is stale: run npm run docs:graph');
});

test.run();
