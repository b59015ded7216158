// Backend references the API server would refuse never reach a target: the model leaves
// them out with an error at the field (invalid-backend).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, modelOf } from '../helpers.js';

const ingress = (backend: string, namespace = 'default') =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: x, namespace: "${namespace}"}\nspec:\n  rules:\n    - host: a.example.com\n      http:\n        paths:\n          - {path: /, pathType: Prefix, backend: {service: ${backend}}}\n`;

const cases: [string, string, string, string][] = [
  ['a Service name that is not a DNS-1123 label', ingress('{name: "Web_App", port: {number: 80}}'), 'spec.rules[0].http.paths[0].backend.service.name', /Service name "Web_App"/.source],
  ['a port name that is not an IANA service name', ingress('{name: web, port: {name: "HTTP-port-name-too-long"}}'), 'spec.rules[0].http.paths[0].backend.service.port.name', /port name/.source],
  ['a port number out of range', ingress('{name: web, port: {number: 70000}}'), 'spec.rules[0].http.paths[0].backend.service.port.number', /port 70000 is not between 1 and 65535/.source],
  ['a namespace that is not a DNS-1123 label', ingress('{name: web, port: {number: 80}}', 'a;b'), 'metadata.namespace', /namespace "a;b"/.source],
  // these two were left out without a word (backend: {}), or kept as a route that answers 503
  ['a Service without a port', ingress('{name: web}'), 'spec.rules[0].http.paths[0].backend', /Service "web" is named without a port/.source],
  ['a service without a name', ingress('{port: {number: 80}}'), 'spec.rules[0].http.paths[0].backend', /names no Service and no resource/.source],
  ['an empty backend', ingress('{}').replace('backend: {service: {}}', 'backend: {}'), 'spec.rules[0].http.paths[0].backend', /names no Service and no resource/.source],
];

for (const [what, yaml, path, message] of cases) {
  test(`${what} is refused at ${path}`, () => {
    const m = modelOf(yaml);
    assert.equal(m.hosts, []);
    const f = m.findings.find((x) => x.ruleId === 'invalid-backend');
    assert.ok(f, JSON.stringify(m.findings));
    assert.is(f!.severity, 'error');
    assert.is(f!.path, path);
    assert.match(f!.message, new RegExp(message));
    assert.ok(f!.line && f!.column);
  });
}

test('routes and render exit 1 on such a backend; lint reports it once, as the API server words it', async () => {
  const yaml = ingress('{}').replace('backend: {service: {}}', 'backend: {}');
  for (const argv of [['routes', '-'], ['render', '-']]) {
    const r = await cli(argv, yaml);
    assert.is(r.code, 1, argv.join(' '));
    assert.match(r.stderr, /<stdin>:9:\d+: error: the backend names no Service and no resource; this backend is left out \[invalid-backend\]/);
  }
  const lint = await cli(['lint', '-', '--format', 'json'], yaml);
  const ids = (JSON.parse(lint.stdout) as { ruleId: string }[]).map((f) => f.ruleId);
  assert.ok(ids.includes('ingress-backend'), lint.stdout);
  assert.not.ok(ids.includes('invalid-backend'), lint.stdout);
});

test('a v1beta1 backend in v1 form: lint says it once, as the schema does', async () => {
  const yaml = 'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: x}\nspec:\n  rules:\n    - host: a.example.com\n      http:\n        paths:\n          - path: /\n            backend: {service: {name: web, port: {number: 80}}}\n';
  const lint = await cli(['lint', '-', '--format', 'json'], yaml);
  const ids = (JSON.parse(lint.stdout) as { ruleId: string }[]).map((f) => f.ruleId);
  assert.ok(ids.includes('schema'), lint.stdout);
  assert.not.ok(ids.includes('invalid-backend'), lint.stdout);
});

test('valid names pass', () => {
  const m = modelOf(ingress('{name: web-1, port: {name: http}}'));
  assert.is(m.hosts[0].routes.length, 1);
  assert.not.ok(m.findings.some((x) => x.ruleId === 'invalid-backend'));
});

test.run();
