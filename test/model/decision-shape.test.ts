// The decision serve gets for every request is built without spreads (for speed): it must
// still carry exactly the fields that apply, no more (no undefined vhost, route, headers…).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Matcher } from '../../src/model/match.js';
import { ingress, modelOf } from '../helpers.js';

const A = 'nginx.ingress.kubernetes.io/';
const keys = (d: object) => Object.keys(d).sort();

test('a routed request: its route and host, nothing it does not have', () => {
  const m = new Matcher(modelOf(ingress('cafe', 'cafe.example.com', [['/tea', 'Prefix', 'tea']])));
  const d = m.match({ scheme: 'https', host: 'cafe.example.com', target: '/tea/x', method: 'GET', headers: {} });
  assert.equal(keys(d), ['backend', 'candidates', 'path', 'policy', 'reason', 'route', 'status', 'vhost', 'via']);
  assert.is(d.status === 200 && d.route?.id, 'cafe.example.com/tea (Prefix)');
});

test('the catch-all of a host-less default backend: no route, no host', () => {
  const yaml = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: dflt, namespace: default}
spec:
  defaultBackend: {service: {name: fallback, port: {number: 80}}}
`;
  const d = new Matcher(modelOf(yaml)).match({ scheme: 'https', host: 'nobody.example.com', target: '/', headers: {} });
  assert.is(d.status, 200);
  assert.equal(keys(d), ['backend', 'candidates', 'path', 'policy', 'reason', 'status', 'via']);
});

test('an allowed CORS origin adds its headers to the 200; another origin does not', () => {
  const m = new Matcher(modelOf(ingress('api', 'api.example.com', [['/', 'Prefix', 'x']], { annotations: { [`${A}enable-cors`]: 'true', [`${A}cors-allow-origin`]: 'https://app.example' } })));
  const allowed = m.match({ scheme: 'https', host: 'api.example.com', target: '/', method: 'GET', headers: { origin: 'https://app.example' } });
  assert.is(allowed.status, 200);
  assert.is(allowed.headers?.['access-control-allow-origin'], 'https://app.example');
  const other = m.match({ scheme: 'https', host: 'api.example.com', target: '/', method: 'GET', headers: { origin: 'https://evil.example' } });
  assert.is(other.status, 200);
  assert.not.ok('headers' in other);
});

test.run();
