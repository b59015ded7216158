// Cross-object rules: each with what it must report (at line:col) and must not.
import { test } from 'uvu';
import { ing, route, ruleTester, SECRETS } from './helpers.js';

const tlsIng = (host: string, secret = 'wild-tls') => ing(`tls:\n  - hosts: [${host}]\n    secretName: ${secret}\n` + route('/', 'Prefix', host));
const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{name: http, port: 80}]\n';
const ic = (name: string, isDefault = false) => `---\napiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: ${name}\n${isDefault ? '  annotations:\n    ingressclass.kubernetes.io/is-default-class: "true"\n' : ''}spec:\n  controller: k8s.io/ingress-nginx\n`;
// wild-tls is valid 2026-11-25T23:06:40Z .. 2126-11-01T23:06:40Z; its tls.crt value is on line 10 of the Secrets text
const withSecrets = (yaml: string) => `${SECRETS}\n---\n${yaml}`;
const secretLines = SECRETS.split('\n').length;

ruleTester('tls-cert-expired', {
  valid: [withSecrets(tlsIng('shop.example.com')), { code: withSecrets(tlsIng('shop.example.com')), options: { now: new Date('2126-10-01T00:00:00Z') } }],
  invalid: [
    { name: 'after notAfter', code: withSecrets(tlsIng('shop.example.com')), options: { now: new Date('2127-01-01T00:00:00Z') }, errors: [{ line: 9, column: 12, path: 'data[tls.crt]', message: 'expired on 2126-11-01T23:06:40.000Z' }] },
    { name: 'before notBefore', code: withSecrets(tlsIng('shop.example.com')), options: { now: new Date('2020-01-01T00:00:00Z') }, errors: [{ line: 9, column: 12, message: 'not valid before' }] },
  ],
});

ruleTester('tls-cert-expiring', {
  valid: [withSecrets(tlsIng('shop.example.com')), { code: withSecrets(tlsIng('shop.example.com')), options: { now: new Date('2127-01-01T00:00:00Z') } }],
  invalid: [{ code: withSecrets(tlsIng('shop.example.com')), options: { now: new Date('2126-10-20T00:00:00Z') }, errors: [{ line: 9, column: 12, message: 'in 12 days' }] }],
});

ruleTester('tls-cert-host', {
  valid: [withSecrets(tlsIng('shop.example.com')), withSecrets(tlsIng('example.com')), tlsIng('shop.example.com', 'missing')],
  invalid: [
    { code: withSecrets(tlsIng('a.b.example.com')), errors: [{ line: secretLines + 8, column: 15, path: 'spec.tls[0].hosts[0]', message: 'covers *.example.com, example.com' }] },
    { code: withSecrets(tlsIng('shop.example.org')), errors: [{ line: secretLines + 8, column: 15 }] },
  ],
});

ruleTester('tls-host-without-rule', {
  valid: [tlsIng('shop.example.com', 'x')],
  invalid: [{ code: ing('tls:\n  - hosts: [shop.example.com]\n    secretName: x\n' + route('/', 'Prefix', 'shop.exmaple.com')), errors: [{ line: 7, column: 15, path: 'spec.tls[0].hosts[0]', message: 'TLS host shop.example.com has no rule' }] }],
});

ruleTester('plain-http-only', {
  valid: [tlsIng('shop.example.com', 'x'), ing(route('/', 'Prefix', '""'))],
  invalid: [{ code: ing(route('/')) + '---\n' + ing(route('/x'), 'name: other'), errors: [{ line: 7, column: 13, path: 'spec.rules[0].host', severity: 'info' }] }],
});

const regexIng = (name: string, paths: [string, string][], annotations = 'nginx.ingress.kubernetes.io/use-regex: "true"') =>
  ing(
    `rules:\n  - host: shop.example.com\n    http:\n      paths:\n${paths.map(([p, t]) => `        - path: ${p}\n          pathType: ${t}\n          backend: {service: {name: web, port: {number: 80}}}`).join('\n')}`,
    `name: ${name}\nannotations:\n  ${annotations}`,
  );

