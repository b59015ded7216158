// The Gateway API routing table: requests against fixtures/gateway-routing, each with the
// outcome the Gateway API specification gives, written out by hand (as routing-cases.ts
// is for Ingress). The model must agree with every row (test/gateway/gateway-cases.test.ts).

export const gatewayFixture = 'fixtures/gateway-routing';
export const gatewayName = 'default/gw';

export interface GatewayCase {
  rule: string;
  scheme: 'http' | 'https';
  /** the listener port the client connects to */
  port: number;
  host: string;
  /** a gRPC call: POST with content-type application/grpc (path /SERVICE/METHOD) */
  grpc?: boolean;
  /** HTTPS: the server name sent; the host's own when absent */
  sni?: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  /**
   * "namespace/service:port" of the backend that answers; "301 LOCATION" for a redirect;
   * a status alone: "404", "421", "500"; "split a:1 b:1" for an undecided weighted split.
   */
  expect: string;
  /** what the upstream receives (path with query, Host, headers that must be present / absent) */
  upstream?: { path?: string; host?: string; headers?: Record<string, string | null> };
  /** response headers the gateway sets (null: absent) */
  responseHeaders?: Record<string, string | null>;
}

const b = (service: string, ns = 'default') => `${ns}/${service}:80`;
const h = (host: string, path: string, extra: Partial<GatewayCase> = {}): GatewayCase => ({ rule: '', scheme: 'http', port: 80, host, path, expect: '', ...extra });
const P = 'paths.example.com';
const M = 'match.example.com';
const O = 'order.example.com';
const F = 'filters.example.com';
const C = 'cors.example.com';
const R = 'regex.example.com';
const G = 'grpc.example.com';
const g = (service: string) => `default/${service}:50051`;
const call = (path: string, extra: Partial<GatewayCase> = {}): GatewayCase => h(G, path, { grpc: true, method: 'POST', ...extra, headers: { 'content-type': 'application/grpc', ...extra.headers } });

