// Ingresses of ingress2gateway's ingress-nginx provider test tables, transcribed as data
// with the path match that converter produces for each (its expected value).
// Source: https://github.com/kubernetes-sigs/ingress2gateway, commit
// 89ab0cddae84ceee77b42389cdc8dcdcd8cb08c6 (Apache-2.0).

export interface I2gwPathCase {
  source: string;
  name: string;
  /** the Ingress, as YAML */
  ingress: string;
  /** ingress2gateway's HTTPRouteMatch path for the Ingress's one path */
  expected: { type: 'RegularExpression' | 'PathPrefix' | 'Exact'; value: string };
}

const ingress = (name: string, annotations: Record<string, string>, path: string, pathType: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: default
  annotations: ${JSON.stringify(annotations)}
spec:
  rules:
  - host: example.com
    http:
      paths:
      - path: ${JSON.stringify(path)}
        pathType: ${pathType}
        backend: { service: { name: service1, port: { number: 80 } } }
`;

const REGEX_TEST = 'pkg/i2gw/providers/ingressnginx/regex_test.go TestRegexFeature';

export const I2GW_PATH_CASES: I2gwPathCase[] = [
  {
    source: REGEX_TEST,
    name: 'Should map to RegularExpression when use-regex annotation is true',
    ingress: ingress('regex-ingress', { 'nginx.ingress.kubernetes.io/use-regex': 'true' }, '/users/.*/profile', 'ImplementationSpecific'),
    expected: { type: 'RegularExpression', value: '(?i)/users/.*/profile.*' },
  },
  {
    source: REGEX_TEST,
    name: 'Should default to PathPrefix when use-regex is missing',
    ingress: ingress('prefix-ingress', {}, '/api', 'Prefix'),
    expected: { type: 'PathPrefix', value: '/api' },
  },
  {
    source: REGEX_TEST,
    name: 'Should map to RegularExpression when rewrite-target annotation is set',
    ingress: ingress('rewrite-regex-ingress', { 'nginx.ingress.kubernetes.io/rewrite-target': '/$1' }, '/products/(.+)', 'ImplementationSpecific'),
    expected: { type: 'RegularExpression', value: '(?i)/products/(.+).*' },
  },
];
