// The CORS filter read into the model's CORS policy (src/gateway/filters.ts) and answered as
// the spec says (src/model/cors.ts); the routing table runs it on every target.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allowedOrigin, corsHeaders } from '../../src/model/cors.js';
import type { RouteModel } from '../../src/model/types.js';
import { gatewayFrame, modelOf } from '../helpers.js';

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

test.run();
