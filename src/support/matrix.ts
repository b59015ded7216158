// The support matrix: for every annotation the model reads, how each target honours it.
// One table feeds `ingressctl annotations`, docs/annotations.md, `render` and
// `lint --target`. When an emitter learns an annotation, its column changes here.
import { SUPPORTED_ANNOTATIONS } from '../model/annotations/index.js';
import type { HashFormat } from '../model/policy.js';

import { SUPPORT_TARGETS, type SupportTarget } from './targets.js';

export { SUPPORT_TARGETS, type SupportTarget };

export type Level = 'exact' | 'approximate' | 'unsupported';

export interface Support {
  level: Level;
  /** for approximate: the difference; for exact or unsupported: what to know */
  note?: string;
}

const exact = (note?: string): Support => ({ level: 'exact', ...(note ? { note } : {}) });
const approx = (note: string): Support => ({ level: 'approximate', note });
const no = (note?: string): Support => ({ level: 'unsupported', ...(note ? { note } : {}) });

/** Every target the same way. */
const all = (s: Support): Record<ProxyTarget, Support> => ({ nginx: s, haproxy: s, envoy: s, traefik: s, serve: s });

/** The targets that run the routes (proxies and serve); `gateway-api` converts them instead (its column: GATEWAY_API). */
type ProxyTarget = Exclude<SupportTarget, 'gateway-api'>;

const LOCATION_AS_SENT = 'the Location carries the path as the client sent it, where `explain` shows the canonical path';
const SENT_TWICE_LAST = 'sent twice in a request, the last one decides';
const ENVOY_FILTER_ANSWERS = 'the 403 of source ranges and the 401 of basic auth (Envoy filters) carry no CORS headers';

