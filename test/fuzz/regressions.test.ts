// What the injection fuzz found, each pinned by a plain example.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderNginx } from '../../src/emit/nginx/render.js';
import { renderEnvoy } from '../../src/emit/envoy/index.js';
import { join } from 'node:path';
import { writeBundle } from '../../src/emit/bundle.js';
import { ingress, modelOf } from '../helpers.js';
import { NGINX, nginxCheck, removeScratch, scratch } from '../e2e/nginx-engine.js';
import { readFileSync } from 'node:fs';

const secret = readFileSync(join(__dirname, '../../fixtures/cafe/cafe-secret.yaml'), 'utf8');
const TLS_DATA = { crt: /tls\.crt: (\S+)/.exec(secret)![1], key: /tls\.key: (\S+)/.exec(secret)![1] };

const OPTIONS = { httpPort: 80, httpsPort: 443, resolver: '10.96.0.10' };

test('a backend in an invalid namespace is refused by the model, at the field, for every target', () => {
  const m = modelOf(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: "a;b"}
spec:
  defaultBackend: {service: {name: svc, port: {number: 80}}}
  rules: [{host: a.example.com, http: {paths: [{path: /x, pathType: Prefix, backend: {service: {name: svc, port: {number: 80}}}}]}}]
`);
  const refused = m.findings.filter((f) => f.ruleId === 'invalid-backend');
  assert.ok(refused.length >= 1, JSON.stringify(m.findings));
  for (const f of refused) assert.ok(f.path === 'metadata.namespace' && f.file && f.line, JSON.stringify(f));
  assert.equal(m.hosts, []);
  const r = renderNginx(m, OPTIONS);
  assert.not.match(r.files.map((f) => f.content).join(''), /a;b/);
});

test('nginx: values longer than one nginx token are refused at their field; long comments are cut', () => {
  const long = '/' + 'a'.repeat(1500);
  const m = modelOf(ingress('w', 'a.example.com', [['/' + 'b'.repeat(5000), 'Prefix', 'svc'], [long, 'Exact', 'svc'], ['/c(.*)' + 'x'.repeat(4500), 'ImplementationSpecific', 'svc']], { annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true', 'nginx.ingress.kubernetes.io/rewrite-target': '/' + 'r'.repeat(4500) } }));
  const r = renderNginx(m, OPTIONS);
  const refused = r.findings.filter((f) => f.ruleId === 'target-unsafe-value');
  assert.equal(refused.map((f) => f.path).sort(), ['metadata.annotations', 'spec.rules[0].http.paths[0].path', 'spec.rules[0].http.paths[2].path']);
  const conf = r.files[0].content;
  assert.ok(conf.includes(long), 'the 1,500-character path fits and is written');
  for (const line of conf.split('\n')) assert.ok(line.length < 4000, `a ${line.length}-character line`);
  if (NGINX) {
    const dir = scratch();
    try {
      writeBundle(join(dir, 'b'), r.files);
      const check = nginxCheck(join(dir, 'b'));
      assert.ok(check.ok, check.output);
    } finally {
      removeScratch(dir);
    }
  }
});

test('certificate file names stay short for the longest Secret names Kubernetes allows', () => {
  const ns = 'n'.repeat(63);
  const name = 's'.repeat(253);
  const yaml = ingress('w', 'a.example.com', [['/', 'Prefix', 'svc']], { namespace: ns, tls: name }) + `---\napiVersion: v1\nkind: Secret\ntype: kubernetes.io/tls\nmetadata: {name: ${name}, namespace: ${ns}}\ndata: {tls.crt: ${TLS_DATA.crt}, tls.key: ${TLS_DATA.key}}\n`;
  const m = modelOf(yaml);
  assert.ok(m.hosts[0].tls?.usable);
  for (const render of [renderNginx, renderEnvoy]) {
    const files = render(m, OPTIONS).files;
    const certs = files.filter((f) => f.path.startsWith('certs/') && !/default|fallback/.test(f.path));
    assert.is(certs.length, 2);
    for (const f of certs) assert.ok(f.path.length < 230, f.path);
    const dir = scratch();
    try {
      writeBundle(join(dir, 'b'), files);
    } finally {
      removeScratch(dir);
    }
  }
});


test('nginx: an externalName that only looks like IPv6 ("::::…") is refused, not written as an address', () => {
  const m = modelOf(ingress('w', 'a.example.com', [['/', 'Prefix', 'db']]) + `---\napiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {type: ExternalName, externalName: "${':'.repeat(5000)}", ports: [{port: 80}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: db6}\nspec: {type: ExternalName, externalName: "fd00::1", ports: [{port: 80}]}\n`);
  const r = renderNginx(m, OPTIONS);
  assert.ok(r.findings.some((f) => f.ruleId === 'target-unsafe-value' && f.path === 'spec.rules[0].http.paths[0]'), JSON.stringify(r.findings));
  assert.not.match(r.files[0].content, /::::/);
  const m6 = modelOf(ingress('w', 'a.example.com', [['/', 'Prefix', 'db6']]) + `---\napiVersion: v1\nkind: Service\nmetadata: {name: db6}\nspec: {type: ExternalName, externalName: "fd00::1", ports: [{port: 80}]}\n`);
  assert.match(renderNginx(m6, OPTIONS).files[0].content, /"\[fd00::1\]:80"/);
});


test('model: regex classes that JavaScript and PCRE read differently are refused ("[]", "[^]", POSIX classes)', () => {
  for (const bad of ['/[]Z', '/a[^]b', '/x[[:alpha:]]', '/x[a[.b.]]', '/x[[=a=]]']) {
    const m = modelOf(ingress('r', 'a.example.com', [[bad, 'ImplementationSpecific', 'svc']], { annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } }));
    assert.is(m.hosts.length, 0, bad);
    assert.ok(m.findings.some((f) => f.ruleId === 'invalid-path' && f.path === 'spec.rules[0].http.paths[0].path'), bad);
  }
  for (const good of ['/x[\\]a]', '/x[a\\[:]', '/x[[]]', '/x[]a]'.replace('[]', '[\\]'), '/v[0-9]+/(.*)']) {
    const m = modelOf(ingress('r', 'a.example.com', [[good, 'ImplementationSpecific', 'svc']], { annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } }));
    assert.is(m.hosts[0]?.routes.length, 1, good);
  }
});

test.run();