export const gatewayCases: GatewayCase[] = [
  // Paths
  { ...h(P, '/exact'), rule: 'Exact matches the same path', expect: b('exact') },
  { ...h(P, '/exact/'), rule: 'Exact /exact does not match /exact/', expect: b('root') },
  { ...h(P, '/foo'), rule: 'PathPrefix /foo matches /foo', expect: b('foo') },
  { ...h(P, '/foo/x'), rule: 'PathPrefix /foo matches /foo/x', expect: b('foo') },
  { ...h(P, '/foobar'), rule: 'PathPrefix /foo never matches /foobar', expect: b('root') },
  { ...h(P, '/v2example'), rule: 'PathPrefix /v2 does not match /v2example (element-wise)', expect: b('root') },
  { ...h(P, '/v2/x'), rule: 'PathPrefix /v2 matches /v2/x', expect: b('v2') },
  { ...h(P, '/foo/bar'), rule: 'Exact beats PathPrefix', expect: b('foo-bar-exact') },
  { ...h(P, '/foo/bar/x'), rule: 'longest PathPrefix wins', expect: b('foo-bar') },
  { ...h(P, '/re/123'), rule: 'RegularExpression comes after every PathPrefix, even /', expect: b('root') },
  { ...h(R, '/re/123'), rule: 'RegularExpression matches the whole path', expect: b('regex') },
  { ...h(R, '/re/123/x'), rule: 'RegularExpression must match the whole path: the next one in route order', expect: b('root') },
  { ...h(R, '/RE/123'), rule: 'RegularExpression is case-sensitive', expect: '404' },
  { ...h(R, '/re/7'), rule: 'PathPrefix beats an earlier RegularExpression', expect: b('foo') },
  { ...h(P, '/other'), rule: 'PathPrefix / catches the rest', expect: b('root') },
  { ...h('PATHS.Example.com:80', '/exact'), rule: 'hostnames compare case-insensitively, port ignored', expect: b('exact') },
  // Matches: headers, method, query; OR across matches, AND inside one
  { ...h(M, '/', { headers: { 'x-version': '2' } }), rule: 'header Exact match', expect: b('v2-header') },
  { ...h(M, '/', { headers: { 'X-Version': '3' } }), rule: 'header value mismatch falls through', expect: b('match-root') },
  { ...h(M, '/', { method: 'POST' }), rule: 'method match', expect: b('post') },
  { ...h(M, '/?q=1'), rule: 'query parameter match', expect: b('query') },
  { ...h(M, '/?q=2'), rule: 'query parameter mismatch', expect: b('match-root') },
  { ...h(M, '/', { headers: { 'x-env': 'test' } }), rule: 'header RegularExpression match', expect: b('regex-header') },
  { ...h(M, '/', { headers: { 'x-env': 'testing' } }), rule: 'header RegularExpression matches the whole value', expect: b('match-root') },
  { ...h(M, '/', { headers: { 'x-a': '1', 'x-b': '1' } }), rule: 'two header matches: both must hold (AND)', expect: b('two-headers') },
  { ...h(M, '/', { headers: { 'x-a': '1' } }), rule: 'two header matches: one is not enough', expect: b('match-root') },
  { ...h(M, '/', { method: 'POST', headers: { 'x-version': '2' } }), rule: 'method match beats header match', expect: b('post') },
  { ...h(M, '/', { headers: { 'x-version': '2', 'x-a': '1', 'x-b': '1' } }), rule: 'most header matches win', expect: b('two-headers') },
  { ...h(M, '/?q=1', { headers: { 'x-version': '2' } }), rule: 'a header match beats a query match', expect: b('v2-header') },
  { ...h(M, '/or1'), rule: 'matches are ORed: first match', expect: b('or') },
  { ...h(M, '/or2', { headers: { 'x-or': 'yes' } }), rule: 'matches are ORed: second match with its header', expect: b('or') },
  { ...h(M, '/or2'), rule: 'second match without its header does not match', expect: b('match-root') },
  // Precedence across routes
  { ...h(O, '/age'), rule: 'identical matches: the oldest route wins', expect: b('old') },
  { ...h(O, '/name'), rule: 'same age: namespace/name order decides', expect: b('ns-a') },
  { ...h(O, '/rules'), rule: 'within one route: the first rule wins', expect: b('rules-first') },
  { ...h(O, '/'), rule: 'a hostname with routes never falls through to other hostnames', expect: '404' },
  // Filters
  { ...h(F, '/to-https/x?a=1'), rule: 'RequestRedirect scheme https: well-known port left out, query kept', expect: '301 https://filters.example.com/to-https/x?a=1' },
  { ...h(F, '/moved/page'), rule: 'RequestRedirect hostname + ReplacePrefixMatch, default 302', expect: '302 http://new.example.com/new/page' },
  { ...h(F, '/port'), rule: 'RequestRedirect port + ReplaceFullPath', expect: '302 http://filters.example.com:8443/elsewhere' },
  { ...h(F, '/api/users?id=7'), rule: 'URLRewrite: prefix replaced by "/", hostname rewritten', expect: b('rewrite'), upstream: { path: '/users?id=7', host: 'internal.example.com' } },
  { ...h(F, '/api'), rule: 'URLRewrite: the prefix alone becomes "/"', expect: b('rewrite'), upstream: { path: '/' } },
  { ...h(F, '/headers', { headers: { 'x-add': 'client', 'x-remove': 'gone', 'x-set': 'client' } }), rule: 'RequestHeaderModifier set/add/remove; ResponseHeaderModifier', expect: b('headers'), upstream: { headers: { 'x-set': 'set-value', 'x-add': 'client,added', 'x-remove': null } }, responseHeaders: { 'x-response': 'from-gateway' } },
  { ...h(F, '/nothing'), rule: 'a rule without backendRefs or redirect answers 500', expect: '500' },
  { ...h(F, '/missing'), rule: 'a backendRef to a missing Service answers 500', expect: '500' },
  { ...h(F, '/half'), rule: 'an invalid backendRef answers 500 for its share only', expect: `split ${b('weighted')}:1 500:1` },
  { ...h(F, '/all-one'), rule: 'weight 0 takes no traffic', expect: b('weighted') },
  { ...h(F, '/cross'), rule: 'a cross-namespace backendRef without ReferenceGrant answers 500', expect: '500' },
  { ...h(F, '/granted'), rule: 'a cross-namespace backendRef with a ReferenceGrant routes', expect: b('granted', 'team-b') },
  { ...h(F, '/no-port'), rule: 'a Service backendRef without port answers 500', expect: '500' },
  { ...h(F, '/else'), rule: 'sibling rules keep routing', expect: b('filters') },
  { ...h(F, '/cors', { method: 'OPTIONS', headers: { origin: 'https://a.b.example.org', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'x-a' } }), rule: 'CORS preflight: origin wildcard of more than one label; with credentials "*" echoes the request', expect: '204', responseHeaders: { 'access-control-allow-origin': 'https://a.b.example.org', 'access-control-allow-methods': 'PUT', 'access-control-allow-headers': 'x-a', 'access-control-allow-credentials': 'true', 'access-control-max-age': '60' } },
  { ...h(F, '/cors', { headers: { origin: 'https://a.example.org' } }), rule: 'CORS: a simple request from an allowed origin reaches the backend with the CORS headers', expect: b('filters'), responseHeaders: { 'access-control-allow-origin': 'https://a.example.org' } },
  { ...h(F, '/cors', { method: 'OPTIONS', headers: { origin: 'https://example.org', 'access-control-request-method': 'PUT' } }), rule: 'CORS: the bare domain is not under its wildcard: the preflight goes to the backend', expect: b('filters') },
  // CORS filter (fixtures/gateway-routing/cors.yaml)
  { ...h(C, '/exact', { method: 'OPTIONS', headers: { origin: 'https://app.example.net', 'access-control-request-method': 'PUT' } }), rule: 'CORS preflight from an allowed origin: 204 with the filter\'s lists, no credentials header', expect: '204', responseHeaders: { 'access-control-allow-origin': 'https://app.example.net', 'access-control-allow-methods': 'GET, PUT', 'access-control-allow-headers': 'x-a, x-b', 'access-control-expose-headers': 'x-total, x-page', 'access-control-max-age': '600', 'access-control-allow-credentials': null } },
  { ...h(C, '/exact', { method: 'OPTIONS', headers: { origin: 'https://evil.example.net', 'access-control-request-method': 'PUT' } }), rule: 'CORS preflight from another origin: passed to the backend, without CORS headers', expect: b('filters'), responseHeaders: { 'access-control-allow-origin': null, 'access-control-allow-methods': null } },
  { ...h(C, '/exact', { headers: { origin: 'https://app.example.net.evil.test' } }), rule: 'CORS: an origin that merely starts with an allowed one is not allowed', expect: b('filters'), responseHeaders: { 'access-control-allow-origin': null } },
  { ...h(C, '/exact', { headers: { origin: 'https://app.example.net:443' } }), rule: 'CORS: an origin without a port also allows the scheme\'s default port', expect: b('filters'), responseHeaders: { 'access-control-allow-origin': 'https://app.example.net:443' } },
  { ...h(C, '/exact', { headers: { origin: 'HTTP://LOCALHOST:8080' } }), rule: 'CORS: origins compare case-insensitively, the port as written; the Origin is echoed as sent', expect: b('filters'), responseHeaders: { 'access-control-allow-origin': 'HTTP://LOCALHOST:8080', 'access-control-expose-headers': 'x-total, x-page' } },
  { ...h(C, '/exact', { headers: { origin: 'http://localhost:8081' } }), rule: 'CORS: another port is another origin', expect: b('filters'), responseHeaders: { 'access-control-allow-origin': null } },
  { ...h(C, '/any', { headers: { origin: 'https://anyone.test' } }), rule: 'CORS: allowOrigins "*" without credentials answers "*", with the expose headers', expect: b('filters'), responseHeaders: { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'x-e', 'access-control-allow-methods': 'GET', 'access-control-allow-credentials': null } },
  { ...h(C, '/any', { method: 'OPTIONS', headers: { origin: 'https://anyone.test', 'access-control-request-method': 'GET' } }), rule: 'CORS preflight: allowOrigins "*" answers every origin with 204; no allowHeaders, no header', expect: '204', responseHeaders: { 'access-control-allow-origin': '*', 'access-control-allow-headers': null, 'access-control-max-age': '5' } },
  { ...h(C, '/any-credentials', { headers: { origin: 'https://anyone.test' } }), rule: 'CORS: allowOrigins "*" with credentials echoes the Origin, never "*"', expect: b('filters'), responseHeaders: { 'access-control-allow-origin': 'https://anyone.test', 'access-control-allow-credentials': 'true', 'access-control-allow-methods': 'POST' } },
  { ...h(C, '/any-credentials'), rule: 'CORS: allowOrigins "*" with credentials and no Origin: no CORS headers', expect: b('filters'), responseHeaders: { 'access-control-allow-origin': null, 'access-control-allow-credentials': null } },
  { ...h(F, '/cors', { method: 'OPTIONS', headers: { origin: 'https://a.example.org', 'access-control-request-method': 'DELETE' } }), rule: 'CORS preflight: allowHeaders "*" with credentials and no Access-Control-Request-Headers: the header is left out', expect: '204', responseHeaders: { 'access-control-allow-methods': 'DELETE', 'access-control-allow-headers': null } },
  { ...h(C, '/redirect/x', { method: 'OPTIONS', headers: { origin: 'https://app.example.net', 'access-control-request-method': 'GET' } }), rule: 'CORS beside a RequestRedirect: the preflight is answered before the redirect', expect: '204', responseHeaders: { 'access-control-allow-origin': 'https://app.example.net' } },
  { ...h(C, '/redirect/x', { headers: { origin: 'https://app.example.net' } }), rule: 'CORS beside a RequestRedirect: the redirect carries the CORS headers', expect: '301 http://moved.example.com/redirect/x', responseHeaders: { 'access-control-allow-origin': 'https://app.example.net', 'access-control-allow-methods': 'GET' } },
  { ...h(C, '/modified', { headers: { origin: 'https://app.example.net' } }), rule: 'CORS and a ResponseHeaderModifier on the same headers: the modifier acts after CORS (set replaces, add appends, remove drops)', expect: b('filters'), responseHeaders: { 'access-control-allow-origin': 'https://fixed.example.net', 'access-control-expose-headers': 'x-a,x-b', 'access-control-allow-methods': 'GET', 'access-control-max-age': null, 'x-modified': 'yes' } },
  { ...h(C, '/modified', { headers: { origin: 'https://other.example.net' } }), rule: 'a ResponseHeaderModifier on CORS headers, CORS not answering: the modifier alone', expect: b('filters'), responseHeaders: { 'access-control-allow-origin': 'https://fixed.example.net', 'access-control-expose-headers': 'x-b', 'access-control-allow-methods': null, 'access-control-max-age': null } },
  { ...h(C, '/modified', { method: 'OPTIONS', headers: { origin: 'https://app.example.net', 'access-control-request-method': 'GET' } }), rule: 'CORS and a ResponseHeaderModifier: the preflight is the CORS filter\'s own answer, the modifier does not touch it', expect: '204', responseHeaders: { 'access-control-allow-origin': 'https://app.example.net', 'access-control-expose-headers': 'x-a', 'access-control-max-age': '5', 'x-modified': null } },
  // GRPCRoute
  { ...call('/shop.Cart/Checkout'), rule: 'gRPC: Exact service and method', expect: g('grpc-checkout') },
  { ...call('/shop.Cart/Add'), rule: 'gRPC: Exact service, any method', expect: g('grpc-cart') },
  { ...call('/shop.Cart/Add', { headers: { 'x-tenant': 'beta' } }), rule: 'gRPC: same service, a header match wins', expect: g('grpc-beta') },
  { ...call('/shop.Cart/GetItems'), rule: 'gRPC: the longer (exact) service match beats the regex', expect: g('grpc-cart') },
  { ...call('/shop.Orders/GetOrder'), rule: 'gRPC: RegularExpression service and method', expect: g('grpc-getters') },
  { ...call('/shop.Orders/Cancel'), rule: 'gRPC: no method match: the rule without matches', expect: g('grpc-any') },
  { ...h('shared.example.com', '/x'), rule: 'HTTPRoute and GRPCRoute share a hostname: the older route (HTTPRoute) wins', expect: b('root') },
  // Listeners and attachment
  { ...h('a.wild.example.com', '/'), rule: 'listener wildcard matches one label', expect: b('wild-any') },
  { ...h('b.a.wild.example.com', '/'), rule: 'listener wildcard matches more than one label (unlike Ingress)', expect: b('wild-any') },
  { ...h('x.deep.wild.example.com', '/'), rule: 'the most specific route wildcard wins', expect: b('wild-two') },
  { ...h('wild.example.com', '/'), rule: 'a wildcard never matches its bare domain: the host-less listener answers 404', expect: '404' },
  { ...h('outside.example.org', '/'), rule: 'a route hostname outside every listener attaches nowhere', expect: '404' },
  { ...h('any.example.net', '/', { port: 8080 }), rule: 'allowedRoutes Selector admits the labelled namespace', expect: b('team-a', 'team-a') },
  { ...h('any.example.net', '/', { port: 8081 }), rule: 'no listener on the port', expect: '404' },
  { ...h('a.secure.example.com', '/', { scheme: 'https', port: 443 }), rule: 'HTTPS listener by hostname', expect: b('secure-a') },
  { ...h('b.secure.example.com', '/', { scheme: 'https', port: 443 }), rule: 'HTTPS: the other listener by hostname', expect: b('secure-b') },
  { ...h('b.secure.example.com', '/', { scheme: 'https', port: 443, sni: 'a.secure.example.com' }), rule: "SNI of one listener, Host of another: 421", expect: '421' },
  { ...h('c.secure.example.com', '/', { scheme: 'https', port: 443 }), rule: 'HTTPS host of no listener', expect: '404' },
];
