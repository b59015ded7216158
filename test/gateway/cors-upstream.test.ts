// An upstream that sends CORS headers of its own: the route's CORS headers replace them for an
// allowed origin, and they pass as sent otherwise (an origin not allowed, a header the route
// does not send, a route without CORS), on serve, real nginx and real HAProxy alike.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RouteModel } from '../../src/model/types.js';
import { gatewayFrame, modelOf } from '../helpers.js';
import { testNeeding } from '../needs.js';
import { available, RUNTIME_TARGETS, startGatewayRuntime } from '../security/runtime.js';

const yaml = `
${gatewayFrame()}apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r, namespace: default }
spec:
  parentRefs: [{ name: gw }]
  hostnames: [up.example.com]
  rules:
    - matches: [{ path: { type: PathPrefix, value: /cors } }]
      filters: [{ type: CORS, cors: { allowOrigins: ["https://a.test"], allowMethods: [GET] } }]
      backendRefs: [{ name: app, port: 80 }]
    - backendRefs: [{ name: app, port: 80 }]
`;
const UPSTREAM = { 'access-control-allow-origin': 'https://upstream.test', 'access-control-expose-headers': 'x-up' };

/** path, Origin → the CORS header lines the answer must carry (each exactly once) */
const CASES: [string, string, Record<string, string>][] = [
  ['/cors', 'https://a.test', { 'access-control-allow-origin': 'https://a.test', 'access-control-allow-methods': 'GET', 'access-control-max-age': '5', 'access-control-expose-headers': 'x-up' }],
  ['/cors', 'https://b.test', UPSTREAM],
  ['/other', 'https://a.test', UPSTREAM],
];

for (const target of RUNTIME_TARGETS) {
  testNeeding(test, target, available(target), `${target}: the route's CORS headers replace an upstream's own, which pass otherwise`, async () => {
    const model: RouteModel = modelOf(yaml, { gatewayClass: 'ingressctl' });
    const run = await startGatewayRuntime(target, model, model.gateways![0], UPSTREAM);
    const problems: string[] = [];
    try {
      for (const [path, origin, want] of CASES) {
        const a = await run.send('http', 'up.example.com', path, { origin });
        const got: Record<string, string> = {};
        for (const [n, v] of a.headers) if (n.startsWith('access-control-')) got[n] = got[n] === undefined ? v : `${got[n]} | ${v}`;
        if (a.status !== 200 || JSON.stringify(Object.entries(got).sort()) !== JSON.stringify(Object.entries(want).sort())) problems.push(`${path} ${origin}: ${a.status} ${JSON.stringify(got)}`);
      }
    } finally {
      await run.close();
    }
    assert.equal(problems, []);
  });
}

test.run();