/** annotation → target → support. Names are after nginx.ingress.kubernetes.io/. */
const PROXY_MATRIX: Readonly<Record<string, Record<ProxyTarget, Support>>> = {
  'use-regex': all(exact()),
  'rewrite-target': { nginx: exact(), haproxy: approx('a target with a query string is not applied'), envoy: approx('a query string in the target becomes part of the path'), traefik: approx('replacePathRegex over the whole path; a query string in the target becomes part of the path'), serve: exact() },
  'app-root': { nginx: exact(), haproxy: exact(), envoy: approx("the Location's port is the listener's, not the one in the Host header"), traefik: approx('a redirectRegex: 302 to GET, 307 to other methods'), serve: exact() },
  'x-forwarded-prefix': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: exact('the headers middleware (customRequestHeaders)'), serve: exact() },
  'ssl-redirect': { nginx: approx(LOCATION_AS_SENT), haproxy: exact(), envoy: approx('the Location keeps the Host as sent (letter case, trailing dot)'), traefik: approx('redirectScheme: 301 to GET, 308 to other methods; the Location keeps the Host as sent'), serve: exact() },
  'force-ssl-redirect': { nginx: approx(LOCATION_AS_SENT), haproxy: exact(), envoy: approx('the Location keeps the Host as sent (letter case, trailing dot)'), traefik: approx('redirectScheme: 301 to GET, 308 to other methods; the Location keeps the Host as sent'), serve: exact() },
  'permanent-redirect': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: approx('a redirectRegex to the URL as written: 301 to GET, 308 to other methods'), serve: exact() },
  'permanent-redirect-code': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: approx('Traefik answers 301 to GET and 308 to other methods, whatever the code'), serve: exact() },
  'temporal-redirect': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: approx('a redirectRegex to the URL as written: 302 to GET, 307 to other methods'), serve: exact() },
  'temporal-redirect-code': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: approx('Traefik answers 302 to GET and 307 to other methods, whatever the code'), serve: exact() },
  'from-to-www-redirect': { nginx: approx(LOCATION_AS_SENT), haproxy: exact(), envoy: exact(), traefik: approx('a redirectRegex: 301 to GET, 308 to other methods'), serve: exact() },
  'backend-protocol': all(exact()),
  'upstream-vhost': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: exact('the headers middleware sets Host'), serve: exact() },
  'service-upstream': all(exact('decided in the route model: the backend is the Service address')),
  'proxy-connect-timeout': all(exact()),
  'proxy-send-timeout': { nginx: exact(), haproxy: approx('one server timeout for reading and sending: the one set when only one of proxy-read-timeout and proxy-send-timeout is, else the larger'), envoy: approx('one idle timeout for both directions: the one set when only one of proxy-read-timeout and proxy-send-timeout is, else the larger'), traefik: approx('not timed: Traefik times only the wait for the response headers'), serve: approx('sending to the upstream is not timed; the read timeout covers an idle upstream') },
  'proxy-read-timeout': { nginx: exact(), haproxy: approx('one server timeout for reading and sending: the one set when only one of proxy-read-timeout and proxy-send-timeout is, else the larger'), envoy: approx('one idle timeout for both directions: the one set when only one of proxy-read-timeout and proxy-send-timeout is, else the larger'), traefik: approx('responseHeaderTimeout: the wait for the response headers, not each read'), serve: exact() },
  'proxy-body-size': { nginx: exact(), haproxy: approx('checked against Content-Length only: a chunked body is not limited'), envoy: approx('the body is buffered to be counted, and not limited for gRPC backends'), traefik: approx('the buffering middleware holds the whole body to count it'), serve: exact() },
  'default-backend': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: exact(), serve: exact() },
  'allowlist-source-range': { nginx: exact(), haproxy: exact(), envoy: exact('RBAC on the address of the connection'), traefik: exact('ipAllowList on the address of the connection'), serve: exact() },
  'whitelist-source-range': { nginx: exact(), haproxy: exact(), envoy: exact('RBAC on the address of the connection'), traefik: exact('ipAllowList on the address of the connection'), serve: exact() },
  'denylist-source-range': { nginx: exact(), haproxy: exact(), envoy: exact('RBAC on the address of the connection'), traefik: exact('a router of its own with ClientIP, tried before the route'), serve: exact() },
  'auth-type': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: exact(), serve: exact() },
  'auth-secret': { nginx: exact('hashes as in the HASHES table'), haproxy: approx('users with $apr1$, {SHA} or {SSHA} hashes cannot log in (see the HASHES table)'), envoy: approx('only users with {SHA} hashes can log in (see the HASHES table); with none, every request is answered 401'), traefik: approx('only users with $apr1$, {SHA} or bcrypt hashes can log in (see the HASHES table); with none, every request is answered 401'), serve: approx('users with DES or bcrypt hashes cannot log in (see the HASHES table)') },
  'auth-realm': { nginx: exact(), haproxy: exact(), envoy: approx("the 401 of Envoy's basic_auth does not name the realm"), traefik: exact(), serve: exact() },
  'enable-cors': { nginx: exact(), haproxy: exact(), envoy: approx(ENVOY_FILTER_ANSWERS), traefik: approx('the headers middleware answers a preflight with 200 (not 204), and only one with Access-Control-Request-Method; other answers carry Allow-Origin, not Allow-Methods, Allow-Headers or Max-Age; Allow-Credentials and Expose-Headers go to every origin; with any origin ("*") and credentials, Allow-Origin names the request\'s Origin'), serve: exact() },
  'cors-allow-origin': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: exact(), serve: exact() },
  'cors-allow-methods': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: exact(), serve: exact() },
  'cors-allow-headers': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: exact(), serve: exact() },
  'cors-allow-credentials': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: exact(), serve: exact() },
  'cors-max-age': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: exact(), serve: exact() },
  'cors-expose-headers': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: exact(), serve: exact() },
  canary: { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: exact(), serve: exact() },
  'canary-weight': { nginx: exact('split_clients on the request id; a share finer than 0.01% is reported at render'), haproxy: exact('rand() drawn per request'), envoy: exact('a weighted cluster split, drawn per request'), traefik: exact('a weighted service: Traefik shares requests by weighted round robin, not by a random draw'), serve: exact() },
  'canary-weight-total': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: exact(), serve: exact() },
  'canary-by-header': { nginx: exact(), haproxy: exact(`a header ${SENT_TWICE_LAST}`), envoy: exact(), traefik: exact('Header matchers on a router of its own: any value of a header sent twice counts'), serve: exact() },
  'canary-by-header-value': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: exact(), serve: exact() },
  'canary-by-header-pattern': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: exact('HeaderRegexp (Go regexp)'), serve: exact() },
  'canary-by-cookie': { nginx: exact(), haproxy: exact(`a cookie ${SENT_TWICE_LAST}`), envoy: exact('a cookie sent twice in a request: "always" in either one decides'), traefik: exact('a HeaderRegexp on Cookie: "always" in either of two cookies of the name decides'), serve: exact() },
  affinity: { nginx: exact('a consistent hash of the cookie over the endpoints: stickiness holds while the endpoints stay the same'), haproxy: exact("HAProxy's own cookie names the server: stickiness holds while that server is in the backend"), envoy: exact('a consistent hash (RING_HASH) of the cookie over the endpoints: stickiness holds while the endpoints stay the same'), traefik: approx("Traefik's sticky cookie names the server (a hash of its URL), and is not marked Secure over HTTPS"), serve: exact() },
  'session-cookie-name': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: exact(), serve: exact() },
  'session-cookie-max-age': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: exact(), serve: exact() },
  'session-cookie-path': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: exact(), serve: exact() },
  'limit-rps': { nginx: exact(), haproxy: approx('a sliding window takes burst + 1 requests per (burst + 1) / rps seconds; nginx lets a client back in steadily at rps after a burst'), envoy: approx('counted per connection and per route, not per client address: a client with more connections gets more'), traefik: approx('a token bucket per client address of burst + 1, per route; 429 instead of 503'), serve: exact() },
  'limit-connections': { nginx: exact('requests in progress per client address (each HTTP/2 stream counts)'), haproxy: exact('requests in progress per client address (each HTTP/2 stream counts)'), envoy: no('Envoy has no per-client limit of requests in progress: not rendered'), traefik: approx('inFlightReq per client address; 429 instead of 503'), serve: exact('requests in progress per client address (each HTTP/2 stream counts)') },
};

