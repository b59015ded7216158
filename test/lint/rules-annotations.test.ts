// Annotation, path-hygiene and input rules: each with what it must report (at line:col) and must not.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ing, lintText, route, ruleTester } from './helpers.js';

const annotated = (annotations: string, spec = route('/')) => ing(spec, `name: web\nannotations:\n${annotations.replace(/^/gm, '  ')}`);
const nginxClass = 'ingressClassName: nginx\n';

ruleTester('unknown-annotation', {
  valid: [annotated('nginx.ingress.kubernetes.io/proxy-body-size: 8m'), annotated('nginx.ingress.kubernetes.io/whitelist-source-range: 10.0.0.0/8'), annotated('example.com/anything: x')],
  invalid: [
    { code: annotated('nginx.ingress.kubernetes.io/proxy-body-szie: 8m'), errors: [{ line: 6, column: 5, path: 'metadata.annotations[nginx.ingress.kubernetes.io/proxy-body-szie]', message: 'did you mean nginx.ingress.kubernetes.io/proxy-body-size?' }] },
    { code: annotated('nginx.ingress.kubernetes.io/totally-made-up-thing: x'), errors: [{ line: 6, column: 5, message: /^unknown annotation nginx.ingress.kubernetes.io\/totally-made-up-thing; / }] },
  ],
});

ruleTester('yaml-ambiguity', {
  valid: [annotated('nginx.ingress.kubernetes.io/ssl-redirect: "on"'), annotated('a: "0755"\nb: "yes"')],
  invalid: [
    { code: annotated('nginx.ingress.kubernetes.io/ssl-redirect: on'), errors: [{ line: 6, column: 47, message: 'unquoted on is read by kubectl (YAML 1.1) as a boolean' }] },
    { code: annotated('mode: 0755'), errors: [{ line: 6, column: 11, message: 'as the number 493' }] },
  ],
});

ruleTester('snippet-annotation', {
  valid: [annotated('nginx.ingress.kubernetes.io/custom-headers: default/h'), { code: annotated('nginx.ingress.kubernetes.io/server-snippet: "return 403;"'), config: { allowSnippets: true }, options: { allowSnippets: true } }],
  invalid: [
    { code: annotated('nginx.ingress.kubernetes.io/configuration-snippet: |\n  more_set_headers "X: y";'), errors: [{ line: 6, column: 5, message: 'injects raw nginx configuration', severity: 'error' }] },
    { code: annotated('nginx.ingress.kubernetes.io/auth-snippet: x\nnginx.ingress.kubernetes.io/stream-snippet: y'), errors: [{ line: 6, column: 5 }, { line: 7, column: 5 }] },
  ],
});

ruleTester('removed-annotation', {
  valid: [annotated('nginx.ingress.kubernetes.io/backend-protocol: HTTPS')],
  invalid: [{ code: annotated('nginx.ingress.kubernetes.io/secure-backends: "true"'), errors: [{ line: 6, column: 5, message: 'was removed from ingress-nginx and is ignored; use backend-protocol: "HTTPS"' }] }],
});

ruleTester('foreign-annotation', {
  valid: [annotated('nginx.org/client-max-body-size: 8m', 'ingressClassName: nginx-plus\n' + route('/')), annotated('nginx.ingress.kubernetes.io/proxy-body-size: 8m', nginxClass + route('/'))],
  invalid: [
    { name: 'mixed with ingress-nginx annotations: the switch is advised', code: annotated('nginx.org/client-max-body-size: 8m\nnginx.ingress.kubernetes.io/ssl-redirect: "false"', nginxClass + route('/')), errors: [{ line: 6, column: 5, message: /^nginx\.org\/client-max-body-size belongs to F5 NGINX Ingress Controller; ingress-nginx ignores it$/ }] },
    {
      name: "only nginx.org/* (the docs' cafe example): F5's controller, ignored by ingress-nginx and every target",
      code: annotated('nginx.org/client-max-body-size: 8m\nnginx.org/rewrites: "serviceName=tea-svc rewrite=/"', nginxClass + route('/')),
      errors: [
        { line: 6, column: 5, message: 'belongs to F5 NGINX Ingress Controller (which also answers to the class "nginx"); ingress-nginx and every ingressctl target (nginx, HAProxy, Envoy, serve) ignore it' },
        { line: 7, column: 5, message: 'every ingressctl target' },
      ],
    },
    {
      name: 'by the IngressClass controller',
      code: annotated('traefik.ingress.kubernetes.io/router.entrypoints: web', 'ingressClassName: public\n' + route('/')) + '---\napiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: public\nspec:\n  controller: k8s.io/ingress-nginx\n',
      errors: [{ line: 6, column: 5, message: 'Traefik' }],
    },
  ],
});

