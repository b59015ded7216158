// render --target gateway-api: every fixture converts, the output is valid against the
// Gateway API CRD schemas and CEL rules, and --verify finds no change a loss does not explain.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import { readBack, renderGatewayApi, verifyGateway } from '../../src/emit/gateway-api/index.js';
import { quote, yamlStream } from '../../src/emit/gateway-api/yaml.js';
import { gatewayRegex } from '../../src/gateway/decide.js';
import { parse } from 'yaml';
import { cli, ROOT } from '../helpers.js';
import { lintText } from '../lint/helpers.js';

const API = new Set(['schema', 'crd-validation']);

function convert(paths: string[]) {
  const load = loadInputs(paths);
  const model = resolve(load.documents);
  const out = renderGatewayApi(load.documents, model, { gatewayName: 'ingress' });
  const back = readBack(load.documents, out.stream, out.gateway);
  return { load, model, out, back };
}

function check(label: string, paths: string[]) {
  const { model, out, back } = convert(paths);
  const invalid = lintText(out.stream).findings.filter((f) => API.has(f.ruleId) && f.severity === 'error');
  assert.equal(invalid.map((f) => `${f.line}: ${f.message}`), [], `${label}: the output is valid against the CRDs`);
  assert.equal(back.findings.filter((f) => f.severity === 'error').map((f) => f.message), [], `${label}: the output reads back`);
  assert.ok(back.gateway, `${label}: the Gateway reads back`);
  const { changes, requests } = verifyGateway(model, back.gateway!, out.losses);
  assert.equal(changes.filter((c) => !c.explainedBy), [], `${label}: only reported losses change routing`);
  return { requests, changes, out };
}

const FIXTURES = readdirSync(join(ROOT, 'fixtures')).filter((d) => !['bad', 'invalid', 'lint'].includes(d));

test('every fixture folder converts, validates and verifies', () => {
  let requests = 0;
  for (const dir of FIXTURES) requests += check(dir, [join(ROOT, 'fixtures', dir)]).requests;
  assert.ok(requests > 500, `probe requests: ${requests}`);
  console.log(`  gateway-api: ${FIXTURES.length} fixture folders, ${requests} probe requests`);
});

test('the cafe example: one Gateway, an HTTPS listener with the Secret, the HTTP copy redirects with 308; no loss', () => {
  const { out, changes } = check('cafe', [join(ROOT, 'fixtures/cafe')]);
  assert.equal(changes, []);
  assert.equal(out.losses, []);
  const docs = out.stream.split(/^---\n/m).filter(Boolean).map((d) => parse(d));
  const gw = docs.find((d) => d.kind === 'Gateway');
  assert.equal(gw.spec.listeners.map((l: { name: string }) => l.name), ['http', 'https-cafe-example-com']);
  assert.equal(gw.spec.listeners[1].tls.certificateRefs, [{ kind: 'Secret', name: 'cafe-secret' }]);
  const http = docs.find((d) => d.metadata.name === 'cafe-example-com-http');
  assert.ok(http.spec.rules.every((r: { filters: { requestRedirect: { statusCode: number } }[] }) => r.filters[0].requestRedirect.statusCode === 308));
});

const CANARY = `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop }
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - { path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }
      - { path: /api, pathType: Prefix, backend: { service: { name: api, port: { number: 80 } } } }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web-canary
  namespace: shop
  annotations:
    nginx.ingress.kubernetes.io/canary: "true"
    nginx.ingress.kubernetes.io/canary-by-header: X-Canary
    nginx.ingress.kubernetes.io/canary-by-cookie: canary
    nginx.ingress.kubernetes.io/canary-weight: "20"
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - { path: /, pathType: Prefix, backend: { service: { name: web-v2, port: { number: 80 } } } }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: legacy
  namespace: shop
  annotations:
    nginx.ingress.kubernetes.io/use-regex: "true"
    nginx.ingress.kubernetes.io/x-forwarded-prefix: /legacy
    nginx.ingress.kubernetes.io/limit-rps: "5"
spec:
  ingressClassName: nginx
  rules:
  - host: legacy.example.com
    http:
      paths:
      - { path: "/Old/[0-9]+", pathType: ImplementationSpecific, backend: { service: { name: old, port: { number: 80 } } } }
      - { path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
  namespace: shop
  annotations:
    nginx.ingress.kubernetes.io/enable-cors: "true"
    nginx.ingress.kubernetes.io/cors-allow-origin: "https://app.example.com, https://*.example.org"
    nginx.ingress.kubernetes.io/cors-allow-credentials: "false"
    nginx.ingress.kubernetes.io/cors-allow-methods: "GET, POST"
spec:
  ingressClassName: nginx
  rules:
  - host: api.example.com
    http:
      paths:
      - { path: /v1, pathType: Prefix, backend: { service: { name: api, port: { number: 80 } } } }
`;

