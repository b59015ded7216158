// CORS as ingress-nginx answers it (enable-cors): which origins are allowed, and the
// headers added to answers for them. Origins are compared whole (scheme, host, port),
// case-insensitively; ingress-nginx's own check is an unanchored regex, which also let
// through any origin that merely ends in an allowed one: ingressctl does not.
import type { CorsOrigin, CorsPolicy } from './policy.js';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The allowed origins as one alternation, the one pattern every target and serve match the
 * Origin header with: whole (callers anchor it) and case-insensitively (callers add the flag);
 * scheme, host and port as written, a "*." host taking exactly one label (Ingress) or one or
 * more (Gateway API's CORS filter).
 */
export function originAlternation(origins: readonly CorsOrigin[], oneOrMoreLabels = false): string {
  const label = oneOrMoreLabels ? '[a-z0-9-]+(?:\\.[a-z0-9-]+)*' : '[a-z0-9-]+';
  const one = (o: CorsOrigin) => {
    const host = o.host.startsWith('*.') ? `${label}${escapeRegex(o.host.slice(1))}` : escapeRegex(o.host);
    return `${o.scheme}://${host}${o.port === undefined ? '' : `:${o.port}`}`;
  };
  return `(?:${origins.map(one).join('|')})`;
}

// compiled once per policy (serve matches every request of a CORS route)
const compiled = new WeakMap<readonly CorsOrigin[], RegExp>();

/** The value for Access-Control-Allow-Origin, or undefined when `origin` is not allowed. */
export function allowedOrigin(cors: CorsPolicy, origin: string | undefined): string | undefined {
  if (cors.origins === '*') return '*';
  if (origin === undefined || !cors.origins.length) return undefined;
  let re = compiled.get(cors.origins);
  if (!re) compiled.set(cors.origins, (re = new RegExp(`^${originAlternation(cors.origins, cors.gatewayApi)}$`, 'i')));
  const o = origin.trim();
  return re.test(o) ? o : undefined;
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
