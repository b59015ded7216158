// CORS as ingress-nginx answers it (enable-cors): which origins are allowed, and the
// headers added to answers for them. Origins are compared whole (scheme, host, port),
// case-insensitively; ingress-nginx's own check is an unanchored regex, which also let
// through any origin that merely ends in an allowed one: ingressctl does not.
import type { CorsOrigin, CorsPolicy } from './policy.js';

/** The value for Access-Control-Allow-Origin, or undefined when `origin` is not allowed. */
export function allowedOrigin(cors: CorsPolicy, origin: string | undefined): string | undefined {
  if (cors.origins === '*') return '*';
  if (origin === undefined) return undefined;
  const m = /^(https?):\/\/([^/:]+)(?::(\d{1,5}))?$/i.exec(origin.trim());
  if (!m) return undefined;
  const scheme = m[1].toLowerCase();
  const host = m[2].toLowerCase();
  const port = m[3] === undefined ? undefined : Number(m[3]);
  return cors.origins.some((o) => o.scheme === scheme && hostMatches(o, host, cors.gatewayApi) && o.port === port) ? origin.trim() : undefined;
}

function hostMatches(o: CorsOrigin, host: string, oneOrMore = false): boolean {
  if (!o.host.startsWith('*.')) return o.host === host;
  const suffix = o.host.slice(1); // ".example.com"
  return host.endsWith(suffix) && (oneOrMore ? /^[a-z0-9-]+(\.[a-z0-9-]+)*$/ : /^[a-z0-9-]+$/).test(host.slice(0, -suffix.length));
}

/** The CORS headers an answer for an allowed origin carries (a preflight answer adds its own Content-Type and length). */
export function corsHeaders(cors: CorsPolicy, allowOrigin: string, request?: Readonly<Record<string, string>>): Record<string, string> {
  // Gateway API: credentials forbid "*" in answers, so the request's own values are echoed
  const echo = cors.gatewayApi && cors.credentials && request;
  return {
    'access-control-allow-origin': echo && allowOrigin === '*' && request.origin ? request.origin.trim() : allowOrigin,
    ...(cors.credentials ? { 'access-control-allow-credentials': 'true' } : {}),
    'access-control-allow-methods': echo && cors.methods === '*' ? (request['access-control-request-method'] ?? '*') : cors.methods,
    'access-control-allow-headers': echo && cors.headers === '*' ? (request['access-control-request-headers'] ?? '*') : cors.headers,
    ...(cors.exposeHeaders ? { 'access-control-expose-headers': cors.exposeHeaders } : {}),
    'access-control-max-age': String(cors.maxAge),
  };
}
