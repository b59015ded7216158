// Generates N Ingresses (10 Prefix paths each, TLS) in 50 namespaces, in two shapes:
// - complete (default): with a Service each and one TLS Secret per namespace (teams share
//   a certificate), as a cluster dump holds them;
// - git-like ({ gitLike: true }): the Ingresses alone, as they sit in a git repository (no
//   Secrets or Services committed), so every TLS entry is a finding.
// - gateway (generateGateway): one Gateway (HTTP and HTTPS) and N HTTPRoutes × 10 rules, the
//   same hosts, namespaces, paths and TLS as the git-like Ingresses.
// Usage: node bench/generate.mjs N [--git-like | --gateway] > file.yaml   (or import { generate } from here)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function generate(n, { gitLike = false } = {}) {
  // one real certificate reused by every Secret: parsing cost is per Secret, as in real clusters
  const secret = readFileSync(join(root, 'fixtures/cafe/cafe-secret.yaml'), 'utf8');
  const crt = /tls\.crt: (\S+)/.exec(secret)[1];
  const key = /tls\.key: (\S+)/.exec(secret)[1];
  const parts = [];
  for (let t = 0; t < (gitLike ? 0 : Math.min(n, 50)); t++) {
    parts.push(`apiVersion: v1
kind: Secret
metadata:
  name: team-tls
  namespace: team-${t}
type: kubernetes.io/tls
data:
  tls.crt: ${crt}
  tls.key: ${key}
`);
  }
  for (let i = 0; i < n; i++) {
    const ns = `team-${i % 50}`;
    const host = `app-${i}.example.com`;
    if (!gitLike) parts.push(`apiVersion: v1
kind: Service
metadata:
  name: svc-${i}
  namespace: ${ns}
spec:
  selector:
    app: app-${i}
  ports:
    - name: http
      port: 80
      targetPort: 8080
`);
    parts.push(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ing-${i}
  namespace: ${ns}
  annotations:
    nginx.ingress.kubernetes.io/proxy-body-size: "8m"
spec:
  ingressClassName: nginx
  tls:
    - hosts:
        - ${host}
      secretName: team-tls
  rules:
    - host: ${host}
      http:
        paths:
${Array.from({ length: 10 }, (_, p) => `          - path: /api/v${p}/items
            pathType: Prefix
            backend:
              service:
                name: svc-${i}
                port:
                  number: 80`).join('\n')}
`);
  }
  return parts.join('---\n');
}

/**
 * The Gateway API counterpart of the git-like input, route for route: N HTTPRoutes in the
 * same 50 namespaces, each with the Ingress's hostname and 10 rules of one PathPrefix match
 * and one backendRef (the same paths and Services). TLS as the Ingresses have it: the routes
 * attach to an HTTPS listener (`*.example.com`, its certificateRef's Secret absent, as the
 * git-like input has no Secrets), and plain HTTP answers with a 308 redirect to HTTPS (one
 * HTTPRoute on the HTTP listener, the Gateway API's way of saying the Ingress's ssl-redirect).
 */
export function generateGateway(n) {
  const parts = [`apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: edge
  namespace: infra
spec:
  gatewayClassName: example
  listeners:
    - name: http
      protocol: HTTP
      port: 80
    - name: https
      protocol: HTTPS
      port: 443
      hostname: "*.example.com"
      tls:
        certificateRefs:
          - name: edge-tls
      allowedRoutes:
        namespaces:
          from: All
`, `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: https-redirect
  namespace: infra
spec:
  parentRefs:
    - name: edge
      sectionName: http
  hostnames:
    - "*.example.com"
  rules:
    - filters:
        - type: RequestRedirect
          requestRedirect:
            scheme: https
            statusCode: 308
`];
  for (let i = 0; i < n; i++) {
    parts.push(`apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: route-${i}
  namespace: team-${i % 50}
spec:
  parentRefs:
    - name: edge
      namespace: infra
      sectionName: https
  hostnames:
    - app-${i}.example.com
  rules:
${Array.from({ length: 10 }, (_, p) => `    - matches:
        - path:
            type: PathPrefix
            value: /api/v${p}/items
      backendRefs:
        - name: svc-${i}
          port: 80`).join('\n')}
`);
  }
  return parts.join('---\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 1000);
  process.stdout.write(process.argv.includes('--gateway') ? generateGateway(n) : generate(n, { gitLike: process.argv.includes('--git-like') }));
}
