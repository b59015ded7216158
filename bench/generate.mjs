// Generates N Ingresses (10 Prefix paths each, TLS) in 50 namespaces, in two shapes:
// - complete (default): with a Service each and one TLS Secret per namespace (teams share
//   a certificate), as a cluster dump holds them;
// - git-like ({ gitLike: true }): the Ingresses alone, as they sit in a git repository (no
//   Secrets or Services committed), so every TLS entry is a finding.
// - gateway ({ generateGateway }): one Gateway and N HTTPRoutes × 10 rules, the same paths.
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
 * The Gateway API counterpart of the git-like input: one Gateway (an HTTP listener taking
 * routes from every namespace) and N HTTPRoutes, each with one hostname and 10 rules of one
 * PathPrefix match and one backendRef, the same paths and Services as the Ingresses.
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
      allowedRoutes:
        namespaces:
          from: All
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
