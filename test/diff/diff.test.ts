// ingressctl diff on before/after pairs: the exact requests whose outcome must change.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli } from '../helpers.js';

const diff = async (name: string, ...extra: string[]) => {
  const r = await cli(['diff', `fixtures/diff/${name}/old`, `fixtures/diff/${name}/new`, '-o', 'json', ...extra]);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return { code: r.code, ...JSON.parse(r.stdout) } as { code: number; routes: any[]; outcomes: { request: string; before: string; after: string }[] };
};
const changed = (outcomes: { request: string }[]) => outcomes.map((o) => o.request).sort();

test('path added: only requests under the new path change', async () => {
  const d = await diff('path-added');
  assert.equal(d.routes.map((r) => `${r.change} ${r.what}`), ['added Prefix /admin → default/admin:80']);
  assert.equal(changed(d.outcomes).sort(), [
    'http://shop.example.com/admin', 'http://shop.example.com/admin/', 'http://shop.example.com/admin/child', 'http://shop.example.com/admin?probe=1',
    'https://shop.example.com/admin', 'https://shop.example.com/admin/', 'https://shop.example.com/admin/child', 'https://shop.example.com/admin?probe=1',
    // a port in the Host header takes no part in host matching
    'http://shop.example.com:8080/admin', 'https://shop.example.com:8443/admin',
  ].sort());
  assert.ok(d.outcomes.every((o) => o.before.startsWith('default/web:80') && o.after.startsWith('default/admin:80')));
  assert.ok(!changed(d.outcomes).includes('http://shop.example.com/adminbar'), 'the neighbour /adminbar must not change');
});

test('pathType Prefix → Exact: the children and the trailing slash fall to /', async () => {
  const d = await diff('pathtype-prefix-to-exact');
  assert.equal(d.routes.map((r) => `${r.what}: ${r.before} → ${r.after}`), ['/api match: Prefix (Prefix) → Exact (Exact)']);
  assert.equal(changed(d.outcomes), ['http://shop.example.com/api/', 'http://shop.example.com/api/child', 'https://shop.example.com/api/', 'https://shop.example.com/api/child']);
});

test('backend port changed: every request to that route changes backend', async () => {
  const d = await diff('backend-port-changed');
  assert.is(d.outcomes.length, 10); // 3 paths, one with a query string and one with a port in the Host header, over HTTP and HTTPS
  assert.ok(d.outcomes.every((o) => o.before.startsWith('default/api:80') && o.after.startsWith('default/api:8080')));
});

test('TLS removed: HTTPS requests get the default certificate', async () => {
  const d = await diff('tls-removed');
  assert.equal(d.routes.map((r) => r.what), ['TLS']);
  assert.ok(d.outcomes.length > 0);
  assert.ok(d.outcomes.every((o) => o.request.startsWith('https://') && o.after.endsWith('[default certificate]')));
});

test('Ingress class changed: with --ingress-class the host disappears', async () => {
  const d = await diff('class-changed', '--ingress-class', 'nginx');
  assert.equal(d.routes.map((r) => `${r.change} ${r.host}`), ['removed shop.example.com']);
  assert.ok(d.outcomes.every((o) => o.after === '404'));
});

test('a regex route added: only the requests it matches change', async () => {
  const d = await diff('regex-introduced');
  assert.equal(changed(d.outcomes), ['http://shop.example.com/search/x', 'https://shop.example.com/search/x']);
});

test('reordered and split manifests with the same routing report no change', async () => {
  const d = await diff('no-behaviour-change');
  assert.equal(d.routes, []);
  assert.equal(d.outcomes, []);
});

test('--exit-code exits 1 only when an outcome differs; markdown for pull requests', async () => {
  const a = await cli(['diff', 'fixtures/diff/path-added/old', 'fixtures/diff/path-added/new', '--exit-code']);
  assert.is(a.code, 1);
  const b = await cli(['diff', 'fixtures/diff/no-behaviour-change/old', 'fixtures/diff/no-behaviour-change/new', '--exit-code']);
  assert.is(b.code, 0);
  const md = await cli(['diff', 'fixtures/diff/path-added/old', 'fixtures/diff/path-added/new', '-o', 'markdown']);
  assert.match(md.stdout, /\| added \| shop\.example\.com \| Prefix \/admin → default\/admin:80 \|/);
  assert.match(md.stdout, /#### Requests whose outcome changes: 10/);
  // the picture of the change, as graph --diff draws it
  assert.match(md.stdout, /<details><summary>Picture \(ingressctl graph --diff\)<\/summary>\n\n```mermaid\nflowchart LR\n[\s\S]*class [n\d,]+ added\n[\s\S]*```\n\n<\/details>\n$/);
});

test('--requests adds requests of your own', async () => {
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'ingressctl-req-')), 'requests.yaml');
  writeFileSync(file, 'requests:\n  - http://shop.example.com/admin/deep/page\n  - {url: "https://shop.example.com/admin?x=1", method: post}\n');
  const d = await diff('path-added', '--requests', file);
  assert.ok(changed(d.outcomes).includes('http://shop.example.com/admin/deep/page'));
  assert.ok(changed(d.outcomes).includes('POST https://shop.example.com/admin?x=1'));
});

test('--from-compat ingress-nginx: what a migration off ingress-nginx changes for one set of manifests', async () => {
  // ingress-nginx reads ImplementationSpecific /foo as a plain string prefix: /foobar matched
  const yaml = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: legacy}\nspec:\n  rules:\n    - host: a.example.com\n      http:\n        paths:\n          - {path: /foo, pathType: ImplementationSpecific, backend: {service: {name: foo, port: {number: 80}}}}\n';
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'ingressctl-compat-')), 'ing.yaml');
  writeFileSync(file, yaml);
  const r = await cli(['diff', '--from-compat', 'ingress-nginx', file, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  const foobar = d.outcomes.filter((o: any) => o.request.endsWith('a.example.com/foobar'));
  assert.ok(foobar.length > 0, r.stdout);
  assert.ok(foobar.every((o: any) => o.before.startsWith('default/foo:80') && o.after === '404'));
  const usage = await cli(['diff', '--from-compat', 'ingress-nginx', file, file]);
  assert.is(usage.code, 2);
  assert.is((await cli(['diff', file])).code, 2);
});

test.run();