const NO_STANDARD = (what: string) => no(`Gateway API's standard channel has no ${what}: reported at the annotation's file:line`);
const IMPLEMENTATION_TIMEOUTS = no('timeouts.request bounds the whole request, not one phase of the connection to the upstream: not the same meaning, reported');

/** `render --target gateway-api`: how each annotation becomes Gateway API (src/emit/gateway-api/translate.ts). */
const GATEWAY_API: Readonly<Record<string, Support>> = {
  'use-regex': exact('RegularExpression paths with "(?i)" and a trailing ".*": ingress-nginx reads them case-insensitively and anchored at the start only'),
  'rewrite-target': approx('URLRewrite ReplaceFullPath for a target without capture groups; targets with $1…, a query string or a relative path are a loss'),
  'app-root': exact('an Exact "/" rule with a 302 RequestRedirect (ReplaceFullPath)'),
  'x-forwarded-prefix': exact('RequestHeaderModifier set X-Forwarded-Prefix'),
  'ssl-redirect': exact('the plain-HTTP listener\'s copy of the rule answers with a 308 RequestRedirect to https'),
  'force-ssl-redirect': approx('a 308 RequestRedirect on the HTTP listener; a host without TLS gets no HTTPS listener'),
  'permanent-redirect': approx('RequestRedirect (scheme, hostname, port, path); a URL with a query string is a loss, and the request\'s own query string is kept'),
  'permanent-redirect-code': exact(),
  'temporal-redirect': approx('RequestRedirect (scheme, hostname, port, path); a URL with a query string is a loss, and the request\'s own query string is kept'),
  'temporal-redirect-code': exact(),
  'from-to-www-redirect': approx('a 308 RequestRedirect route for the other name on the HTTP listener only'),
  'backend-protocol': approx('GRPC: a GRPCRoute when every route of the host is gRPC with a path naming a service or method (/pkg.Service, /pkg.Service/Method, /), else routed as HTTP and reported; GRPCS and HTTPS need BackendTLSPolicy, outside the standard channel: reported'),
  'upstream-vhost': exact('URLRewrite hostname (a plain host name; anything else is a loss)'),
  'service-upstream': exact('decided in the route model: the backend is the Service'),
  'proxy-connect-timeout': IMPLEMENTATION_TIMEOUTS,
  'proxy-send-timeout': IMPLEMENTATION_TIMEOUTS,
  'proxy-read-timeout': IMPLEMENTATION_TIMEOUTS,
  'proxy-body-size': NO_STANDARD('request body limit'),
  'default-backend': NO_STANDARD('fallback backend for a backend without endpoints'),
  'allowlist-source-range': NO_STANDARD('client address filter'),
  'whitelist-source-range': NO_STANDARD('client address filter'),
  'denylist-source-range': NO_STANDARD('client address filter'),
  'auth-type': NO_STANDARD('authentication'),
  'auth-secret': NO_STANDARD('authentication'),
  'auth-realm': NO_STANDARD('authentication'),
  'enable-cors': approx('the CORS filter; with credentials and any origin it answers the request\'s Origin where ingress-nginx answers "*" (reported)'),
  'cors-allow-origin': approx('allowOrigins; a "*." wildcard matches one or more labels there, one in ingress-nginx (reported)'),
  'cors-allow-methods': exact('allowMethods'),
  'cors-allow-headers': exact('allowHeaders'),
  'cors-allow-credentials': exact('allowCredentials'),
  'cors-max-age': exact('maxAge'),
  'cors-expose-headers': exact('exposeHeaders'),
  canary: exact('the canary\'s rules join the main route\'s'),
  'canary-weight': exact('weighted backendRefs (total − weight and weight)'),
  'canary-weight-total': exact(),
  'canary-by-header': exact('Exact header matches "always" (canary) and "never" (main), before the weighted rule'),
  'canary-by-header-value': exact('an Exact header match'),
  'canary-by-header-pattern': approx('a RegularExpression header match ".*(?:pattern).*": the implementation\'s regex dialect reads it'),
  'canary-by-cookie': approx('a RegularExpression match of the Cookie header: any occurrence of the cookie counts, where ingress-nginx reads the first'),
  affinity: NO_STANDARD('session affinity'),
  'session-cookie-name': NO_STANDARD('session affinity'),
  'session-cookie-max-age': NO_STANDARD('session affinity'),
  'session-cookie-path': NO_STANDARD('session affinity'),
  'limit-rps': NO_STANDARD('rate limit'),
  'limit-connections': NO_STANDARD('connection limit'),
};