const lineOf = (needle: string) => CANARY.split('\n').findIndex((l) => l.includes(needle)) + 1;

function withText(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'gwapi-'));
  const file = join(dir, 'in.yaml');
  writeFileSync(file, text);
  return { dir, file };
}

test('canary by header, cookie and weight: header and cookie rules first, then weights 80/20; probes vary the header and cookie', () => {
  const { dir, file } = withText(CANARY);
  try {
    const { out, requests } = check('canary', [file]);
    const docs = out.stream.split(/^---\n/m).filter(Boolean).map((d) => parse(d));
    const route = docs.find((d) => d.kind === 'HTTPRoute' && d.spec.hostnames?.[0] === 'shop.example.com' && d.spec.parentRefs[0].sectionName === 'http');
    const headers = route.spec.rules.map((r: { matches: { headers?: { name: string; value: string }[] }[] }) => r.matches[0].headers?.map((h) => `${h.name}=${h.value}`).join() ?? '');
    assert.equal(headers.slice(1, 5), ['X-Canary=always', 'X-Canary=never', 'cookie=(?:.*; *)?canary=always(?:;.*)?', 'cookie=(?:.*; *)?canary=never(?:;.*)?']);
    const weighted = route.spec.rules[5].backendRefs;
    assert.equal(weighted, [{ name: 'web', port: 80, weight: 80 }, { name: 'web-v2', port: 80, weight: 20 }]);
    assert.ok(requests > 20);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('use-regex: RegularExpression with (?i) and the model order kept; x-forwarded-prefix a header filter; limit-rps a loss at its line', () => {
  const { dir, file } = withText(CANARY);
  try {
    const { out } = check('regex', [file]);
    assert.match(out.stream, /value: "\(\?i\)\(\?:\/Old\/\[0-9\]\+\)\.\*"/);
    assert.match(out.stream, /name: "X-Forwarded-Prefix"\n\s+value: "\/legacy"/);
    const rps = out.losses.find((l) => l.finding.message.includes('limit-rps'));
    assert.ok(rps, 'limit-rps is reported');
    assert.is(rps!.finding.line, lineOf('limit-rps'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('enable-cors: a CORS filter; preflights from allowed and other origins verify; a one-label origin wildcard is a loss', () => {
  const { dir, file } = withText(CANARY);
  try {
    const { out, changes } = check('cors', [file]);
    const docs = out.stream.split(/^---\n/m).filter(Boolean).map((d) => parse(d));
    const route = docs.find((d) => d.kind === 'HTTPRoute' && d.spec.hostnames?.[0] === 'api.example.com');
    assert.equal(route.spec.rules[0].filters, [{ type: 'CORS', cors: { allowOrigins: ['https://app.example.com', 'https://*.example.org'], allowMethods: ['GET', 'POST'], allowHeaders: ['DNT', 'Keep-Alive', 'User-Agent', 'X-Requested-With', 'If-Modified-Since', 'Cache-Control', 'Content-Type', 'Range', 'Authorization'], maxAge: 1728000 } }]);
    assert.ok(out.losses.some((l) => /origin wildcard/.test(l.finding.message) && l.finding.line === lineOf('cors-allow-origin')));
    assert.ok(!changes.some((c) => c.request.includes('OPTIONS http://api.example.com')), 'preflights to allowed origins answer alike');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('backend-protocol GRPC: a GRPCRoute; gRPC calls over HTTP route alike', () => {
  const { out, changes, requests } = check('grpc', [join(ROOT, 'fixtures/haproxy-upstreams')]);
  const docs = out.stream.split(/^---\n/m).filter(Boolean).map((d) => parse(d));
  const grpc = docs.filter((d) => d.kind === 'GRPCRoute');
  assert.equal(grpc.map((d) => d.spec.hostnames), [['grpc.example.com']]);
  assert.ok(grpc[0].spec.rules.every((r: { backendRefs: { name: string }[] }) => r.backendRefs[0].name === 'grpc-svc'));
  assert.ok(requests > 0);
  assert.not.ok(changes.some((c) => c.request.startsWith('POST http://grpc.example.com/')), 'gRPC calls over plain HTTP keep their backend');
});

test('--verify is not vacuous: a wrong backend in the output is a change no loss explains', () => {
  const load = loadInputs([join(ROOT, 'fixtures/cafe')]);
  const model = resolve(load.documents);
  const out = renderGatewayApi(load.documents, model, { gatewayName: 'ingress' });
  const wrong = out.stream.replace('name: "tea-svc"', 'name: "coffee-svc"');
  assert.ok(wrong !== out.stream);
  const back = readBack(load.documents, wrong, out.gateway);
  const { changes } = verifyGateway(model, back.gateway!, out.losses);
  assert.ok(changes.some((c) => !c.explainedBy && c.request === 'https://cafe.example.com/tea' && c.after.startsWith('default/coffee-svc:80')), JSON.stringify(changes));
});

test('the spec\'s limits: 40 paths on a host split into routes of 16 rules in order; 70 TLS hosts fill 63 HTTPS listeners and report the rest; long names stay unique', () => {
  const path = (i: number) => `      - { path: /p${String(i).padStart(2, '0')}, pathType: ${i % 2 ? 'Exact' : 'Prefix'}, backend: { service: { name: s${i}, port: { number: 80 } } } }`;
  const long = 'a-very-long-host-name-that-is-cut-when-it-becomes-a-listener-name';
  const hosts = Array.from({ length: 70 }, (_, i) => (i < 2 ? `${long}-${i}.example.com` : `h${i}.example.com`));
  const yaml = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: many, namespace: shop }
spec:
  tls:
  - hosts: ${JSON.stringify(hosts)}
    secretName: wild
  rules:
  - host: paths.example.com
    http:
      paths:
${Array.from({ length: 40 }, (_, i) => path(i)).join('\n')}
${hosts.map((h) => `  - host: ${h}\n    http: { paths: [ { path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } } ] }`).join('\n')}
`;
  const { dir, file } = withText(yaml);
  try {
    const { out } = check('limits', [file]);
    const docs = out.stream.split(/^---\n/m).filter(Boolean).map((d) => parse(d));
    const split = docs.filter((d) => d.kind === 'HTTPRoute' && d.spec.hostnames?.[0] === 'paths.example.com');
    assert.equal(split.map((d) => `${d.metadata.name} ${d.spec.rules.length}`), ['paths-example-com-00 16', 'paths-example-com-01 16', 'paths-example-com-02 8']);
    const gw = docs.find((d) => d.kind === 'Gateway');
    assert.is(gw.spec.listeners.length, 64);
    const names = gw.spec.listeners.map((l: { name: string }) => l.name);
    assert.is(new Set(names).size, names.length);
    assert.is(out.losses.filter((l) => /at most 64 listeners/.test(l.finding.message)).length, 7);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the spec's limits: 40 paths on a host split into routes of 16 rules in order; 70 TLS hosts fill 63 HTTPS listeners and report the rest; long names stay unique", () => {
  const path = (i: number) => `      - { path: /p${String(i).padStart(2, '0')}, pathType: ${i % 2 ? 'Exact' : 'Prefix'}, backend: { service: { name: s${i}, port: { number: 80 } } } }`;
  const long = 'a-very-long-host-name-that-is-cut-when-it-becomes-a-listener-name';
  const hosts = Array.from({ length: 70 }, (_, i) => (i < 2 ? `${long}-${i}.example.com` : `h${i}.example.com`));
  const yaml = [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata: { name: many, namespace: shop }',
    'spec:',
    '  tls:',
    `  - hosts: ${JSON.stringify(hosts)}`,
    '    secretName: wild',
    '  rules:',
    '  - host: paths.example.com',
    '    http:',
    '      paths:',
    ...Array.from({ length: 40 }, (_, i) => path(i)),
    ...hosts.map((h) => `  - host: ${h}\n    http: { paths: [ { path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } } ] }`),
  ].join('\n');
  const { dir, file } = withText(yaml);
  try {
    const { out } = check('limits', [file]);
    const docs = out.stream.split(/^---\n/m).filter(Boolean).map((d) => parse(d));
    const split = docs.filter((d) => d.kind === 'HTTPRoute' && d.spec.hostnames?.[0] === 'paths.example.com');
    assert.equal(split.map((d) => `${d.metadata.name} ${d.spec.rules.length}`), ['paths-example-com-00 16', 'paths-example-com-01 16', 'paths-example-com-02 8']);
    const gw = docs.find((d) => d.kind === 'Gateway');
    assert.is(gw.spec.listeners.length, 64);
    const names = gw.spec.listeners.map((l: { name: string }) => l.name);
    assert.is(new Set(names).size, names.length);
    assert.is(out.losses.filter((l) => /at most 64 listeners/.test(l.finding.message)).length, 7);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('diff OLD NEW: the Ingresses against their conversion (with the Services and Secrets) report no change; a lossy conversion exactly the lost requests', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gwapi-diff-'));
  try {
    const cafe = join(ROOT, 'fixtures/cafe');
    const converted = await cli(['render', cafe, '--target', 'gateway-api']);
    writeFileSync(join(dir, 'gateway.yaml'), converted.stdout);
    for (const f of ['cafe.yaml', 'cafe-secret.yaml']) writeFileSync(join(dir, f), readFileSync(join(cafe, f), 'utf8'));
    const same = await cli(['diff', cafe, dir, '--exit-code', '-o', 'json']);
    assert.is(same.code, 0, same.stderr);
    assert.equal(JSON.parse(same.stdout).outcomes, []);
    assert.match(same.stderr, /comparing how each routes the same requests/);
    // a conversion that lost the rewrite: exactly the rewritten requests change
    const lossy = `${dir}-lossy`;
    mkdirSync(lossy);
    const ingress = readFileSync(join(cafe, 'cafe-ingress.yaml'), 'utf8').replace('  name: cafe-ingress\n', '  name: cafe-ingress\n  annotations:\n    nginx.ingress.kubernetes.io/rewrite-target: /\n');
    writeFileSync(join(lossy, 'ingress.yaml'), ingress);
    for (const f of ['cafe.yaml', 'cafe-secret.yaml']) writeFileSync(join(lossy, f), readFileSync(join(cafe, f), 'utf8'));
    const changed = await cli(['diff', lossy, dir, '-o', 'json']);
    const outcomes = JSON.parse(changed.stdout).outcomes as { request: string; before: string; after: string }[];
    assert.ok(outcomes.length > 0);
    assert.ok(outcomes.every((o) => /upstream cafe\.example\.com(?::\d+)?\/\)/.test(o.before) && !/upstream cafe\.example\.com(?::\d+)?\/\)/.test(o.after)), JSON.stringify(outcomes));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-lossy`, { recursive: true, force: true });
  }
});

test('Gateway API input: a RegularExpression may start with (?i) (case-insensitive), nothing else inline', () => {
  assert.ok(gatewayRegex('(?i)/old/[0-9]+').test('/OLD/12'));
  assert.not.ok(gatewayRegex('/old/[0-9]+').test('/OLD/12'));
});

test('quote: one function for every value; YAML reads back exactly what was given', () => {
  const hostile = 'a"b\\c\n- x: y\u2028#z: {[]}';
  assert.is(quote('x'), '"x"');
  assert.equal(parse(yamlStream([{ v: hostile }]).replace(/^---\n/, '')), { v: hostile });
});

test('quote: every character a YAML 1.1 reader (kubectl\'s go-yaml) takes as a line break is escaped', () => {
  // inside a double-quoted scalar a raw break is folded to a space: NEL, LS and PS as \n is
  for (const c of ['\u0085', '\u2028', '\u2029', '\n', '\r']) {
    const q = quote(`a${c}b`);
    assert.not.ok(/[\n\r\u0085\u2028\u2029]/.test(q), JSON.stringify(q));
    assert.is(parse(q), `a${c}b`);
  }
});

test('CLI: -o DIR writes one file per kind and README.md of the losses; --strict exits 1 on a loss; --verify reports', async () => {
  const { dir, file } = withText(CANARY);
  try {
    const outDir = join(dir, 'out');
    const r = await cli(['render', file, '--target', 'gateway-api', '-o', outDir, '--verify']);
    assert.is(r.code, 0, r.stderr);
    assert.equal(readdirSync(outDir).sort(), ['README.md', 'gateway.yaml', 'httproutes.yaml']);
    const readme = readFileSync(join(outDir, 'README.md'), 'utf8');
    assert.match(readme, /limit-rps/);
    assert.ok(readme.includes(`in.yaml:${lineOf('limit-rps')}`));
    assert.match(r.stderr, /verify: \d+ requests, \d+ changed by a reported loss, 0 changed otherwise/);
    const strict = await cli(['render', file, '--target', 'gateway-api', '--strict']);
    assert.is(strict.code, 1);
    const cafe = await cli(['render', join(ROOT, 'fixtures/cafe'), '--target', 'gateway-api', '--strict', '--verify', '--gateway-name', 'cafe']);
    assert.is(cafe.code, 0, cafe.stderr);
    assert.match(cafe.stdout, /kind: "Gateway"\nmetadata:\n  name: "cafe"/);
    assert.ok(!existsSync(join(dir, 'missing')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