ruleTester('shadowed-route', {
  valid: [
    regexIng('a', [['/api/v1$', 'ImplementationSpecific'], ['/api/v1/x', 'Exact']]),
    regexIng('a', [['/api/v1/(.*)', 'ImplementationSpecific'], ['/api/x', 'ImplementationSpecific']]),
    regexIng('a', [['/abc(.*)', 'ImplementationSpecific'], ['/ab', 'ImplementationSpecific']]),
  ],
  invalid: [
    { name: 'a catch-all regex before a shorter path', code: regexIng('a', [['/(.*)', 'ImplementationSpecific'], ['/api', 'ImplementationSpecific']]), errors: [{ line: 15, column: 19, path: 'spec.rules[0].http.paths[1].path', message: 'the regex /(.*) of Ingress default/a' }] },
    { name: 'a longer regex is tried first', code: regexIng('a', [['/api/v1', 'ImplementationSpecific'], ['/api/(.*)', 'ImplementationSpecific']]), errors: [{ line: 12, column: 19, path: 'spec.rules[0].http.paths[0].path', message: '/api/v1 (Regex) is never reached' }] },
    { name: 'an alternation is not anchored as a whole (~* ^/a|/b)', code: regexIng('a', [['/a|/b', 'ImplementationSpecific'], ['/b/c', 'ImplementationSpecific']]), errors: [{ line: 15, column: 19, message: 'the regex /a|/b' }] },
    { name: 'an Exact path under a longer regex', code: regexIng('a', [['/api/v.*', 'ImplementationSpecific']]) + '---\n' + ing(route('/api/v2', 'Exact'), 'name: b'), errors: [{ line: 25, column: 19, message: '/api/v2 (Exact) is never reached' }] },
  ],
});

ruleTester('regex-contagion', {
  valid: [regexIng('a', [['/api/(.*)', 'ImplementationSpecific']]), regexIng('a', [['/api/(.*)', 'ImplementationSpecific']]) + '---\n' + ing(route('/')) ],
  invalid: [
    { code: regexIng('a', [['/api/(.*)', 'ImplementationSpecific']]) + '---\n' + ing(route('/Static', 'Exact'), 'name: b'), errors: [{ line: 25, column: 19, path: 'spec.rules[0].http.paths[0].path', message: 'Ingress default/a uses regex paths, so ingress-nginx also reads these paths as case-insensitive regexes: /Static (Exact)' }] },
    { name: 'paths of the same Ingress', code: regexIng('a', [['/api/(.*)', 'ImplementationSpecific'], ['/docs', 'Prefix'], ['/img', 'Prefix']]), errors: [{ line: 15, column: 19, message: '/docs (Prefix), /img (Prefix)' }] },
  ],
});

ruleTester('rewrite-target-capture', {
  valid: [regexIng('a', [['/api(/|$)(.*)', 'ImplementationSpecific']], 'nginx.ingress.kubernetes.io/rewrite-target: /$2'), regexIng('a', [['/api', 'ImplementationSpecific']], 'nginx.ingress.kubernetes.io/rewrite-target: /')],
  invalid: [
    { code: regexIng('a', [['/api', 'ImplementationSpecific']], 'nginx.ingress.kubernetes.io/rewrite-target: /$1'), errors: [{ line: 12, column: 19, message: 'uses $1, but the path /api has no capture group' }] },
    { code: regexIng('a', [['/api(/|$)', 'ImplementationSpecific']], 'nginx.ingress.kubernetes.io/rewrite-target: /$2'), errors: [{ line: 12, column: 19, message: 'only 1 capture group' }] },
  ],
});

ruleTester('unknown-ingress-class', {
  valid: [ing('ingressClassName: nginx\n' + route('/')) + ic('nginx'), ing('ingressClassName: other\n' + route('/'))],
  invalid: [
    { code: ing('ingressClassName: ngnix\n' + route('/')) + ic('nginx'), errors: [{ line: 6, column: 21, path: 'spec.ingressClassName', message: 'IngressClass "ngnix" is not in the input (known: nginx)' }] },
    { code: ing(route('/'), 'name: web\nannotations:\n  kubernetes.io/ingress.class: ngnix') + ic('nginx'), errors: [{ line: 6, column: 34 }] },
  ],
});

ruleTester('no-ingress-class', {
  valid: [ing('ingressClassName: nginx\n' + route('/')), ing(route('/')) + ic('nginx', true)],
  invalid: [{ code: ing(route('/')) + ic('nginx'), errors: [{ line: 5, column: 1, path: 'spec', message: 'no ingressClassName' }] }],
});

