// API-server parity, table-driven from ../shared/k8s-validation-rules.md: what the API
// server accepts lints clean of errors; what it rejects gets an error naming the field.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ing, lintText, route } from './helpers.js';

const backend = (b: string) => ing(`rules:\n  - http:\n      paths:\n        - path: /\n          pathType: Prefix\n          backend: ${b}`);
const svc = (name: string, spec: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec: ${spec}\n`;
const ic = (spec: string) => `apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: c\nspec: ${spec}\n`;
const secret = (body: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: kubernetes.io/tls\n${body}\n`;

const ACCEPTED: [string, string][] = [
  ['a 64-character label inside a host', ing(route('/', 'Prefix', `${'a'.repeat(64)}.example.com`))],
  ['a rule with a host and no http', ing('rules:\n  - host: foo.com')],
  ['ImplementationSpecific paths are not regex-compiled or sequence-checked', ing(route('"/([a-z0-9]*)["', 'ImplementationSpecific')) + '---\n' + ing(route('/foo//bar', 'ImplementationSpecific'), 'name: b')],
  ['an empty ImplementationSpecific path', ing(route('""', 'ImplementationSpecific'))],
  ['# and ? in a Prefix path', ing(route('"/a#b?c"'))],
  ['an IP address as a TLS host; tls: [{}]', ing('tls:\n  - hosts: [127.0.0.1]\n  - {}\n' + route('/'))],
  ['a resource backend without apiGroup', backend('{resource: {kind: Bucket, name: b}}')],
  ['a wildcard host', ing(route('/', 'Prefix', '"*.bar.com"'))],
  ['an annotation key with upper case and _', ing(route('/'), 'name: web\nannotations:\n  Example.COM/Some_Key: x')],
  ['an IngressClass controller with a nested path', ic('{controller: example.com/a/b}')],
  ['a 250-byte controller', ic(`{controller: foo.co/${'x'.repeat(243)}}`)],
  ['IngressClass parameters with apiGroup v1 and the default scope', ic('{controller: k8s.io/ingress-nginx, parameters: {apiGroup: v1, kind: K, name: p}}')],
  ['a long Service port name (DNS label, not IANA)', svc('web', '{ports: [{name: my-very-long-port-name, port: 80}]}')],
  ['TCP and UDP on one LoadBalancer, port 10250', svc('web', '{type: LoadBalancer, ports: [{name: a, port: 10250}, {name: b, port: 10250, protocol: UDP}]}')],
  ['a headless Service without ports', svc('web', '{clusterIP: None}')],
  ['a TLS Secret with empty values and an extra ca.crt', secret('data: {tls.crt: "", tls.key: "", ca.crt: "", .key: ""}')],
  ['a TLS Secret from stringData', secret('stringData: {tls.crt: a, tls.key: b}')],
  ['an EndpointSlice without endpoints (the Gateway API conformance suite applies such objects)', 'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: web-1, labels: {kubernetes.io/service-name: web}}\naddressType: IPv4\n'],
  ['status is wiped on create: a Service and an Ingress with status ports without protocol', svc('web', '{ports: [{port: 80}]}') + 'status: {loadBalancer: {ingress: [{ip: 192.0.2.1, ports: [{port: 80}]}]}, conditions: [{type: Ready}]}\n---\n' + ing(route('/')) + 'status: {loadBalancer: {ingress: [{ip: 192.0.2.1, ports: [{port: 80}]}]}}\n'],
  ['an Ingress name of 253 characters', ing(route('/'), `name: ${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`)],
];

const REJECTED: [string, string, string][] = [
  ['an IP address as a rule host', ing(route('/', 'Prefix', '127.0.0.1')), 'spec.rules[0].host'],
  ['IPv6 as a rule host', ing(route('/', 'Prefix', '"::1"')), 'spec.rules[0].host'],
  ['*.*.bar.com', ing(route('/', 'Prefix', '"*.*.bar.com"')), 'spec.rules[0].host'],
  ['foo.*.bar.com', ing(route('/', 'Prefix', '"foo.*.bar.com"')), 'spec.rules[0].host'],
  ['*bar.com', ing(route('/', 'Prefix', '"*bar.com"')), 'spec.rules[0].host'],
  ['f*.bar.com', ing(route('/', 'Prefix', '"f*.bar.com"')), 'spec.rules[0].host'],
  ['an upper-case host', ing(route('/', 'Prefix', 'Foo.com')), 'spec.rules[0].host'],
  ['a host with a port', ing(route('/', 'Prefix', '"foo.com:80"')), 'spec.rules[0].host'],
  ['an upper-case TLS host', ing('tls:\n  - hosts: [Foo.com]\n' + route('/')), 'spec.tls[0].hosts[0]'],
  ['foo//bar as a Prefix path', ing(route('foo//bar')), 'spec.rules[0].http.paths[0].path'],
  ['a relative Exact path', ing(route('foo', 'Exact')), 'spec.rules[0].http.paths[0].path'],
  ['an empty Prefix path', ing(route('""')), 'spec.rules[0].http.paths[0].path'],
  ['%2F in a Prefix path', ing(route('/a%2Fb')), 'spec.rules[0].http.paths[0].path'],
  ['pathType in the wrong case', ing(route('/', 'prefix')), 'spec.rules[0].http.paths[0].pathType'],
  ['a missing pathType', ing(route('/').replace('          pathType: Prefix\n', '')), 'spec.rules[0].http.paths[0]'],
  ['service and resource', backend('{service: {name: web, port: {number: 80}}, resource: {kind: B, name: b}}'), 'spec.rules[0].http.paths[0].backend'],
  ['port name and number', backend('{service: {name: web, port: {number: 80, name: http}}}'), 'spec.rules[0].http.paths[0].backend'],
  ['no port', backend('{service: {name: web, port: {}}}'), 'spec.rules[0].http.paths[0].backend'],
  ['an upper-case port name', backend('{service: {name: web, port: {name: HTTP}}}'), 'spec.rules[0].http.paths[0].backend.service.port.name'],
  ['port 0 is no port', backend('{service: {name: web, port: {number: 0}}}'), 'spec.rules[0].http.paths[0].backend'],
  ['a service name starting with a digit', backend('{service: {name: 1web, port: {number: 80}}}'), 'spec.rules[0].http.paths[0].backend.service.name'],
  ['a v1beta1 backend under v1', backend('{serviceName: web, servicePort: 80}'), 'spec.rules[0].http.paths[0].backend'],
  ['apiGroup "" on a resource backend', backend('{resource: {apiGroup: "", kind: B, name: b}}'), 'spec.rules[0].http.paths[0].backend.resource.apiGroup'],
  ['ingressClassName ""', ing('ingressClassName: ""\n' + route('/')), 'spec.ingressClassName'],
  ['class annotation and field disagree', ing('ingressClassName: a\n' + route('/'), 'name: web\nannotations:\n  kubernetes.io/ingress.class: b'), 'metadata.annotations[kubernetes.io/ingress.class]'],
  ['neither rules nor defaultBackend', ing('rules: []'), 'spec'],
  ['an empty paths list', ing('rules:\n  - host: foo.com\n    http:\n      paths: []'), 'spec.rules[0].http.paths'],
  ['an invalid TLS secretName', ing('tls:\n  - secretName: A_B\n' + route('/')), 'spec.tls[0].secretName'],
  ['an upper-case Ingress name', ing(route('/'), 'name: Web'), 'metadata.name'],
  ['a controller without a domain', ic('{controller: nginx}'), 'spec.controller'],
  ['no controller', ic('{}'), 'spec.controller'],
  ['parameters with a namespace and the default Cluster scope', ic('{controller: k8s.io/ingress-nginx, parameters: {kind: K, name: p, namespace: x}}'), 'spec.parameters.namespace'],
  ['an unknown parameters scope', ic('{controller: k8s.io/ingress-nginx, parameters: {kind: K, name: p, scope: bad-scope}}'), 'spec.parameters.scope'],
  ['a "/" in parameters kind', ic('{controller: k8s.io/ingress-nginx, parameters: {kind: "foo/", name: p}}'), 'spec.parameters.kind'],
  ['a Service name starting with a digit', svc('1svc', '{ports: [{port: 80}]}'), 'metadata.name'],
  ['a Service name starting with "-"', svc('-123', '{ports: [{port: 80}]}'), 'metadata.name'],
  ['a Service without ports', svc('web', '{type: ClusterIP}'), 'spec.ports'],
  ['Service port 0', svc('web', '{ports: [{port: 0}]}'), 'spec.ports[0].port'],
  ['an upper-case Service port name', svc('web', '{ports: [{name: INVALID, port: 80}]}'), 'spec.ports[0].name'],
  ['an unknown protocol', svc('web', '{ports: [{port: 80, protocol: INVALID}]}'), 'spec.ports[0].protocol'],
  ['the same port twice', svc('web', '{ports: [{name: a, port: 80}, {name: b, port: 80}]}'), 'spec.ports[1]'],
  ['ExternalName without externalName', svc('web', '{type: ExternalName}'), 'spec.externalName'],
  ['a headless LoadBalancer', svc('web', '{type: LoadBalancer, clusterIP: None, ports: [{port: 80}]}'), 'spec.clusterIPs[0]'],
  ['a nodePort outside 30000-32767', svc('web', '{type: NodePort, ports: [{port: 80, nodePort: 8080}]}'), 'spec.ports[0].nodePort'],
  ['nodePort on a ClusterIP Service', svc('web', '{ports: [{port: 80, nodePort: 30080}]}'), 'spec.ports[0].nodePort'],
  ['an EndpointSlice endpoint without addresses', 'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: web-1}\naddressType: IPv4\nendpoints: [{conditions: {ready: true}}]\n', 'endpoints[0]'],
  ['a TLS Secret without tls.key', secret('data: {tls.crt: eA==}'), 'data[tls.key]'],
  ['a data key with "*"', secret('data: {tls.crt: "", tls.key: "", "a*b": ""}'), 'data[a*b]'],
  ['a removed apiVersion', ing(route('/')).replace('networking.k8s.io/v1', 'extensions/v1beta1'), 'apiVersion'],
];

// Only API-server rules count here: a path the API server accepts may still be one ingressctl
// cannot render safely (invalid-path, an error in routes, render and lint alike).
const NOT_API = new Set(['invalid-path']);

for (const [name, yaml] of ACCEPTED) {
  test(`accepted by the API server, no error: ${name}`, () => {
    const errors = lintText(yaml).findings.filter((f) => f.severity === 'error' && !NOT_API.has(f.ruleId));
    assert.equal(errors.map((f) => `${f.ruleId} ${f.path} ${f.message}`), []);
  });
}

for (const [name, yaml, field] of REJECTED) {
  test(`rejected by the API server, an error on ${field}: ${name}`, () => {
    const errors = lintText(yaml).findings.filter((f) => f.severity === 'error');
    assert.ok(
      errors.some((f) => f.path === field),
      `no error on ${field}; got:\n${errors.map((f) => `${f.ruleId} ${f.path} ${f.message}`).join('\n') || '(none)'}`,
    );
  });
}

test.run();
