import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ingress, modelOf } from '../helpers.js';

// serve sends only --upstream addresses to real servers; Endpoints addresses are cluster pod IPs.
const service = `---
apiVersion: v1
kind: Service
metadata: { name: tea }
spec:
  ports: [{ name: http, port: 80, targetPort: 8080 }]
---
apiVersion: v1
kind: Endpoints
metadata: { name: tea }
subsets:
  - addresses: [{ ip: 10.0.0.7 }]
    ports: [{ name: http, port: 8080 }]
`;
const yaml = ingress('cafe', 'cafe.example.com', [['/tea', 'Prefix', 'tea']]) + service;

test('an --upstream override is marked as such', () => {
  const m = modelOf(yaml, { upstreams: new Map([['default/tea', { host: '127.0.0.1', port: 9000 }]]) });
  assert.equal(m.hosts[0].routes[0].backend.upstream, { kind: 'endpoints', endpoints: [{ ip: '127.0.0.1', port: 9000 }], source: 'override' });
});
test('addresses from Endpoints are marked as endpoints', () => {
  const m = modelOf(yaml);
  assert.equal(m.hosts[0].routes[0].backend.upstream, { kind: 'endpoints', endpoints: [{ ip: '10.0.0.7', port: 8080 }], source: 'endpoints' });
});
test('a --default-backend with an override is marked as such', () => {
  const m = modelOf(yaml, { defaultBackend: { namespace: 'default', service: 'fallback', port: 80 }, upstreams: new Map([['default/fallback:80', { host: '127.0.0.1', port: 9001 }]]) });
  assert.equal(m.defaultBackend!.backend.upstream, { kind: 'endpoints', endpoints: [{ ip: '127.0.0.1', port: 9001 }], source: 'override' });
});

test.run();