ruleTester('multiple-default-classes', {
  valid: [ic('a', true) + ic('b')],
  invalid: [{ code: ic('a', true) + ic('b', true), errors: [{ line: 16, column: 50, message: 'IngressClass b is marked as the default, and so is a' }] }],
});

// model-sourced cross-object findings, presented by lint
ruleTester('service-not-found', {
  valid: [svc + '---\n' + ing(route('/')), ing(route('/'))],
  invalid: [{ code: svc + '---\n' + ing(route('/').replace('name: web', 'name: web-svc')), errors: [{ line: 21, column: 23, path: 'spec.rules[0].http.paths[0].backend.service.name', severity: 'error' }] }],
});

ruleTester('service-port-not-found', {
  valid: [svc + '---\n' + ing(route('/'))],
  invalid: [{ code: svc + '---\n' + ing(route('/').replace('number: 80', 'number: 8080')), errors: [{ line: 23, column: 27, message: 'has no port 8080 (it has 80 (http))' }] }],
});

ruleTester('service-port-unresolved', {
  valid: [svc + '---\n' + ing(route('/').replace('number: 80', 'name: http'))],
  invalid: [
    { name: 'no Services given: a warning', code: ing(route('/').replace('number: 80', 'name: http')), errors: [{ line: 16, column: 25, severity: 'warning' }] },
    { name: 'other Services given: still a warning (the missing Service is the error, service-not-found)', code: svc.replace('name: web', 'name: api') + '---\n' + ing(route('/').replace('number: 80', 'name: http')), errors: [{ line: 23, column: 25, severity: 'warning' }] },
  ],
});

ruleTester('services-not-given', {
  valid: [svc + '---\n' + ing(route('/'))],
  invalid: [{ code: ing(route('/')), errors: [{ line: undefined as unknown as number, column: undefined as unknown as number, severity: 'info' }] }],
});

ruleTester('tls-secret-not-found', {
  valid: [withSecrets(tlsIng('shop.example.com'))],
  invalid: [{ code: tlsIng('shop.example.com', 'nope'), errors: [{ line: 8, column: 19, path: 'spec.tls[0].secretName', severity: 'warning' }] }],
});

ruleTester('tls-secret-invalid', {
  valid: [withSecrets(tlsIng('shop.example.com'))],
  invalid: [
    { name: 'wrong type', code: withSecrets(tlsIng('shop.example.com')).replace('type: kubernetes.io/tls', 'type: Opaque'), errors: [{ line: 7, column: 7, path: 'type' }] },
    { name: 'not PEM', code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: bad\ntype: kubernetes.io/tls\nstringData:\n  tls.crt: nope\n  tls.key: nope\n---\n' + tlsIng('shop.example.com', 'bad'), errors: [{ line: 7, column: 12, message: 'tls.crt is not a PEM certificate' }] },
  ],
});

ruleTester('tls-key-mismatch', {
  valid: [withSecrets(tlsIng('shop.example.com'))],
  invalid: [{ code: withSecrets(tlsIng('shop.example.com', 'mismatched-tls')), errors: [{ line: 20, column: 12, path: 'data[tls.key]' }] }],
});

ruleTester('duplicate-route', {
  valid: [ing(route('/a')) + '---\n' + ing(route('/b'), 'name: other')],
  invalid: [{ code: ing(route('/a'), 'name: new\ncreationTimestamp: "2024-01-01T00:00:00Z"') + '---\n' + ing(route('/a'), 'name: old\ncreationTimestamp: "2020-01-01T00:00:00Z"'), errors: [{ line: 11, column: 19, message: 'by Ingress default/old; that one wins (older creationTimestamp 2020-01-01T00:00:00Z)' }] }],
});

ruleTester('duplicate-default-backend', {
  valid: [ing('defaultBackend: {service: {name: web, port: {number: 80}}}')],
  invalid: [{ code: ing('defaultBackend: {service: {name: a, port: {number: 80}}}', 'name: a') + '---\n' + ing('defaultBackend: {service: {name: b, port: {number: 80}}}', 'name: b'), errors: [{ line: 13, column: 19, message: 'the one of Ingress default/a is used' }] }],
});

ruleTester('resource-backend', {
  valid: [ing(route('/'))],
  invalid: [{ code: ing('defaultBackend:\n  resource: {kind: Bucket, name: b}'), errors: [{ line: 7, column: 15 }] }],
});

test.run();