/** annotation → target → support. Names are after nginx.ingress.kubernetes.io/. */
export const MATRIX: Readonly<Record<string, Record<SupportTarget, Support>>> = Object.fromEntries(
  Object.entries(PROXY_MATRIX).map(([name, row]) => [name, { ...row, 'gateway-api': GATEWAY_API[name] ?? no('not translated') }]),
);

const NOT_RENDERED = no('render does not translate Gateway API routes for this target yet: each route is reported at its file:line');
const INPUT_ONLY = no('render --target gateway-api converts Ingresses; Gateway API input is not re-rendered');

/**
 * Gateway API features (HTTPRoute, GRPCRoute, listeners) → target → support. `serve`
 * (and explain, test) decide with the route model; `render --gateway` writes them for Envoy, HAProxy and nginx (not yet Traefik).
 */
const GATEWAY_PROXY_MATRIX: Readonly<Record<string, Record<ProxyTarget, Support>>> = {
  'listeners: HTTP, HTTPS (TLS Terminate), hostnames, allowedRoutes': { nginx: exact('one server per listener port (mapped as serve maps them); on HTTPS one server per listener hostname for its certificate, all routing alike'), haproxy: exact('one frontend per listener port (mapped as serve maps them); a crt-list per HTTPS port'), envoy: exact('one Envoy listener per listener port (mapped as serve maps them), one filter chain per HTTPS listener hostname'), traefik: NOT_RENDERED, serve: exact('one local port per listener port: 80 → --http-port, 443 → --https-port, others --map-port or their own') },
  'HTTPS listener chosen by SNI, 421 for another listener\'s Host': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: NOT_RENDERED, serve: exact() },
  'path Exact, PathPrefix': { nginx: exact('on the normalised path ($uri)'), haproxy: exact(), envoy: exact(), traefik: NOT_RENDERED, serve: exact() },
  'path RegularExpression': { nginx: exact('PCRE, anchored at both ends'), haproxy: exact('PCRE, anchored at both ends'), envoy: exact('RE2 full match'), traefik: NOT_RENDERED, serve: exact('the whole path, case-sensitive; after every Exact and PathPrefix path, in route order') },
  'header matches (Exact, RegularExpression)': { nginx: approx('header names of letters, digits and "-" only (nginx variables); the first value of a repeated header (nginx before 1.23)'), haproxy: exact('the first value of a repeated header'), envoy: exact(), traefik: NOT_RENDERED, serve: approx('a header sent twice is matched on its values joined with ", "') },
  'query parameter matches': { nginx: approx('$arg_NAME: the name compared case-insensitively, the value as sent (not percent-decoded); names of letters, digits and "_"'), haproxy: exact('the first value, percent-decoded'), envoy: exact(), traefik: NOT_RENDERED, serve: exact('the first value of a repeated parameter counts') },
  'method match': { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: NOT_RENDERED, serve: exact() },
  RequestRedirect: { nginx: exact(), haproxy: exact(), envoy: exact(), traefik: NOT_RENDERED, serve: exact() },
  URLRewrite: { nginx: exact('proxy_pass with the rewritten URI; Host by proxy_set_header'), haproxy: exact(), envoy: exact('regex_rewrite and host_rewrite_literal'), traefik: NOT_RENDERED, serve: exact() },
  'RequestHeaderModifier (rule and backendRef)': { nginx: approx('a header some route of the port modifies reaches the upstream as its first value on every route; on a backendRef of a weighted split: reported, not rendered'), haproxy: exact(), envoy: approx('add sends the value as another header line when the header is present, where the spec joins the values with ","'), traefik: NOT_RENDERED, serve: approx('a header the client sent twice reaches the upstream once, its values joined with ", "') },
  'ResponseHeaderModifier (rule and backendRef)': { nginx: approx('proxy_hide_header and add_header: a header some route of the port modifies is sent once, its first value, on every route; on a backendRef of a weighted split: reported, not rendered'), haproxy: exact(), envoy: approx('add sends the value as another header line when the header is present, where the spec joins the values with ","'), traefik: NOT_RENDERED, serve: exact() },
  CORS: { nginx: approx('maps on the chosen route, the preflight (204) before a redirect; the route\'s headers replace an upstream\'s own Access-Control-* headers, which pass otherwise, but only their first value when the upstream sends one twice'), haproxy: exact('http-after-response: the proxy\'s own answers (redirects, 500) carry the headers too'), envoy: exact('a preflight route (204), then the route with the headers for an allowed Origin and without them'), traefik: NOT_RENDERED, serve: exact('the spec\'s reading: wildcards of one or more labels, the default port, the request\'s values echoed with credentials') },
  'CORS and a ResponseHeaderModifier on one header (the CORS value, then the modifier; the preflight answer untouched)': { nginx: exact('the modifier\'s map reads the header as CORS leaves it; one add_header'), haproxy: exact('the route\'s response modifiers become http-after-response rules after the CORS ones, for answers from a server'), envoy: approx('a backendRef\'s modifier does not change a CORS header: Envoy applies weighted-cluster headers before the route\'s (reported)'), traefik: NOT_RENDERED, serve: exact() },
  'weighted backendRefs (500 for an invalid share)': { nginx: approx('split_clients on $request_id: shares as percentages of two decimals (target-approximate when rounded)'), haproxy: exact('rand() drawn per request'), envoy: exact('weighted clusters; an invalid share goes to a cluster that does not exist, answered 500 (cluster_not_found_response_code)'), traefik: NOT_RENDERED, serve: exact('drawn per request') },
  'GRPCRoute (service/method, headers; h2c and h2 to backends)': { nginx: no('not rendered: nginx serves HTTP/2 without TLS only on ports without HTTP/1.1; each route reported at its line'), haproxy: approx('an invalid backendRef answers HTTP 500, not the gRPC status UNAVAILABLE; HTTP listeners take HTTP/1.1 only (no h2c from clients)'), envoy: approx('an invalid backendRef answers HTTP 500, not the gRPC status UNAVAILABLE'), traefik: NOT_RENDERED, serve: approx('an invalid backendRef answers HTTP 500, not the gRPC status UNAVAILABLE') },
  'RequestMirror, timeouts, retries, session persistence': all(no('reported as not supported at their file:line')),
};

