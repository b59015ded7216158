import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli } from '../helpers.js';

const explain = async (...args: string[]) => {
  const r = await cli(['explain', ...args, '-o', 'json']);
  return { ...r, json: r.stdout ? JSON.parse(r.stdout) : undefined };
};

test('explain -o json names the backend, route and origin', async () => {
  const { code, json } = await explain('https://cafe.example.com/tea/green', 'fixtures/cafe');
  assert.is(code, 0);
  assert.is(json.status, 200);
  assert.equal(json.backend, { namespace: 'default', service: 'tea-svc', port: 80 });
  assert.is(json.route.match.value, '/tea');
  assert.is(json.route.origin.file, 'fixtures/cafe/cafe-ingress.yaml');
  assert.is(json.route.origin.line, 15);
  assert.is(json.candidates.length, 2);
  assert.is(json.candidates.find((c: any) => !c.matched).route, 'cafe.example.com/coffee (Prefix)');
});

test('explain gives 308 with the location for plain HTTP to a TLS host', async () => {
  const { json } = await explain('http://cafe.example.com/coffee?x=1', 'fixtures/cafe');
  assert.is(json.status, 308);
  assert.is(json.location, 'https://cafe.example.com/coffee?x=1');
  assert.is(json.backend, null);
});

test('explain puts a non-443 HTTPS port into the location', async () => {
  const { json } = await explain('http://cafe.example.com/coffee', 'fixtures/cafe', '--https-port', '8443');
  assert.is(json.location, 'https://cafe.example.com:8443/coffee');
});

test('explain 404 when nothing matches and no default backend exists', async () => {
  const { json } = await explain('https://cafe.example.com/juice', 'fixtures/cafe');
  assert.is(json.status, 404);
  assert.is(json.backend, null);
  assert.is(json.route, null);
});

test('a URL with another scheme than http or https is a usage error, not host "ftp:" and path "//host/…"', async () => {
  const r = await cli(['explain', 'ftp://cafe.example.com/tea', 'fixtures/cafe']);
  assert.is(r.code, 2);
  assert.is(r.stdout, '');
  assert.is(r.stderr, 'ingressctl: cannot read URL "ftp://cafe.example.com/tea": the scheme is ftp://; only http:// and https:// are requests here\n');
  const spec = await cli(['test', '-', 'fixtures/cafe'], 'tests:\n  - request: { url: "ws://cafe.example.com/tea", headers: { host: cafe.example.com } }\n    expect: { status: 404 }\n');
  assert.is(spec.code, 2);
  assert.match(spec.stderr, /^<stdin>:2:14: error: request "ws:\/\/cafe\.example\.com\/tea" is not a URL \(the scheme is ws:\/\/; only http:\/\/ and https:\/\/ are requests here\) \[test-spec\]$/m);
});

test('a path without a host: the reason says the request names no host (not "host  and")', async () => {
  const r = await cli(['explain', '/tea', 'fixtures/cafe']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /why: the request names no host and there are no host-less rules; no path matched \/tea/);
});

test('explain uses -H Host over the URL authority', async () => {
  const { json } = await explain('http://127.0.0.1:8080/cart', 'fixtures/wildcard', '-H', 'Host: shop.example.com');
  assert.equal(json.backend, { namespace: 'web', service: 'cart-index', port: 80 });
});

test('explain reports the host default backend and the catch-all', async () => {
  const a = await explain('http://shop.example.com/other', 'fixtures/wildcard');
  assert.is(a.json.backend.service, 'shop-fallback');
  assert.is(a.json.via, 'host-default');
  const b = await explain('http://a.b.example.com/', 'fixtures/wildcard');
  assert.is(b.json.backend.service, 'not-found-page');
  assert.is(b.json.via, 'catch-all');
});

test('explain refuses an encoded slash with 400', async () => {
  const { json } = await explain('https://cafe.example.com/tea%2Fx', 'fixtures/cafe');
  assert.is(json.status, 400);
});

