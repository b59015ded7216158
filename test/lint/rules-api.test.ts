// API-server parity rules: each with what it must report (at line:col) and must not.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ing, lintText, route, ruleTester } from './helpers.js';

const svc = (spec: string, name = 'web') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n${spec.replace(/^/gm, '  ')}\n`;
const ic = (spec: string, name = 'nginx') => `apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: ${name}\nspec:\n${spec.replace(/^/gm, '  ')}\n`;

ruleTester('object-name', {
  valid: [ing(route('/')), svc('ports: [{port: 80}]', 'web-1'), ing(route('/'), `name: ${'a'.repeat(64)}.example.com`), ing(route('/'), 'generateName: web-')],
  invalid: [
    { code: svc('ports: [{port: 80}]', '1-web'), errors: [{ line: 4, column: 9, path: 'metadata.name', message: 'metadata.name: Invalid value "1-web"' }] },
    { code: ing(route('/'), 'name: Web_1'), errors: [{ line: 4, column: 9, path: 'metadata.name' }] },
    { code: ing(route('/'), 'labels: {a: b}'), errors: [{ line: 3, column: 1, path: 'metadata.name', message: 'Required value' }] },
    { code: ing(route('/'), 'name: web\nnamespace: Prod'), errors: [{ line: 5, column: 14, path: 'metadata.namespace' }] },
    { code: svc('ports: [{port: 80}]', 'a'.repeat(64)), errors: [{ line: 4, column: 9, message: 'no more than 63 characters' }] },
  ],
});

ruleTester('metadata-keys', {
  valid: [ing(route('/'), 'name: web\nannotations:\n  Example.COM/Some_Key: "x"\nlabels:\n  app.kubernetes.io/name: web\n  empty: ""')],
  invalid: [
    { code: ing(route('/'), 'name: web\nlabels:\n  a/b/c: x'), errors: [{ line: 6, column: 12, path: 'metadata.labels', message: 'Invalid value "a/b/c"' }] },
    { code: ing(route('/'), 'name: web\nlabels:\n  tier: "front end"'), errors: [{ line: 6, column: 11, path: 'metadata.labels', message: '"front end"' }] },
    { code: ing(route('/'), 'name: web\nlabels:\n  Example.COM/x: y'), errors: [{ line: 6, column: 20, message: 'prefix part' }] },
    { code: ing(route('/'), `name: web\nannotations:\n  big: "${'x'.repeat(262200)}"`), errors: [{ line: 6, column: 5, path: 'metadata.annotations', message: 'Too long' }] },
  ],
});

ruleTester('ingress-spec', {
  valid: [ing(route('/')), ing('defaultBackend: {service: {name: web, port: {number: 80}}}'), ing('rules:\n  - host: foo.com')],
  invalid: [
    { code: ing('tls: []'), errors: [{ line: 6, column: 3, path: 'spec', message: 'either `defaultBackend` or `rules` must be specified' }] },
    { code: ing('rules: []'), errors: [{ line: 6, column: 3, message: 'spec: Invalid value []' }] },
    { code: ing('rules:\n  - host: foo.com\n    http:\n      paths: []'), errors: [{ line: 9, column: 9, path: 'spec.rules[0].http.paths', message: 'Required value' }] },
  ],
});

ruleTester('ingress-host', {
  valid: [ing(route('/', 'Prefix', '"*.example.com"')), ing(route('/', 'Prefix', `${'a'.repeat(64)}.example.com`)), ing('tls:\n  - hosts: [127.0.0.1]\n' + route('/'))],
  invalid: [
    { code: ing(route('/', 'Prefix', 'Shop.example.com')), errors: [{ line: 7, column: 13, path: 'spec.rules[0].host', message: 'Invalid value "Shop.example.com"' }] },
    { code: ing(route('/', 'Prefix', '127.0.0.1')), errors: [{ line: 7, column: 13, message: 'not an IP address' }] },
    { code: ing(route('/', 'Prefix', '"::1"')), errors: [{ line: 7, column: 13, message: 'not an IP address' }, { line: 7, column: 13, message: 'subdomain' }] },
    { code: ing(route('/', 'Prefix', '"foo.*.example.com"')), errors: [{ line: 7, column: 13, message: 'wildcard' }] },
    { code: ing(route('/', 'Prefix', '"*"')), errors: [{ line: 7, column: 13, message: 'wildcard' }] },
    { code: ing(route('/', 'Prefix', 'shop.example.com.')), errors: [{ line: 7, column: 13 }] },
    { code: ing('tls:\n  - hosts: [Shop.example.com]\n' + route('/')), errors: [{ line: 7, column: 15, path: 'spec.tls[0].hosts[0]' }] },
  ],
});

ruleTester('ingress-path', {
  valid: [ing(route('/api')), ing(route('"/([a-z0-9]*)["', 'ImplementationSpecific')), ing(route('/foo//bar', 'ImplementationSpecific')), ing(route('"/a#b?c"'))],
  invalid: [
    { code: ing(route('api')), errors: [{ line: 10, column: 19, path: 'spec.rules[0].http.paths[0].path', message: 'must be an absolute path' }] },
    { code: ing(route('foo//bar')), errors: [{ line: 10, column: 19, message: 'absolute' }, { line: 10, column: 19, message: "'//'" }] },
    { code: ing(route('/a/../b', 'Exact')), errors: [{ line: 10, column: 19, message: "'/../'" }] },
    { code: ing(route('/a%2Fb')), errors: [{ line: 10, column: 19, message: "'%2F'" }] },
    { code: ing(route('/a/..')), errors: [{ line: 10, column: 19, message: "cannot end with '/..'" }] },
    { code: ing(route('/a/.')), errors: [{ line: 10, column: 19, message: "cannot end with '/.'" }] },
    { code: ing(route('api', 'ImplementationSpecific')), errors: [{ line: 10, column: 19, message: 'absolute' }] },
  ],
});

const backend = (b: string) => ing(`rules:\n  - http:\n      paths:\n        - path: /\n          pathType: Prefix\n          backend:\n${b.replace(/^/gm, '            ')}`);
ruleTester('ingress-backend', {
  valid: [backend('service: {name: web, port: {name: http}}'), backend('resource: {kind: Bucket, name: b}'), backend('resource: {apiGroup: k8s.example.com, kind: Bucket, name: b}')],
  invalid: [
    { code: backend('service: {name: web, port: {number: 80}}\nresource: {kind: B, name: b}'), errors: [{ line: 12, column: 15, path: 'spec.rules[0].http.paths[0].backend', message: 'cannot set both resource and service' }] },
    { code: backend('service: {name: Web_Svc, port: {number: 80}}'), errors: [{ line: 12, column: 31, path: 'spec.rules[0].http.paths[0].backend.service.name', message: 'DNS-1035' }] },
    { code: backend('service: {name: 1web, port: {number: 80}}'), errors: [{ line: 12, column: 31 }] },
    { code: backend('service: {name: web, port: {number: 80, name: http}}'), errors: [{ line: 12, column: 42, message: 'cannot set both port name & port number' }] },
    { code: backend('service: {name: web, port: {number: 70000}}'), errors: [{ line: 12, column: 51, path: 'spec.rules[0].http.paths[0].backend.service.port.number', message: '70000' }] },
    { code: backend('service: {name: web, port: {name: HTTP}}'), errors: [{ line: 12, column: 49, message: 'at least one letter' }, { line: 12, column: 49, message: 'lowercase' }] },
    { code: backend('service: {name: web, port: {}}'), errors: [{ line: 12, column: 36, message: 'port name or number is required' }] },
    { code: backend('resource: {apiGroup: "", kind: B, name: b}'), errors: [{ line: 12, column: 36, path: 'spec.rules[0].http.paths[0].backend.resource.apiGroup' }] },
    { code: backend('resource: {kind: a/b, name: ".."}'), errors: [{ line: 12, column: 32, message: "may not contain '/'" }, { line: 12, column: 43, message: "may not be '..'" }] },
  ],
});

ruleTester('ingress-class-name', {
  valid: [ing('ingressClassName: nginx\n' + route('/')), ing(route('/'), 'name: web\nannotations:\n  kubernetes.io/ingress.class: nginx'), ing('ingressClassName: nginx\n' + route('/'), 'name: web\nannotations:\n  kubernetes.io/ingress.class: nginx')],
  invalid: [
    { code: ing('ingressClassName: ""\n' + route('/')), errors: [{ line: 6, column: 21, path: 'spec.ingressClassName' }] },
    { code: ing('ingressClassName: Nginx\n' + route('/')), errors: [{ line: 6, column: 21 }] },
    { code: ing('ingressClassName: nginx\n' + route('/'), 'name: web\nannotations:\n  kubernetes.io/ingress.class: traefik'), errors: [{ line: 6, column: 34, message: 'annotations.kubernetes.io/ingress.class: Invalid value "traefik"' }] },
  ],
});

ruleTester('ingress-tls-secret-name', {
  valid: [ing('tls:\n  - secretName: shop-tls\n' + route('/')), ing('tls:\n  - {}\n' + route('/'))],
  invalid: [{ code: ing('tls:\n  - secretName: Shop_TLS\n' + route('/')), errors: [{ line: 7, column: 19, path: 'spec.tls[0].secretName' }] }],
});

ruleTester('ingressclass-controller', {
  valid: [ic('controller: k8s.io/ingress-nginx'), ic('controller: example.com/a/b'), ic(`controller: foo.co/${'x'.repeat(243)}`)],
  invalid: [
    { code: ic('controller: nginx'), errors: [{ line: 6, column: 15, path: 'spec.controller', message: 'domain-prefixed path' }] },
    { code: ic('controller: Example.com/x'), errors: [{ line: 6, column: 15, message: 'domain part' }] },
    { code: ic('{}').replace('spec:\n  {}', 'spec: {}'), errors: [{ line: 5, column: 1, message: 'spec.controller: Required value' }] },
    { code: ic(`controller: foo.co/${'x'.repeat(244)}`), errors: [{ line: 6, column: 15, message: 'Too long' }] },
  ],
});

ruleTester('ingressclass-parameters', {
  valid: [ic('controller: k8s.io/ingress-nginx\nparameters: {kind: P, name: p}'), ic('controller: k8s.io/ingress-nginx\nparameters: {kind: P, name: p, scope: Namespace, namespace: ingress}')],
  invalid: [
    { code: ic('controller: k8s.io/ingress-nginx\nparameters: {kind: P, name: p, namespace: ingress}'), errors: [{ line: 7, column: 45, path: 'spec.parameters.namespace', message: 'Forbidden' }] },
    { code: ic('controller: k8s.io/ingress-nginx\nparameters: {kind: P, name: p, scope: Namespace}'), errors: [{ line: 7, column: 3, message: 'spec.parameters.namespace: Required value' }] },
    { code: ic('controller: k8s.io/ingress-nginx\nparameters: {kind: P, name: p, scope: bad-scope}'), errors: [{ line: 7, column: 41, message: 'Unsupported value "bad-scope"' }] },
    { code: ic('controller: k8s.io/ingress-nginx\nparameters: {kind: "foo/", name: p}'), errors: [{ line: 7, column: 22, message: "may not contain '/'" }] },
  ],
});

ruleTester('service-ports', {
  valid: [svc('ports: [{port: 80}]'), svc('clusterIP: None'), svc('type: ExternalName\nexternalName: example.com'), svc('ports: [{name: http, port: 80}, {name: dns, port: 80, protocol: UDP}]'), svc('ports: [{name: my-very-long-port-name, port: 80, targetPort: http}]')],
  invalid: [
    { code: svc('type: ClusterIP'), errors: [{ line: 5, column: 1, path: 'spec.ports', message: 'Required value' }] },
    { code: svc('ports:\n  - port: 80\n  - port: 81'), errors: [{ line: 7, column: 7, path: 'spec.ports[0].name' }, { line: 8, column: 7, path: 'spec.ports[1].name' }] },
    { code: svc('ports:\n  - {name: a, port: 80}\n  - {name: b, port: 80}'), errors: [{ line: 8, column: 7, path: 'spec.ports[1]', message: 'Duplicate value' }] },
    { code: svc('ports:\n  - {name: a, port: 80}\n  - {name: a, port: 81}'), errors: [{ line: 8, column: 14, path: 'spec.ports[1].name', message: 'Duplicate value "a"' }] },
    // targetPort defaults to port, so both are rejected (the API server reports both too)
    { code: svc('ports: [{port: 0}]'), errors: [{ line: 6, column: 11, path: 'spec.ports[0].targetPort' }, { line: 6, column: 18, path: 'spec.ports[0].port' }] },
    { code: svc('ports: [{port: 80, targetPort: HTTP}]'), errors: [{ line: 6, column: 34, message: 'at least one letter' }, { line: 6, column: 34, message: 'lowercase' }] },
    { code: svc('ports: [{name: INVALID, port: 80}]'), errors: [{ line: 6, column: 18, message: 'RFC 1123 label' }] },
    { code: svc('ports: [{port: 80, nodePort: 30080}]'), errors: [{ line: 6, column: 32, message: 'Forbidden' }] },
    { name: 'a nodePort below the default range', code: svc('type: NodePort\nports: [{port: 80, nodePort: 12345}]'), errors: [{ line: 7, column: 32, path: 'spec.ports[0].nodePort', message: 'Invalid value 12345: provided port is not in the valid range. The range of valid ports is 30000-32767' }] },
    { name: 'a nodePort above the default range', code: svc('type: LoadBalancer\nports: [{port: 80, nodePort: 32768}]'), errors: [{ line: 7, column: 32, message: 'The range of valid ports is 30000-32767' }] },
  ],
});

test('service-ports: the NodePort range is the cluster\'s (--service-node-port-range)', () => {
  const yaml = svc('type: NodePort\nports: [{name: a, port: 80, nodePort: 12345}, {name: b, port: 81, nodePort: 30000}, {name: c, port: 82, nodePort: 32767}]');
  const found = (r?: readonly [number, number]) => lintText(yaml, r ? { nodePortRange: r } : {}).findings.filter((f) => f.ruleId === 'service-ports').map((f) => f.path);
  assert.equal(found(), ['spec.ports[0].nodePort']);
  assert.equal(found([10000, 20000]), ['spec.ports[1].nodePort', 'spec.ports[2].nodePort']);
});

ruleTester('service-spec', {
  valid: [svc('type: LoadBalancer\nports: [{port: 80}]\nloadBalancerSourceRanges: [" 10.0.0.0/8 "]'), svc('type: NodePort\nexternalTrafficPolicy: Local\nports: [{port: 80}]'), svc('type: ExternalName\nexternalName: db.example.com.')],
  invalid: [
    { code: svc('type: NodePort\nclusterIP: None\nports: [{port: 80}]'), errors: [{ line: 7, column: 14, path: 'spec.clusterIPs[0]', message: "may not be set to 'None' for NodePort" }] },
    { code: svc('type: ExternalName'), errors: [{ line: 5, column: 1, path: 'spec.externalName', message: 'Required value' }] },
    { code: svc('type: ExternalName\nexternalName: db_1.example.com'), errors: [{ line: 7, column: 17 }] },
    { code: svc('ports: [{port: 80}]\nexternalIPs: [127.0.0.1]'), errors: [{ line: 7, column: 17, message: 'loopback' }] },
    { code: svc('ports: [{port: 80}]\nloadBalancerSourceRanges: [10.0.0.0/8]'), errors: [{ line: 7, column: 29, message: "'LoadBalancer'" }] },
    { code: svc('ports: [{port: 80}]\nexternalTrafficPolicy: Local'), errors: [{ line: 7, column: 26, message: 'externally-accessible' }] },
    { code: svc('ports: [{port: 80}]\nsessionAffinityConfig: {clientIP: {timeoutSeconds: 10}}'), errors: [{ line: 7, column: 26, message: 'Forbidden' }] },
  ],
});

const secret = (body: string, type = 'kubernetes.io/tls') => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: ${type}\n${body}\n`;
ruleTester('tls-secret-data', {
  valid: [secret('data: {tls.crt: "", tls.key: ""}'), secret('stringData: {tls.crt: x, tls.key: y}'), secret('data: {.key: eA==}', 'Opaque')],
  invalid: [
    { code: secret('data: {tls.crt: eA==}'), errors: [{ line: 6, column: 1, path: 'data[tls.key]', message: 'data[tls.key]: Required value' }] },
    { code: secret(''), errors: [{ line: 1, column: 1, message: 'data[tls.crt]: Required value' }, { line: 1, column: 1, message: 'data[tls.key]: Required value' }] },
    { code: secret('data: {"a*b": eA==}', 'Opaque'), errors: [{ line: 6, column: 15, path: 'data[a*b]' }] },
  ],
});

