// describe: the layout of `kubectl describe ingress` (kubernetes/kubectl, describe.go:
// describeIngressV1 and Go's text/tabwriter), filled from the route model.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tabbed } from '../../src/cli/tabwriter.js';
import { cli, fixture } from '../helpers.js';

test('tabwriter: columns aligned per block of lines that have the cell, padding 2, last cell free', () => {
  assert.is(tabbed('a:\tx\nlonger:\ty\nbreak\nq\tr'), 'a:       x\nlonger:  y\nbreak\nq  r');
  assert.is(tabbed('  Host\tPath\tB\n  h\t\n    \t/a \tb1'), '  Host  Path  B\n  h     \n        /a   b1');
});

test('the cafe example: Name … Events, TLS "SECRET terminates HOSTS", rules with (<none>) endpoints', async () => {
  const r = await cli(['describe', fixture('cafe')]);
  assert.is(r.code, 0, r.stderr);
  assert.is(
    r.stdout,
    `Name:             cafe-ingress
Labels:           <none>
Namespace:        default
Address:          
Ingress Class:    nginx
Default backend:  <default>
TLS:
  cafe-secret terminates cafe.example.com
Rules:
  Host              Path  Backends
  ----              ----  --------
  cafe.example.com  
                    /tea      tea-svc:80 (<none>)
                    /coffee   coffee-svc:80 (<none>)
Annotations:        <none>
Events:             <none>
`,
  );
});

const SHOP = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: web
  labels:
    app: shop
    tier: edge
  annotations:
    nginx.ingress.kubernetes.io/ssl-redirect: "false"
    nginx.ingress.kubernetes.io/proxy-body-size: 8m
spec:
  ingressClassName: nginx
  defaultBackend:
    service:
      name: fallback
      port:
        number: 80
  tls:
    - hosts: [shop.example.com, www.shop.example.com]
      secretName: shop-tls
    - hosts: [sni.example.com]
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /api
            pathType: Prefix
            backend:
              service:
                name: api
                port:
                  name: http
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: fallback
                port:
                  number: 80
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: web}
spec:
  ports: [{name: http, port: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: fallback, namespace: web}
spec:
  ports: [{port: 80}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: api, namespace: web}
subsets:
  - addresses: [{ip: 10.0.0.1}, {ip: 10.0.0.2}, {ip: 10.0.0.3}, {ip: 10.0.0.4}]
    ports: [{name: http, port: 9000}]
`;

test('labels and annotations one per line, a default backend, SNI routes, a host-less rule, endpoints from the model (three, then "+ N more")', async () => {
  const r = await cli(['describe', '-'], SHOP);
  assert.is(
    r.stdout,
    `Name:             shop
Labels:           app=shop
                  tier=edge
Namespace:        web
Address:          
Ingress Class:    nginx
Default backend:  fallback:80 (<none>)
TLS:
  shop-tls terminates shop.example.com,www.shop.example.com
  SNI routes sni.example.com
Rules:
  Host              Path  Backends
  ----              ----  --------
  shop.example.com  
                    /api   api:http (10.0.0.1:9000,10.0.0.2:9000,10.0.0.3:9000 + 1 more...)
  *                 
                    /   fallback:80 (<none>)
Annotations:        nginx.ingress.kubernetes.io/proxy-body-size: 8m
                    nginx.ingress.kubernetes.io/ssl-redirect: false
Events:             <none>
`,
  );
});

test('several Ingresses: each described, separated by two blank lines as kubectl does; an Ingress without rules shows its default backend as * *', async () => {
  const two = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: catch-all}
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: second}
spec:
  rules: [{host: b.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: b, port: {number: 80}}}}]}}]
`;
  const r = await cli(['describe', '-'], two);
  const parts = r.stdout.split('\n\n\n');
  assert.is(parts.length, 2);
  assert.match(parts[0], /^Name:\s+catch-all\n/);
  assert.match(parts[0], /^  \*\s+\*\s+web:80 \(<none>\)$/m);
  assert.match(parts[1], /^Name:\s+second\n/);
});

test.run();
