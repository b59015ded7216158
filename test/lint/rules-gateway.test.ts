// Gateway API cross-object rules: what each must report (at line:col) and must not.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { indent, lintText, ruleTester } from './helpers.js';

const GW = 'gateway.networking.k8s.io/v1';

/** A Gateway in namespace `ns` with these listeners (YAML list items, indented under listeners:). */
function gateway(listeners: string, name = 'gw', ns = 'infra'): string {
  return `apiVersion: ${GW}\nkind: Gateway\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  gatewayClassName: example\n  listeners:\n${indent(listeners, 4)}\n`;
}
/** An HTTPRoute; `spec` YAML under spec: */
function route(spec: string, name = 'shop', ns = 'shop', kind = 'HTTPRoute'): string {
  return `apiVersion: ${GW}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${indent(spec, 2)}\n`;
}
const service = (name: string, ns: string, port = 80) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  ports: [{port: ${port}}]\n`;
const grant = (ns: string, fromKind: string, fromNs: string, toKind: string, toName = '') =>
  `apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: g, namespace: ${ns}}\nspec:\n  from: [{group: gateway.networking.k8s.io, kind: ${fromKind}, namespace: ${fromNs}}]\n  to: [{group: "", kind: ${toKind}${toName ? `, name: ${toName}` : ''}}]\n`;
const doc = (...parts: string[]) => parts.join('---\n');

const httpAll = '- name: http\n  protocol: HTTP\n  port: 80\n  allowedRoutes:\n    namespaces:\n      from: All';
// line numbers: the Gateway with httpAll takes lines 1-14, "---" is line 15, the route starts on line 16
const parent = (extra = '') => `parentRefs:\n  - name: gw\n    namespace: infra${extra}`;

ruleTester('gateway-parent-ref', {
  valid: [
    route(parent()), // no Gateway in the input: nothing to judge
    doc(gateway(httpAll), route(parent('\n    sectionName: http'))),
    doc(gateway(httpAll), route(parent('\n    port: 80'))),
  ],
  invalid: [
    { name: 'missing Gateway', code: doc(gateway(httpAll), route('parentRefs:\n  - name: gw')), errors: [{ line: 23, column: 13, path: 'spec.parentRefs[0].name', message: 'Gateway shop/gw is not in the input' }] },
    { name: 'sectionName', code: doc(gateway(httpAll), route(parent('\n    sectionName: https'))), errors: [{ line: 25, column: 20, path: 'spec.parentRefs[0].sectionName', message: 'has no listener named "https"' }] },
    { name: 'port', code: doc(gateway(httpAll), route(parent('\n    port: 8080'))), errors: [{ line: 25, column: 13, path: 'spec.parentRefs[0].port', message: 'does not listen on port 8080' }] },
    { name: 'sectionName and port of different listeners', code: doc(gateway(httpAll + '\n- name: other\n  protocol: HTTP\n  port: 8080'), route(parent('\n    sectionName: http\n    port: 8080'))), errors: [{ line: 29, column: 13, message: 'listener "http" of Gateway infra/gw does not listen on port 8080' }] },
  ],
});

ruleTester('gateway-route-not-allowed', {
  valid: [
    doc(gateway('- name: http\n  protocol: HTTP\n  port: 80', 'gw', 'shop'), route('parentRefs:\n  - name: gw')),
    doc(gateway(httpAll), route(parent())),
    doc(gateway('- name: http\n  protocol: HTTP\n  port: 80\n  allowedRoutes:\n    namespaces:\n      from: Selector\n      selector:\n        matchLabels: {team: shop}'), route(parent())), // Namespace not in the input: cannot tell
    doc(gateway(httpAll), route(parent(), 'shop', 'shop', 'GRPCRoute')),
  ],
  invalid: [
    { name: 'Same namespace (default)', code: doc(gateway('- name: http\n  protocol: HTTP\n  port: 80'), route(parent())), errors: [{ line: 20, column: 7, path: 'spec.parentRefs[0]', message: 'takes routes from its own namespace (infra) only' }] },
    {
      name: 'selector that does not select the namespace',
      code: doc('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {team: web}\n', gateway('- name: http\n  protocol: HTTP\n  port: 80\n  allowedRoutes:\n    namespaces:\n      from: Selector\n      selector:\n        matchLabels: {team: shop}'), route(parent())),
      errors: [{ line: 31, column: 7, message: 'namespace selector does not select namespace shop' }],
    },
    { name: 'kinds', code: doc(gateway('- name: http\n  protocol: HTTP\n  port: 80\n  allowedRoutes:\n    namespaces: {from: All}\n    kinds: [{kind: GRPCRoute}]'), route(parent())), errors: [{ line: 23, column: 7, message: 'listener "http" takes GRPCRoute' }] },
  ],
});

ruleTester('gateway-backend-ref', {
  valid: [
    route('rules:\n  - backendRefs:\n      - {name: web, port: 8080}'), // no Service in the input
    doc(service('web', 'shop'), route('rules:\n  - backendRefs:\n      - {name: web, port: 80}')),
    doc(service('web', 'shop'), route('rules:\n  - backendRefs:\n      - {group: example.com, kind: Foo, name: x}')),
  ],
  invalid: [
    { name: 'missing Service', code: doc(service('web', 'shop'), route('rules:\n  - backendRefs:\n      - name: webb\n        port: 80')), errors: [{ line: 15, column: 17, path: 'spec.rules[0].backendRefs[0].name', message: 'Service shop/webb is not in the input' }] },
    { name: 'missing port', code: doc(service('web', 'shop'), route('rules:\n  - backendRefs:\n      - name: web\n        port: 8080')), errors: [{ line: 16, column: 17, path: 'spec.rules[0].backendRefs[0].port', message: 'Service shop/web has no port 8080' }] },
  ],
});

// one rule for backendRefs and certificateRefs (the route model reports both; lint presents them)
ruleTester('gateway-ref-not-permitted', {
  valid: [
    route('rules:\n  - backendRefs:\n      - {name: web, port: 80}'),
    doc(grant('billing', 'HTTPRoute', 'shop', 'Service'), route('rules:\n  - backendRefs:\n      - {name: pay, namespace: billing, port: 80}')),
    doc(grant('billing', 'HTTPRoute', 'shop', 'Service', 'pay'), route('rules:\n  - backendRefs:\n      - {name: pay, namespace: billing, port: 80}')),
    doc(grant('certs', 'Gateway', 'infra', 'Secret'), gateway('- name: https\n  protocol: HTTPS\n  port: 443\n  tls:\n    certificateRefs: [{name: tls, namespace: certs}]')),
  ],
  invalid: [
    { name: 'backendRef', code: route('rules:\n  - backendRefs:\n      - name: pay\n        namespace: billing\n        port: 80'), errors: [{ line: 10, column: 22, path: 'spec.rules[0].backendRefs[0].namespace', severity: 'error', message: 'HTTPRoute shop/shop may not refer to Service billing/pay' }] },
    { name: 'certificateRef', code: gateway('- name: https\n  protocol: HTTPS\n  port: 443\n  tls:\n    certificateRefs: [{name: tls, namespace: certs}]'), errors: [{ line: 13, column: 50, path: 'spec.listeners[0].tls.certificateRefs[0].namespace', severity: 'error', message: 'Secret certs/tls is in another namespace and no ReferenceGrant there allows it' }] },
    { name: 'grant for another name', code: doc(grant('billing', 'HTTPRoute', 'shop', 'Service', 'other'), route('rules:\n  - backendRefs:\n      - {name: pay, namespace: billing, port: 80}')), errors: [{ line: 16, column: 34, message: 'no ReferenceGrant in namespace billing' }] },
    { name: 'grant for another kind', code: doc(grant('billing', 'GRPCRoute', 'shop', 'Service'), route('rules:\n  - backendRefs:\n      - {name: pay, namespace: billing, port: 80}')), errors: [{ line: 16, column: 34 }] },
  ],
});

const hostListener = (h: string) => `- name: http\n  protocol: HTTP\n  port: 80\n  hostname: "${h}"\n  allowedRoutes:\n    namespaces:\n      from: All`;
ruleTester('gateway-route-hostname', {
  valid: [
    doc(gateway(hostListener('*.example.com')), route(`${parent()}\nhostnames: [a.example.com, a.b.example.com, "*.shop.example.com"]`)),
    doc(gateway(httpAll), route(`${parent()}\nhostnames: [anything.org]`)), // a listener without hostname takes every name
    doc(gateway(hostListener('shop.example.com')), route(`${parent()}\nhostnames: ["*.example.com"]`)),
    route(`${parent()}\nhostnames: [example.com]`), // Gateway not in the input
  ],
  invalid: [
    { name: 'a wildcard does not cover its own domain', code: doc(gateway(hostListener('*.example.com')), route(`${parent()}\nhostnames: [example.com, shop.example.com]`)), errors: [{ line: 26, column: 15, path: 'spec.hostnames[0]', message: 'hostname example.com is outside every listener it attaches to (*.example.com)' }] },
    { name: 'two wildcards without common names', code: doc(gateway(hostListener('*.example.com')), route(`${parent()}\nhostnames: ["*.example.org"]`)), errors: [{ line: 26, column: 15, message: '*.example.org is outside' }] },
  ],
});

// one rule for everything not read: the route model reports each (kinds, versions, groups, ref kinds)
ruleTester('gateway-unsupported', {
  valid: [route(parent()), gateway(httpAll), 'apiVersion: v1\nkind: Service\nmetadata: {name: x}\n'],
  invalid: [
    { name: 'experimental group', code: 'apiVersion: gateway.networking.x-k8s.io/v1alpha1\nkind: XListenerSet\nmetadata: {name: t}\n', errors: [{ line: 2, column: 7, path: 'kind', severity: 'warning', message: "XListenerSet (gateway.networking.x-k8s.io/v1alpha1, the experimental channel's group) is not supported" }] },
    { name: 'GRPCRoute v1beta1 (not served by v1.6.1)', code: route(parent(), 'g', 'shop', 'GRPCRoute').replace(GW, 'gateway.networking.k8s.io/v1beta1'), errors: [{ line: 1, column: 13, path: 'apiVersion', severity: 'warning', message: 'gateway.networking.k8s.io/v1beta1 GRPCRoute is not served by Gateway API v1.6.1 (standard channel)' }] },
    { name: 'a kind of the standard group', code: 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TCPRoute\nmetadata: {name: t}\nspec: {}\n', errors: [{ line: 1, column: 13, path: 'apiVersion', message: 'gateway.networking.k8s.io/v1alpha2 TCPRoute is not supported' }] },
    { name: 'a version of the standard group', code: route(parent()).replace(`${GW}\nkind: HTTPRoute`, 'gateway.networking.k8s.io/v1alpha2\nkind: HTTPRoute'), errors: [{ line: 1, column: 13, path: 'apiVersion' }] },
    { name: 'parentRef kind', code: route('parentRefs:\n  - group: gateway.networking.k8s.io\n    kind: ListenerSet\n    name: ls'), errors: [{ line: 9, column: 13, path: 'spec.parentRefs[0].kind', severity: 'warning', message: 'parentRef kind ListenerSet.gateway.networking.k8s.io is not supported' }] },
    { name: 'backendRef kind', code: route('rules:\n  - backendRefs:\n      - group: multicluster.x-k8s.io\n        kind: ServiceImport\n        name: x\n        port: 80'), errors: [{ line: 10, column: 17, path: 'spec.rules[0].backendRefs[0].kind', severity: 'warning', message: 'backendRef kind ServiceImport.multicluster.x-k8s.io is not supported' }] },
  ],
});

// a field the schema refuses is one finding (schema), not also the route model's gateway-invalid-match/-filter
test('schema supersedes gateway-invalid-match and gateway-invalid-filter on the same field', () => {
  const code = route('rules:\n  - matches:\n      - headers: [{name: "bad header", value: x}]\n    filters:\n      - type: RequestRedirect\n        requestRedirect: {statusCode: 200}\n      - type: RequestHeaderModifier\n        requestHeaderModifier: {set: [{name: "a b", value: x}]}');
  const fs = lintText(code).findings.filter((f) => f.severity === 'error');
  assert.equal(fs.map((f) => `${f.ruleId} ${f.path}`), ['schema spec.rules[0].matches[0].headers[0].name', 'schema spec.rules[0].filters[0].requestRedirect.statusCode', 'schema spec.rules[0].filters[1].requestHeaderModifier.set[0].name']);
});

// CORS and a ResponseHeaderModifier on the same header: one order on every target, reported
const corsRule = (filters: string, backendFilters = '') =>
  route(`rules:\n  - filters:\n${indent(filters, 6)}\n    backendRefs:\n      - name: web\n        port: 80${backendFilters ? `\n        filters:\n${indent(backendFilters, 10)}` : ''}`);
const cors = '- type: CORS\n  cors: {allowOrigins: ["https://app.example.com"], exposeHeaders: [x-a]}';
const modifier = (m: string) => `- type: ResponseHeaderModifier\n  responseHeaderModifier: {${m}}`;
ruleTester('gateway-cors-header-modifier', {
  valid: [corsRule(`${cors}\n${modifier('set: [{name: Cache-Control, value: no-store}]')}`), corsRule(modifier('set: [{name: Access-Control-Allow-Origin, value: "*"}]'))],
  invalid: [
    { name: 'set after CORS', code: corsRule(`${cors}\n${modifier('set: [{name: Access-Control-Allow-Origin, value: "*"}], remove: [Access-Control-Max-Age, x-other]')}`), errors: [{ line: 11, column: 11, path: 'spec.rules[0].filters[1]', message: 'changes access-control-allow-origin, access-control-max-age, which the CORS filter writes' }] },
    { name: 'listed before CORS', code: corsRule(`${modifier('add: [{name: Access-Control-Expose-Headers, value: x-b}]')}\n${cors}`), errors: [{ line: 9, column: 11, message: /listed before the CORS filter but acts after it/ }] },
    { name: 'on a backendRef', code: corsRule(cors, modifier('remove: [access-control-allow-origin]')), errors: [{ line: 15, column: 15, path: 'spec.rules[0].backendRefs[0].filters[0]', message: 'changes access-control-allow-origin' }] },
  ],
});

// the API server checks a custom resource's name as it does any object's
ruleTester('object-name', {
  valid: [route(parent(), 'shop.v2'), 'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: example\nspec:\n  controllerName: example.com/gw\n'],
  invalid: [
    { name: 'HTTPRoute', code: route(parent(), 'Shop_Route'), errors: [{ line: 4, column: 9, path: 'metadata.name', message: 'metadata.name: Invalid value "Shop_Route"' }] },
    { name: 'Gateway namespace', code: gateway(httpAll, 'gw', 'Infra'), errors: [{ line: 5, column: 14, path: 'metadata.namespace' }] },
  ],
});

ruleTester('metadata-keys', {
  valid: [route(parent(), 'shop')],
  invalid: [{ name: 'a label key of a Gateway', code: gateway(httpAll).replace('  namespace: infra\n', '  namespace: infra\n  labels:\n    -bad: x\n'), errors: [{ line: 7, column: 11, message: '"-bad"' }] }],
});

test.run();