ruleTester('target-unsupported-annotation', {
  valid: [annotated('nginx.ingress.kubernetes.io/enable-cors: "true"'), { code: annotated('nginx.ingress.kubernetes.io/proxy-read-timeout: "30"'), options: { target: 'haproxy' } }],
  invalid: [{ code: annotated('nginx.ingress.kubernetes.io/limit-connections: "2"'), options: { target: 'envoy' }, errors: [{ line: 6, column: 5, message: 'not honoured by the envoy configuration' }] }],
});

ruleTester('annotation-value', {
  valid: [annotated('nginx.ingress.kubernetes.io/proxy-read-timeout: "60"\nnginx.ingress.kubernetes.io/auth-realm: Restricted')],
  invalid: [
    { name: 'a parsed annotation (model)', code: annotated('nginx.ingress.kubernetes.io/proxy-read-timeout: 60 seconds'), errors: [{ line: 6, column: 53, message: 'must be a whole number of seconds' }] },
    { name: 'an unsafe character in another annotation', code: annotated('nginx.ingress.kubernetes.io/auth-realm: "x; allow all"'), errors: [{ line: 6, column: 45, message: 'contains ";"' }] },
  ],
});

ruleTester('invalid-ignore', {
  valid: [annotated('ignore-check.ingressctl.io/plain-http-only: "internal host"')],
  invalid: [
    { code: annotated('ignore-check.ingressctl.io/plain-http-only: ""'), errors: [{ line: 6, column: 49, message: 'has no reason, so it does not apply' }] },
    { code: annotated('ignore-check.ingressctl.io/plain-http-ony: "x"'), errors: [{ line: 6, column: 5, message: 'did you mean plain-http-only?' }] },
  ],
});

ruleTester('path-characters', {
  valid: [ing(route('/api/v1.2_~x')), ing(route('/a@b', 'ImplementationSpecific')), ing(route('/api/*'))],
  invalid: [{ code: ing(route('/files/@latest:1')), errors: [{ line: 10, column: 19, message: 'holds "@", ":"' }] }],
});

ruleTester('prefix-trailing-slash', {
  valid: [ing(route('/')), ing(route('/api')), ing(route('/api/', 'Exact'))],
  invalid: [{ code: ing(route('/api/')), errors: [{ line: 10, column: 19, message: 'it also matches /api' }] }],
});

ruleTester('regex-in-plain-path', {
  valid: [ing(route('/api')), annotated('nginx.ingress.kubernetes.io/use-regex: "true"', route('/api/.*', 'ImplementationSpecific'))],
  invalid: [
    { code: ing(route('/api/.*')), errors: [{ line: 10, column: 19, message: 'Prefix path /api/.* contains regex syntax (".*")' }] },
    { code: ing(route('"/v1/.+"', 'ImplementationSpecific')), errors: [{ line: 10, column: 19 }] },
  ],
});

// input problems the loader and the model report
ruleTester('yaml-syntax', {
  valid: [ing(route('/'))],
  invalid: [{ code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n   labels: {}\n', errors: [{ line: 5, column: 10, message: 'YAML syntax error' }] }],
});

ruleTester('schema', {
  valid: [ing(route('/'))],
  invalid: [{ code: ing(route('/').replace('service:\n              name: web\n              port:\n                number: 80', 'serviceName: web\n            servicePort: 80')), errors: [{ line: 13, column: 15, message: 'unknown field "serviceName"' }, { line: 14, column: 15, message: 'unknown field "servicePort"' }] }],
});

test('invalid-path supersedes path-characters and regex-in-plain-path: a path the model refuses is reported once, as an error', () => {
  for (const p of ['"/a#b"', '"/v[0-9]"']) {
    const found = lintText(ing(route(p))).findings.filter((f) => f.path === 'spec.rules[0].http.paths[0].path');
    assert.equal(found.map((f) => `${f.ruleId} ${f.severity}`), ['invalid-path error'], p);
  }
});

ruleTester('invalid-path', {
  valid: [ing(route('/a%20b'))],
  invalid: [{ code: ing(route('"/a b"')), errors: [{ line: 10, column: 19, message: 'holds characters that are not allowed' }] }],
});

ruleTester('invalid-host', {
  valid: [ing(route('/'))],
  invalid: [{ name: 'shown when ingress-host is off', code: ing(route('/', 'Prefix', 'Shop.example.com')), config: { rules: { 'ingress-host': 'off' } }, errors: [{ line: 7, column: 13, message: 'is not a valid DNS name' }] }],
});

test.run();
