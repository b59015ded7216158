// Objects the API server accepts and rejects under the Gateway API v1.6.1 standard CRDs, with
// the error texts it answers. Most are transcribed from the Gateway API's CEL tests
// (kubernetes-sigs/gateway-api, tag v1.6.1, tests/cel/*_test.go: test function and case name
// in `source`), written here as YAML; `source: 'ingressctl'` marks our own cases.
// Upstream checks that each wanted text occurs in the API server's error (and that an object
// without wanted texts is accepted); test/gateway/cel.test.ts checks the same on lint's findings.

export interface CelCase {
  source: string;
  /** a whole object, YAML */
  yaml: string;
  /** texts that must each occur in some schema or crd-validation finding; [] = accepted */
  wantErrors: string[];
}

const T = 'tests/cel/';
const route = (spec: string, kind = 'HTTPRoute') => `apiVersion: gateway.networking.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: foo\n  namespace: default\nspec:\n${spec.replace(/^\n/, '').replace(/^/gm, '  ')}\n`;
const gateway = (spec: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: foo\n  namespace: default\nspec:\n  gatewayClassName: foo\n${spec.replace(/^\n/, '').replace(/^/gm, '  ')}\n`;
const listeners = (items: string) => gateway(`listeners:\n${items}`);

/** TestHTTPPathMatch: the path match inside one rule with one backendRef */
const pathMatch = (path: string) => route(`rules:\n  - matches:\n      - path: ${path}\n    backendRefs:\n      - name: test\n        port: 8080`);
/** TestHTTPRouteFilter: one filter in one rule */
const filter = (f: string) => route(`rules:\n  - filters:\n      - ${f}`);
/** TestHTTPPathModifier: a RequestRedirect filter with this path modifier */
const pathModifier = (m: string) => filter(`{type: RequestRedirect, requestRedirect: {path: ${m}}}`);
/** TestHTTPRouteCORS: one CORS filter */
const cors = (c: string) => filter(`{type: CORS, cors: ${c}}`);
/** TestGRPCMethodMatch: one method match */
const grpcMethod = (m: string) => route(`rules:\n  - matches:\n      - method: ${m}`, 'GRPCRoute');
const parentRefs = (refs: string) => route(`parentRefs:\n${refs}`);
const manyMatches = (rules: number, matches: number, kind = 'HTTPRoute') =>
  route(`rules:\n${Array.from({ length: rules }, () => `  - matches:\n${Array.from({ length: matches }, () => (kind === 'HTTPRoute' ? '      - path: {type: PathPrefix, value: /}' : '      - method: {service: foo}')).join('\n')}`).join('\n')}`, kind);

export const CEL_CASES: CelCase[] = [
  // HTTPRoute path matches
  { source: `${T}httproute_test.go TestHTTPPathMatch "invalid because path does not start with '/'"`, yaml: pathMatch('{type: PathPrefix, value: foo}'), wantErrors: ["value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']"] },
  { source: `${T}httproute_test.go TestHTTPPathMatch "invalid httpRoute prefix (/.)"`, yaml: pathMatch('{type: PathPrefix, value: /.}'), wantErrors: ["must not end with '/.' when type one of ['Exact', 'PathPrefix']"] },
  { source: `${T}httproute_test.go TestHTTPPathMatch "invalid exact (/./)"`, yaml: pathMatch('{type: Exact, value: /foo/./bar}'), wantErrors: ["must not contain '/./' when type one of ['Exact', 'PathPrefix']"] },
  { source: `${T}httproute_test.go TestHTTPPathMatch "invalid type"`, yaml: pathMatch('{type: FooBar, value: /path}'), wantErrors: ['supported values: "Exact", "PathPrefix", "RegularExpression"'] },
  { source: `${T}httproute_test.go TestHTTPPathMatch "valid because type is RegularExpression but would not be valid for Exact"`, yaml: pathMatch('{type: RegularExpression, value: "/foo/./bar"}'), wantErrors: [] },
  { source: `${T}httproute_test.go TestHTTPPathMatch "valid httpRoute prefix"`, yaml: pathMatch('{type: PathPrefix, value: /path}'), wantErrors: [] },
  { source: `${T}httproute_test.go TestHTTPPathMatch "invalid prefix path (/[])"`, yaml: pathMatch('{type: PathPrefix, value: "/[]"}'), wantErrors: ["must only contain valid characters (matching ^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) for types ['Exact', 'PathPrefix']"] },
  { source: 'ingressctl', yaml: pathMatch('{type: PathPrefix, value: "/a//b"}'), wantErrors: ["must not contain '//' when type one of ['Exact', 'PathPrefix']"] },
  { source: 'ingressctl', yaml: pathMatch('{type: Exact, value: "/a%2Fb"}'), wantErrors: ["must not contain '%2F' when type one of ['Exact', 'PathPrefix']"] },
  { source: 'ingressctl (default path type PathPrefix applied before the rules)', yaml: pathMatch('{value: "no-slash"}'), wantErrors: ["value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']"] },
  // backendRefs
  { source: `${T}httproute_test.go TestBackendObjectReference "default groupkind with port"`, yaml: route('rules:\n  - backendRefs:\n      - name: backend\n        port: 99'), wantErrors: [] },
  { source: `${T}httproute_test.go TestBackendObjectReference "default groupkind with no port"`, yaml: route('rules:\n  - backendRefs:\n      - name: backend'), wantErrors: ['Must have port for Service reference'] },
  { source: `${T}httproute_test.go TestBackendObjectReference "explicit service with no port"`, yaml: route('rules:\n  - backendRefs:\n      - {group: "", kind: Service, name: backend}'), wantErrors: ['Must have port for Service reference'] },
  { source: `${T}httproute_test.go TestBackendObjectReference "explicit ref with no port"`, yaml: route('rules:\n  - backendRefs:\n      - {group: foo.example.com, kind: Foo, name: backend}'), wantErrors: [] },
  // filters: the type names the one field that is set
  { source: `${T}httproute_test.go TestHTTPRouteFilter "valid HTTPRouteFilterRequestHeaderModifier route filter"`, yaml: filter('{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: name, value: foo}], add: [{name: add, value: foo}], remove: [remove]}}'), wantErrors: [] },
  { source: `${T}httproute_test.go TestHTTPRouteFilter "invalid HTTPRouteFilterRequestHeaderModifier type filter with non-matching field"`, yaml: filter('{type: RequestHeaderModifier, requestMirror: {backendRef: {name: mirror, port: 80}}}'), wantErrors: ['filter.requestHeaderModifier must be specified for RequestHeaderModifier filter.type', 'filter.requestMirror must be nil if the filter.type is not RequestMirror'] },
  { source: `${T}httproute_test.go TestHTTPRouteFilter "invalid HTTPRouteFilterRequestRedirect type filter with empty value field"`, yaml: filter('{type: RequestRedirect}'), wantErrors: ['filter.requestRedirect must be specified for RequestRedirect filter.type'] },
  { source: `${T}httproute_test.go TestHTTPRouteFilter "valid HTTPRouteFilterExtensionRef filter"`, yaml: filter('{type: ExtensionRef, extensionRef: {group: example.com, kind: Foo, name: foo}}'), wantErrors: [] },
  { source: `${T}httproute_test.go TestHTTPRouteFilter "invalid HTTPCORSFilter type filter with empty value field"`, yaml: filter('{type: CORS}'), wantErrors: ['filter.cors must be specified for CORS filter.type'] },
  { source: `${T}httproute_test.go TestHTTPRouteFilter "invalid HTTPRouteFilterURLRewrite type filter with non-matching field"`, yaml: filter('{type: URLRewrite, requestMirror: {backendRef: {name: mirror, port: 80}}}'), wantErrors: ['filter.requestMirror must be nil if the filter.type is not RequestMirror', 'filter.urlRewrite must be specified for URLRewrite filter.type'] },
  // rules
  {
    source: `${T}httproute_test.go TestHTTPRouteRule "backendref with request redirect httpRoute filter"`,
    yaml: route('rules:\n  - filters:\n      - {type: RequestRedirect, requestRedirect: {scheme: https, statusCode: 301}}\n    backendRefs:\n      - {name: test-service, port: 80}'),
    wantErrors: ['RequestRedirect filter must not be used together with backendRefs'],
  },
  { source: `${T}httproute_test.go TestHTTPRouteRule "request redirect without backendref in httpRoute filter"`, yaml: route('rules:\n  - filters:\n      - {type: RequestRedirect, requestRedirect: {scheme: https, statusCode: 301}}'), wantErrors: [] },
  {
    source: `${T}httproute_test.go TestHTTPRouteRule "invalid URLRewrite filter because too many path matches"`,
    yaml: route('rules:\n  - matches:\n      - path: {type: PathPrefix, value: /foo}\n      - path: {type: PathPrefix, value: /bar}\n    filters:\n      - {type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: foo}}}'),
    wantErrors: ['When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified'],
  },
  {
    source: `${T}httproute_test.go TestHTTPRouteRule "valid use of URLRewrite filter"`,
    yaml: route('rules:\n  - matches:\n      - path: {type: PathPrefix, value: /foo}\n    filters:\n      - {type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: foo}}}'),
    wantErrors: [],
  },
  {
    source: `${T}httproute_test.go TestHTTPRouteRule "invalid RequestRedirect filter because path match has type RegularExpression"`,
    yaml: route('rules:\n  - matches:\n      - path: {type: RegularExpression, value: "/foo"}\n    filters:\n      - {type: RequestRedirect, requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: foo}}}'),
    wantErrors: ['When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified'],
  },
  {
    source: `${T}httproute_test.go TestHTTPRouteRule "invalid URLRewrite filter (within backendRefs) because too many path matches"`,
    yaml: route('rules:\n  - matches:\n      - path: {type: PathPrefix, value: /foo}\n      - path: {type: PathPrefix, value: /bar}\n    backendRefs:\n      - name: test\n        port: 80\n        filters:\n          - {type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: foo}}}'),
    wantErrors: ['Within backendRefs, When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified'],
  },
  {
    source: `${T}httproute_test.go TestHTTPRouteRule "rewrite and redirect filters combined (invalid)"`,
    yaml: route('rules:\n  - filters:\n      - {type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: foo}}}\n      - {type: RequestRedirect, requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: foo}}}'),
    wantErrors: ['May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both'],
  },
  {
    source: `${T}httproute_test.go TestHTTPRouteRule "invalid because repeated URLRewrite filter"`,
    yaml: route('rules:\n  - filters:\n      - {type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /foo}}}\n      - {type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /bar}}}'),
    wantErrors: ['URLRewrite filter cannot be repeated'],
  },
  {
    source: `${T}httproute_test.go TestHTTPRouteRule "invalid because repeated RequestHeaderModifier filter among mix of filters"`,
    yaml: route('rules:\n  - filters:\n      - {type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: a, value: b}]}}\n      - {type: ResponseHeaderModifier, responseHeaderModifier: {set: [{name: a, value: b}]}}\n      - {type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: c, value: d}]}}'),
    wantErrors: ['RequestHeaderModifier filter cannot be repeated'],
  },
  { source: `${T}httproute_test.go TestHTTPRouteRule "too many matches and rules" (7 rules × 20 matches)`, yaml: manyMatches(7, 20), wantErrors: ['total number of matches across all rules in a route must be less than 128'] },
  { source: `${T}httproute_test.go TestHTTPRouteRule "many matches and few rules" (2 rules × 48 matches)`, yaml: manyMatches(2, 48), wantErrors: [] },
  { source: 'ingressctl (the CRD limits: 16 rules)', yaml: manyMatches(17, 1), wantErrors: ['spec.rules: Too many: 17: must have at most 16 items'] },
  { source: 'ingressctl (the CRD limits: 64 matches per rule)', yaml: manyMatches(1, 65), wantErrors: ['spec.rules[0].matches: Too many: 65: must have at most 64 items'] },
  {
    source: 'ingressctl (the CRD limits: 16 backendRefs)',
    yaml: route(`rules:\n  - backendRefs:\n${Array.from({ length: 17 }, (_, i) => `      - {name: s${i}, port: 80}`).join('\n')}`),
    wantErrors: ['spec.rules[0].backendRefs: Too many: 17: must have at most 16 items'],
  },
  // path modifiers
  { source: `${T}httproute_test.go TestHTTPPathModifier "valid ReplaceFullPath"`, yaml: pathModifier('{type: ReplaceFullPath, replaceFullPath: foo}'), wantErrors: [] },
  { source: `${T}httproute_test.go TestHTTPPathModifier "replaceFullPath must be specified when type is set to 'ReplaceFullPath'"`, yaml: pathModifier('{type: ReplaceFullPath}'), wantErrors: ["replaceFullPath must be specified when type is set to 'ReplaceFullPath'"] },
  { source: `${T}httproute_test.go TestHTTPPathModifier "type must be 'ReplaceFullPath' when replaceFullPath is set"`, yaml: pathModifier('{type: ReplacePrefixMatch, replaceFullPath: foo}'), wantErrors: ["type must be 'ReplaceFullPath' when replaceFullPath is set"] },
  { source: `${T}httproute_test.go TestHTTPPathModifier "type must be 'ReplacePrefixMatch' when replacePrefixMatch is set"`, yaml: pathModifier('{type: ReplaceFullPath, replacePrefixMatch: /foo}'), wantErrors: ["type must be 'ReplacePrefixMatch' when replacePrefixMatch is set"] },
  // CORS
  { source: `${T}httproute_test.go TestHTTPRouteCORS "Valid cors should be accepted"`, yaml: cors('{allowOrigins: ["https://xpto.com", "http://*.abcd.com", "http://*.abcd.com:12345", "https://*:443", "https://*"]}'), wantErrors: [] },
  { source: `${T}httproute_test.go TestHTTPRouteCORS "Wildcard and other hosts on the same origin list should be denied"`, yaml: cors('{allowOrigins: ["*", "https://xpto.com"]}'), wantErrors: ["AllowOrigins cannot contain '*' alongside other origins"] },
  { source: `${T}httproute_test.go TestHTTPRouteCORS "An origin without the format scheme://host should be denied"`, yaml: cors('{allowOrigins: ["https://xpto.com", "xpto.com"]}'), wantErrors: ['Invalid value: "xpto.com": spec.rules[0].filters[0].cors.allowOrigins[1] in body should match'] },
  { source: `${T}httproute_test.go TestHTTPRouteCORS "invalid-origin-with-six-digit-port"`, yaml: cors('{allowOrigins: ["http://www.example.com:111111"]}'), wantErrors: ['Invalid value: "http://www.example.com:111111": spec.rules[0].filters[0].cors.allowOrigins[0] in body should match'] },
  { source: `${T}httproute_test.go TestHTTPRouteCORS "invalid-origin-with-multiple-wildcards"`, yaml: cors('{allowOrigins: ["http://*.bar.*.dev"]}'), wantErrors: ['Invalid value: "http://*.bar.*.dev": spec.rules[0].filters[0].cors.allowOrigins[0] in body should match'] },
  { source: `${T}httproute_test.go TestHTTPRouteCORS "Using an invalid HTTP method should be denied"`, yaml: cors('{allowMethods: [BAZINGA]}'), wantErrors: ['Unsupported value: "BAZINGA"'] },
  { source: `${T}httproute_test.go TestHTTPRouteCORS "Using wildcard and a valid method should be denied"`, yaml: cors('{allowMethods: [GET, "*", POST]}'), wantErrors: ["AllowMethods cannot contain '*' alongside other methods"] },
  // parentRefs (standard channel)
  { source: `${T}httproute_standard_test.go TestHTTPRouteParentRefStandard "invalid because duplicate parent refs without section name"`, yaml: parentRefs('  - {kind: Gateway, group: gateway.networking.k8s.io, name: example}\n  - {kind: Gateway, group: gateway.networking.k8s.io, name: example}'), wantErrors: ['sectionName must be unique when parentRefs includes 2 or more references to the same parent'] },
  { source: `${T}httproute_standard_test.go TestHTTPRouteParentRefStandard "invalid because duplicate parent refs with only one section name"`, yaml: parentRefs('  - {kind: Gateway, group: gateway.networking.k8s.io, name: example}\n  - {kind: Gateway, group: gateway.networking.k8s.io, name: example, sectionName: foo}'), wantErrors: ['sectionName must be specified when parentRefs includes 2 or more references to the same parent'] },
  { source: `${T}httproute_standard_test.go TestHTTPRouteParentRefStandard "valid because duplicate parent refs with different section names"`, yaml: parentRefs('  - {kind: Gateway, group: gateway.networking.k8s.io, name: example, sectionName: foo}\n  - {kind: Gateway, group: gateway.networking.k8s.io, name: example, sectionName: bar}'), wantErrors: [] },
  { source: `${T}httproute_standard_test.go TestHTTPRouteParentRefStandard "valid because first parentRef has namespace while second doesn't"`, yaml: parentRefs('  - {kind: Gateway, group: gateway.networking.k8s.io, name: example, namespace: test}\n  - {kind: Gateway, group: gateway.networking.k8s.io, name: example}'), wantErrors: [] },
  // Gateway listeners and addresses
  { source: `${T}gateway_test.go TestValidateGateway "tls config present with http protocol"`, yaml: listeners('  - {name: http, protocol: HTTP, port: 8080, tls: {}}'), wantErrors: ["tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"] },
  { source: `${T}gateway_test.go TestValidateGateway "https protocol with Passthrough tls mode"`, yaml: listeners('  - {name: https, protocol: HTTPS, port: 8080, tls: {mode: Passthrough}}'), wantErrors: ['tls mode must be Terminate for protocol HTTPS'] },
  { source: `${T}gateway_test.go TestValidateGateway "tls mode not set with https protocol and tls config present"`, yaml: listeners('  - {name: https, protocol: HTTPS, port: 8080, tls: {certificateRefs: [{name: foo}]}}'), wantErrors: [] },
  { source: `${T}gateway_test.go TestValidateGateway "tls config not set with tls protocol"`, yaml: listeners('  - {name: tls, protocol: TLS, port: 8443}'), wantErrors: ['tls mode must be set for protocol TLS'] },
  { source: `${T}gateway_test.go TestValidateGateway "hostname present with tcp protocol"`, yaml: listeners('  - {name: tcp, protocol: TCP, port: 8080, hostname: foo}'), wantErrors: ["hostname must not be specified for protocols ['TCP', 'UDP']"] },
  { source: `${T}gateway_test.go TestValidateGateway "certificateRefs not set with HTTPS protocol and TLS terminate mode"`, yaml: listeners('  - {name: https, protocol: HTTPS, port: 8443, tls: {mode: Terminate}}'), wantErrors: ['certificateRefs or options must be specified when mode is Terminate'] },
  { source: `${T}gateway_test.go TestValidateGateway "options set with HTTPS protocol and TLS terminate mode"`, yaml: listeners('  - {name: https, protocol: HTTPS, port: 8443, tls: {mode: Terminate, options: {networking.example.com/tls-version: "1.2"}}}'), wantErrors: [] },
  { source: `${T}gateway_test.go TestValidateGateway "names are not unique within the Gateway"`, yaml: listeners('  - {name: http, protocol: HTTP, port: 80}\n  - {name: http, protocol: HTTP, port: 8000}\n  - {name: http, protocol: HTTP, port: 8080}'), wantErrors: ['Listener name must be unique within the Gateway'] },
  { source: `${T}gateway_test.go TestValidateGateway "combination of port, protocol, and hostname are not unique for each listener"`, yaml: listeners('  - {name: foo, protocol: HTTP, port: 80, hostname: foo.com}\n  - {name: bar, protocol: HTTP, port: 80, hostname: foo.com}'), wantErrors: ['Combination of port, protocol and hostname must be unique for each listener'] },
  { source: `${T}gateway_test.go TestValidateGateway "combination of port and protocol are not unique for each listener when hostnames not set"`, yaml: listeners('  - {name: foo, protocol: HTTP, port: 80}\n  - {name: bar, protocol: HTTP, port: 80}'), wantErrors: ['Combination of port, protocol and hostname must be unique for each listener'] },
  { source: `${T}gateway_test.go TestValidateGateway "port is unique when protocol and hostname are the same"`, yaml: listeners('  - {name: foo, protocol: HTTP, port: 80, hostname: foo.com}\n  - {name: bar, protocol: HTTP, port: 8000, hostname: foo.com}'), wantErrors: [] },
  {
    source: `${T}gateway_test.go TestValidateGateway "ip address and hostname in addresses are invalid"`,
    yaml: gateway('listeners:\n  - {name: http, protocol: HTTP, port: 80}\naddresses:\n  - {type: IPAddress, value: "1.2.3.4:8080"}\n  - {type: Hostname, value: "*foo/bar"}\n  - {type: Hostname, value: "12:34:56::"}'),
    wantErrors: ['Invalid value: "1.2.3.4:8080": spec.addresses[0].value in body must be of type ipv4'],
  },
  {
    source: `${T}gateway_test.go TestValidateGateway "duplicate ip address or hostname"`,
    yaml: gateway('listeners:\n  - {name: http, protocol: HTTP, port: 80}\naddresses:\n  - {type: IPAddress, value: 1.2.3.4}\n  - {type: IPAddress, value: 1.2.3.4}\n  - {type: Hostname, value: foo.bar}\n  - {type: Hostname, value: foo.bar}'),
    wantErrors: ['IPAddress values must be unique', 'Hostname values must be unique'],
  },
  { source: `${T}gateway_test.go TestValidateGateway "optional ip address or hostname values"`, yaml: gateway('listeners:\n  - {name: http, protocol: HTTP, port: 80}\naddresses:\n  - {type: IPAddress}\n  - {type: Hostname}'), wantErrors: [] },
  // functions the rules use beyond the basics: split(), duration(), map keys through all()
  { source: 'ingressctl (split: label key prefix)', yaml: gateway(`listeners:\n  - {name: http, protocol: HTTP, port: 80}\ninfrastructure:\n  labels:\n    ${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.example/x: "1"`), wantErrors: ["If specified, the label key's prefix must be a DNS subdomain not longer than 253 characters in total."] },
  { source: 'ingressctl (matches on map keys)', yaml: gateway('listeners:\n  - {name: http, protocol: HTTP, port: 80}\ninfrastructure:\n  annotations:\n    "-bad/key": "1"'), wantErrors: ['Annotation keys must be in the form of an optional DNS subdomain prefix followed by a required name segment of up to 63 characters.'] },
  { source: 'ingressctl (accepted infrastructure labels)', yaml: gateway('listeners:\n  - {name: http, protocol: HTTP, port: 80}\ninfrastructure:\n  labels:\n    example.com/team: shop'), wantErrors: [] },
  { source: 'ingressctl (duration: backendRequest longer than request)', yaml: route('rules:\n  - timeouts: {request: 10s, backendRequest: 1m}\n    backendRefs: [{name: web, port: 80}]'), wantErrors: ['backendRequest timeout cannot be longer than request timeout'] },
  { source: 'ingressctl (duration: request 0s disables the check)', yaml: route('rules:\n  - timeouts: {request: 0s, backendRequest: 1m}\n    backendRefs: [{name: web, port: 80}]'), wantErrors: [] },
  { source: 'ingressctl (duration: within)', yaml: route('rules:\n  - timeouts: {request: 1h, backendRequest: 59m59s}\n    backendRefs: [{name: web, port: 80}]'), wantErrors: [] },
  // GRPCRoute
  { source: `${T}grpcroute_test.go TestGRPCRouteFilter "invalid GRPCRouteFilterResponseHeaderModifier type filter with empty value field"`, yaml: route('rules:\n  - filters:\n      - {type: ResponseHeaderModifier}', 'GRPCRoute'), wantErrors: ['filter.responseHeaderModifier must be specified for ResponseHeaderModifier filter.type'] },
  { source: `${T}grpcroute_test.go TestGRPCMethodMatch "valid GRPCRoute with 1 service in GRPCMethodMatch field"`, yaml: grpcMethod('{service: foo.Test.Example}'), wantErrors: [] },
  { source: `${T}grpcroute_test.go TestGRPCMethodMatch "invalid GRPCRoute missing service or method in GRPCMethodMatch field"`, yaml: grpcMethod('{}'), wantErrors: ["One or both of 'service' or 'method"] },
  {
    source: `${T}grpcroute_test.go TestGRPCMethodMatch "GRPCRoute uses regex in service and method with undefined match type"`,
    yaml: grpcMethod('{service: ".*", method: ".*"}'),
    wantErrors: ['service must only contain valid characters (matching ^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$)', 'method must only contain valid characters (matching ^[A-Za-z_][A-Za-z_0-9]*$)'],
  },
  { source: `${T}grpcroute_test.go TestGRPCMethodMatch "GRPCRoute uses regex in service and method with match type RegularExpression"`, yaml: grpcMethod('{type: RegularExpression, service: ".*", method: ".*"}'), wantErrors: [] },
  { source: `${T}grpcroute_test.go TestGRPCMethodMatch "GRPCRoute uses a valid service with a leading dot when match type is Exact"`, yaml: grpcMethod('{type: Exact, service: .foo.Test.Example}'), wantErrors: [] },
  { source: `${T}grpcroute_test.go TestGRPCRouteRule "too many matches and rules" (7 rules × 20 matches)`, yaml: manyMatches(7, 20, 'GRPCRoute'), wantErrors: ['total number of matches across all rules in a route must be less than 128'] },
];