/** Gateway API features (HTTPRoute, GRPCRoute, listeners) → target → support. */
export const GATEWAY_MATRIX: Readonly<Record<string, Record<SupportTarget, Support>>> = Object.fromEntries(
  Object.entries(GATEWAY_PROXY_MATRIX).map(([name, row]) => [name, { ...row, 'gateway-api': INPUT_ONLY }]),
);

/** Which password hash formats each target can check (auth-secret). */
export const HASHES: Readonly<Record<HashFormat, Record<SupportTarget, boolean>>> = {
  apr1: { nginx: true, haproxy: false, envoy: false, traefik: true, serve: true, 'gateway-api': false },
  'md5-crypt': { nginx: true, haproxy: true, envoy: false, traefik: false, serve: true, 'gateway-api': false },
  'sha256-crypt': { nginx: true, haproxy: true, envoy: false, traefik: false, serve: true, 'gateway-api': false },
  'sha512-crypt': { nginx: true, haproxy: true, envoy: false, traefik: false, serve: true, 'gateway-api': false },
  bcrypt: { nginx: true, haproxy: true, envoy: false, traefik: true, serve: false, 'gateway-api': false },
  'des-crypt': { nginx: true, haproxy: true, envoy: false, traefik: false, serve: false, 'gateway-api': false },
  sha1: { nginx: true, haproxy: false, envoy: true, traefik: true, serve: true, 'gateway-api': false },
  ssha: { nginx: true, haproxy: false, envoy: false, traefik: false, serve: true, 'gateway-api': false },
  plain: { nginx: true, haproxy: true, envoy: false, traefik: false, serve: true, 'gateway-api': false },
};

export const HASH_NOTES: Readonly<Record<HashFormat, string>> = {
  apr1: '$apr1$ (htpasswd -m)',
  'md5-crypt': '$1$ (openssl passwd -1)',
  'sha256-crypt': '$5$ (openssl passwd -5)',
  'sha512-crypt': '$6$ (openssl passwd -6)',
  bcrypt: '$2y$ (htpasswd -B); nginx and HAProxy through the system crypt(3) (libxcrypt)',
  'des-crypt': 'traditional crypt (htpasswd -d); nginx and HAProxy through crypt(3)',
  sha1: '{SHA} (htpasswd -s)',
  ssha: '{SSHA}',
  plain: '{PLAIN}; HAProxy as insecure-password',
};

/** The support of annotation `name` on `target`; undefined for annotations the model does not read. */
export function supportOf(name: string, target: SupportTarget): Support | undefined {
  return MATRIX[name]?.[target];
}

/** The matrix covers exactly the annotations the model reads (checked by a test). */
export function matrixNames(): string[] {
  return SUPPORTED_ANNOTATIONS.map((a) => a.name);
}
