// Backend references the API server would refuse never reach a target: the model leaves
// them out with an error at the field (invalid-backend).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { modelOf } from '../helpers.js';

const ingress = (backend: string, namespace = 'default') =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: x, namespace: "${namespace}"}\nspec:\n  rules:\n    - host: a.example.com\n      http:\n        paths:\n          - {path: /, pathType: Prefix, backend: {service: ${backend}}}\n`;

const cases: [string, string, string, string][] = [
  ['a Service name that is not a DNS-1123 label', ingress('{name: "Web_App", port: {number: 80}}'), 'spec.rules[0].http.paths[0].backend.service.name', /Service name "Web_App"/.source],
  ['a port name that is not an IANA service name', ingress('{name: web, port: {name: "HTTP-port-name-too-long"}}'), 'spec.rules[0].http.paths[0].backend.service.port.name', /port name/.source],
  ['a port number out of range', ingress('{name: web, port: {number: 70000}}'), 'spec.rules[0].http.paths[0].backend.service.port.number', /port 70000 is not between 1 and 65535/.source],
  ['a namespace that is not a DNS-1123 label', ingress('{name: web, port: {number: 80}}', 'a;b'), 'metadata.namespace', /namespace "a;b"/.source],
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

test('valid names pass', () => {
  const m = modelOf(ingress('{name: web-1, port: {name: http}}'));
  assert.is(m.hosts[0].routes.length, 1);
  assert.not.ok(m.findings.some((x) => x.ruleId === 'invalid-backend'));
});

test.run();
