// CORS as ingress-nginx answers it (enable-cors): which origins are allowed, and the
// headers added to answers for them. Origins are compared whole (scheme, host, port),
// case-insensitively; ingress-nginx's own check is an unanchored regex, which also let
// through any origin that merely ends in an allowed one: ingressctl does not.
import type { CorsOrigin, CorsPolicy } from './policy.js';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The allowed origins as one alternation, the one pattern every target and serve match the
 * Origin header with: whole (callers anchor it) and case-insensitively (callers add the flag);
 * scheme, host and port as written, a "*." host taking exactly one label.
 */
export function originAlternation(origins: readonly CorsOrigin[]): string {
  const one = (o: CorsOrigin) => {
    const host = o.host.startsWith('*.') ? `[a-z0-9-]+${escapeRegex(o.host.slice(1))}` : escapeRegex(o.host);
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
  if (!re) compiled.set(cors.origins, (re = new RegExp(`^${originAlternation(cors.origins)}$`, 'i')));
  const o = origin.trim();
  return re.test(o) ? o : undefined;
}

/** The CORS headers an answer for an allowed origin carries (a preflight answer adds its own Content-Type and length). */
export function corsHeaders(cors: CorsPolicy, allowOrigin: string): Record<string, string> {
  return {
    'access-control-allow-origin': allowOrigin,
    ...(cors.credentials ? { 'access-control-allow-credentials': 'true' } : {}),
    'access-control-allow-methods': cors.methods,
    'access-control-allow-headers': cors.headers,
    ...(cors.exposeHeaders ? { 'access-control-expose-headers': cors.exposeHeaders } : {}),
    'access-control-max-age': String(cors.maxAge),
  };
}