ruleTester('removed-api', {
  valid: [
    ing(route('/')),
    { code: ing(route('/')).replace('networking.k8s.io/v1', 'networking.k8s.io/v1beta1'), options: { kubernetesVersion: [1, 21] } },
    // a custom resource of kind Ingress (its group has a dot): another API, not a mistake
    { name: 'a CRD named Ingress', code: ing(route('/')).replace('networking.k8s.io/v1', 'voyager.appscode.com/v1beta1') },
  ],
  invalid: [
    // versions no release serves: they passed lint without a word (and routes left the Ingress out silently)
    { name: 'networking.k8s.io/v2', code: ing(route('/')).replace('networking.k8s.io/v1', 'networking.k8s.io/v2'), errors: [{ line: 1, column: 13, path: 'apiVersion', message: 'Ingress with apiVersion networking.k8s.io/v2: no Kubernetes release serves it' }] },
    { name: 'the core group', code: ing(route('/')).replace('networking.k8s.io/v1', 'v1'), errors: [{ line: 1, column: 13, message: 'Ingress with apiVersion v1: no Kubernetes release serves it' }] },
    { name: 'no apiVersion', code: ing(route('/')).replace('apiVersion: networking.k8s.io/v1\n', ''), errors: [{ line: 1, column: 1, message: 'Ingress with no apiVersion: no Kubernetes release serves it' }] },
    { name: 'an IngressClass of networking.k8s.io/v2', code: 'apiVersion: networking.k8s.io/v2\nkind: IngressClass\nmetadata:\n  name: a\nspec:\n  controller: k8s.io/ingress-nginx\n', errors: [{ line: 1, column: 13, message: 'IngressClass with apiVersion networking.k8s.io/v2' }] },
    { code: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: a\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n', errors: [{ line: 1, column: 13, path: 'apiVersion', message: 'not served since Kubernetes 1.22' }] },
    { code: 'apiVersion: networking.k8s.io/v1beta1\nkind: IngressClass\nmetadata:\n  name: a\nspec:\n  controller: k8s.io/ingress-nginx\n', errors: [{ line: 1, column: 13 }] },
    { code: ing(route('/')), options: { kubernetesVersion: [1, 18] }, errors: [{ line: 1, column: 13, message: 'served from Kubernetes 1.19 on' }] },
  ],
});

ruleTester('deprecated-api', {
  valid: [ing(route('/')), { code: ing(route('/')).replace('networking.k8s.io/v1', 'networking.k8s.io/v1beta1'), options: { kubernetesVersion: [1, 18] } }],
  invalid: [{ code: ing(route('/')).replace('networking.k8s.io/v1', 'networking.k8s.io/v1beta1'), options: { kubernetesVersion: [1, 21] }, errors: [{ line: 1, column: 13, message: 'deprecated since Kubernetes 1.19' }] }],
});

ruleTester('deprecated-class-annotation', {
  valid: [ing('ingressClassName: nginx\n' + route('/'))],
  invalid: [{ code: ing(route('/'), 'name: web\nannotations:\n  kubernetes.io/ingress.class: nginx'), errors: [{ line: 6, column: 5, message: 'deprecated' }] }],
});

test.run();
