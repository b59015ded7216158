// The CORS filter read into the model's CORS policy (src/gateway/filters.ts) and answered as
// the spec says (src/model/cors.ts); the routing table runs it on every target.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allowedOrigin, corsHeaders } from '../../src/model/cors.js';
import type { RouteModel } from '../../src/model/types.js';
import { gatewayFrame, modelOf } from '../helpers.js';
import { answerHeaders, corsModifiedHeaders } from '../../src/gateway/filters-apply.js';
import { renderGatewayEnvoy } from '../../src/gateway/emit-envoy.js';

const yaml = (cors: string) => `
${gatewayFrame({ className: 'c' })}apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r, namespace: default }
spec:
  parentRefs: [{ name: gw }]
  rules:
    - filters: [{ type: CORS, cors: ${cors} }]
      backendRefs: [{ name: app, port: 80 }]
`;

const read = (cors: string) => {
  const m: RouteModel = modelOf(yaml(cors));
  const route = m.gateways![0].listeners[0].hosts[0].routes[0];
  return { cors: route.policy.cors, findings: m.findings.filter((f) => f.ruleId === 'gateway-invalid-filter') };
};

test('an origin host "*" is any host of that scheme (and port)', () => {
  const { cors, findings } = read('{ allowOrigins: ["https://*", "http://*:8080"] }');
  assert.equal(findings, []);
  assert.is(allowedOrigin(cors!, 'https://any.where.test'), 'https://any.where.test');
  assert.is(allowedOrigin(cors!, 'http://x.test:8080'), 'http://x.test:8080');
  assert.is(allowedOrigin(cors!, 'http://x.test'), undefined);
});

test('lists left empty send no header; maxAge defaults to 5', () => {
  const { cors } = read('{ allowOrigins: ["https://a.test"] }');
  assert.equal(corsHeaders(cors!, 'https://a.test'), { 'access-control-allow-origin': 'https://a.test', 'access-control-max-age': '5' });
});

test('with credentials, "*" lists echo the request; absent request headers leave theirs out', () => {
  const { cors } = read('{ allowOrigins: ["*"], allowMethods: ["*"], allowHeaders: ["*"], allowCredentials: true }');
  assert.is(allowedOrigin(cors!, undefined), undefined, 'no Origin: not a CORS request');
  const o = allowedOrigin(cors!, 'https://a.test')!;
  assert.equal(corsHeaders(cors!, o, { origin: 'https://a.test', 'access-control-request-method': 'PATCH' }), { 'access-control-allow-origin': 'https://a.test', 'access-control-allow-credentials': 'true', 'access-control-allow-methods': 'PATCH', 'access-control-max-age': '5' });
});

test('with credentials, exposeHeaders "*" is left out (reported), the other names kept', () => {
  const { cors, findings } = read('{ allowOrigins: ["https://a.test"], exposeHeaders: ["*", "x-a"], allowCredentials: true }');
  assert.is(cors!.exposeHeaders, 'x-a');
  assert.equal(findings.map((f) => f.path), ['spec.rules[0].filters[0].cors.exposeHeaders']);
});

test('a name that is no HTTP token, or a maxAge that is no number of seconds: the filter is left out, reported', () => {
  for (const [cors, path] of [['{ allowOrigins: ["https://a.test"], allowHeaders: ["a b"] }', 'spec.rules[0].filters[0].cors.allowHeaders[0]'], ['{ allowOrigins: ["https://a.test"], maxAge: 0 }', 'spec.rules[0].filters[0].cors.maxAge'], ['{ allowOrigins: ["https://a.test:99999"] }', 'spec.rules[0].filters[0].cors.allowOrigins[0]']]) {
    const r = read(cors);
    assert.is(r.cors, undefined, cors);
    assert.equal(r.findings.map((f) => f.path), [path], cors);
  }
});

const withModifier = (rule: string, backend = '') => `
${gatewayFrame({ className: 'c' })}apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r, namespace: default }
spec:
  parentRefs: [{ name: gw }]
  rules:
    - filters:
        - { type: CORS, cors: { allowOrigins: ["https://a.test"], exposeHeaders: [x-a] } }${rule ? `\n        - { type: ResponseHeaderModifier, responseHeaderModifier: ${rule} }` : ''}
      backendRefs: [{ name: app, port: 80${backend ? `, filters: [{ type: ResponseHeaderModifier, responseHeaderModifier: ${backend} }]` : ''} }]
`;

test('answer headers: CORS first, then each modifier in turn (set replaces, add appends, remove drops)', () => {
  const cors = { 'access-control-allow-origin': 'https://a.test', 'access-control-expose-headers': 'x-a', 'access-control-max-age': '5' };
  const rule = { set: [{ name: 'Access-Control-Allow-Origin', value: '*' }], add: [{ name: 'Access-Control-Expose-Headers', value: 'x-b' }], remove: [] };
  const backend = { set: [], add: [], remove: ['access-control-max-age'] };
  assert.equal(answerHeaders(cors, [rule, backend]), { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'x-a,x-b' });
  assert.equal(answerHeaders(undefined, [rule]), { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'x-b' });
  assert.equal(cors['access-control-max-age'], '5', 'the CORS headers are not changed in place');
});

test('the CORS headers a route\'s modifiers change: the rule\'s and its backendRefs\', names compared case-insensitively', () => {
  const route = (y: string) => modelOf(y).gateways![0].listeners[0].hosts[0].routes[0];
  assert.equal(corsModifiedHeaders(route(withModifier('{ set: [{ name: Cache-Control, value: no-store }] }'))), []);
  assert.equal(corsModifiedHeaders(route(withModifier('{ remove: [Access-Control-Max-Age] }', '{ set: [{ name: access-control-expose-headers, value: x-c }] }'))), ['access-control-expose-headers', 'access-control-max-age']);
});

test('Envoy: a backendRef\'s modifier on a CORS header is reported (weighted-cluster headers come before the route\'s); the rule\'s is not', () => {
  const approximate = (y: string) => {
    const m = modelOf(y);
    return renderGatewayEnvoy(m, m.gateways![0], { httpPort: 80, httpsPort: 443, mapPorts: new Map(), resolver: '10.96.0.10' }).findings.filter((f) => f.ruleId === 'target-approximate').map((f) => f.message);
  };
  assert.equal(approximate(withModifier('{ remove: [Access-Control-Max-Age] }')), []);
  const found = approximate(withModifier('', '{ remove: [Access-Control-Allow-Origin] }'));
  assert.is(found.length, 1);
  assert.match(found[0], /access-control-allow-origin of .*a backendRef's ResponseHeaderModifier/);
});

test.run();
