// What the injection fuzz found, each pinned by a plain example.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderNginx } from '../../src/emit/nginx/render.js';
import { renderEnvoy } from '../../src/emit/envoy/index.js';
import { modelOf } from '../helpers.js';

const OPTIONS = { httpPort: 80, httpsPort: 443, resolver: '10.96.0.10' };

test('nginx: a default backend refused for an unsafe name is reported at spec.defaultBackend', () => {
  const m = modelOf(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: "a;b"}
spec:
  defaultBackend: {service: {name: svc, port: {number: 80}}}
  rules: [{host: a.example.com, http: {paths: [{path: /x, pathType: Prefix, backend: {service: {name: svc, port: {number: 80}}}}]}}]
`);
  const r = renderNginx(m, OPTIONS);
  const refused = r.findings.filter((f) => f.ruleId === 'nginx-unsafe-value');
  assert.ok(refused.length >= 2, JSON.stringify(refused));
  for (const f of refused) {
    assert.ok(f.path && f.file && f.line, JSON.stringify(f));
  }
  assert.ok(refused.some((f) => f.path === 'spec.defaultBackend'));
});

test.run();