test('explain text output says why', async () => {
  const r = await cli(['explain', 'https://cafe.example.com/tea', 'fixtures/cafe']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /→ default\/tea-svc:80/);
  assert.match(r.stdout, /✗ cafe\.example\.com\/coffee \(Prefix\)/);
});

test('explain port is the resolved Service port for a named port', async () => {
  const { json } = await explain('http://backends.example.com/endpoints', 'fixtures/endpoints');
  assert.equal(json.backend, { namespace: 'prod', service: 'with-endpoints', port: 80 });
});

test('--ingress-class keeps only that class (field or legacy annotation)', async () => {
  const a = await cli(['routes', 'fixtures/cafe', 'fixtures/v1beta1', '--ingress-class', 'nginx', '-o', 'json']);
  assert.is(JSON.parse(a.stdout).hosts.length, 2);
  const b = await cli(['routes', 'fixtures/cafe', '--ingress-class', 'traefik', '-o', 'json']);
  assert.is(JSON.parse(b.stdout).hosts.length, 0);
});

test('class-less Ingresses count only when an IngressClass of that name is the default', async () => {
  const ing = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: nocls}\nspec:\n  rules:\n    - host: x.example.com\n      http:\n        paths:\n          - {path: /, pathType: Prefix, backend: {service: {name: s, port: {number: 80}}}}\n';
  const cls = (def: boolean) => `---\napiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\n  annotations: {ingressclass.kubernetes.io/is-default-class: "${def}"}\nspec: {controller: k8s.io/ingress-nginx}\n`;
  const a = await cli(['routes', '-', '--ingress-class', 'nginx', '-o', 'json'], ing + cls(true));
  assert.is(JSON.parse(a.stdout).hosts.length, 1);
  const b = await cli(['routes', '-', '--ingress-class', 'nginx', '-o', 'json'], ing + cls(false));
  assert.is(JSON.parse(b.stdout).hosts.length, 0);
});

test('--default-backend is the catch-all when no Ingress defines one', async () => {
  const { json } = await explain('https://cafe.example.com/juice', 'fixtures/cafe', '--default-backend', 'ops/fallback:8080');
  assert.equal(json.backend, { namespace: 'ops', service: 'fallback', port: 8080 });
  const bad = await cli(['explain', 'http://x/', 'fixtures/cafe', '--default-backend', 'not a backend']);
  assert.is(bad.code, 2);
});

test('--upstream sends a backend to a fixed address', async () => {
  const r = await cli(['routes', 'fixtures/cafe', '--upstream', 'tea-svc=127.0.0.1:9001', '-o', 'json']);
  const tea = JSON.parse(r.stdout).hosts[0].routes.find((x: any) => x.backend.service === 'tea-svc');
  assert.equal(tea.backend.upstream, { kind: 'endpoints', endpoints: [{ ip: '127.0.0.1', port: 9001 }] });
  const bad = await cli(['routes', 'fixtures/cafe', '--upstream', 'tea-svc=nowhere']);
  assert.is(bad.code, 2);
});

test('routes -o yaml prints the same model as json', async () => {
  const y = await cli(['routes', 'fixtures/cafe', '-o', 'yaml']);
  const j = await cli(['routes', 'fixtures/cafe', '-o', 'json']);
  const { parse } = await import('yaml');
  assert.equal(parse(y.stdout), JSON.parse(j.stdout));
});

test('colour only on a TTY and never with NO_COLOR', async () => {
  const { run } = await import('../../src/cli/run.js');
  let out = '';
  const io = (env: Record<string, string>) => ({ stdout: { write: (s: string) => (out += s), isTTY: true }, stderr: { write: () => 0, isTTY: true }, stdin: () => '', env, cwd: process.cwd() });
  await run(['routes', 'fixtures/cafe'], io({}));
  assert.match(out, /\x1b\[/);
  out = '';
  await run(['routes', 'fixtures/cafe'], io({ NO_COLOR: '1' }));
  assert.not.match(out, /\x1b\[/);
  out = '';
  await run(['routes', 'fixtures/cafe', '--no-color'], io({}));
  assert.not.match(out, /\x1b\[/);
});

test.run();
