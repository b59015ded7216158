// CORS as the model answers it: which origins are allowed, and the headers added to answers
// for them. Two readings share it: ingress-nginx's (enable-cors) and the Gateway API's CORS
// filter (`gatewayApi`), which differ where the spec says so: an origin wildcard takes one or
// more labels, a host "*" any host, an origin without a port also matches the scheme's default
// port; with allowCredentials a "*" is never answered: the request's own Origin,
// Access-Control-Request-Method and -Headers are echoed (left out when the request has none);
// lists the filter leaves empty send no header. Origins are compared whole (scheme, host,
// port), case-insensitively; ingress-nginx's own check is an unanchored regex, which also let
// through any origin that merely ends in an allowed one: ingressctl does not.
// Every target writes `corsHeaderPlan` and `corsOriginPattern`; serve fills them in here.
import type { CorsOrigin, CorsPolicy } from './policy.js';
import { headerValueProblem } from './validate-values.js';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The request headers an answer may echo (lower case, as serve and the targets read them). */
export type CorsEcho = 'origin' | 'access-control-request-method' | 'access-control-request-headers';

/** A CORS header's value: text as written, or a request header echoed (the header is left out when the request's is absent or empty). */
export type CorsValue = { text: string } | { echo: CorsEcho };

/**
 * The allowed origins as one alternation, the one pattern every target and serve match the
 * Origin header with: whole (callers anchor it) and case-insensitively (callers add the flag);
 * scheme, host and port as written, a "*." host taking exactly one label (Ingress) or one or
 * more (Gateway API's CORS filter, where "*" alone is any host and the default port is optional).
 */
export function originAlternation(origins: readonly CorsOrigin[], gatewayApi = false): string {
  const label = gatewayApi ? '[a-z0-9-]+(?:\\.[a-z0-9-]+)*' : '[a-z0-9-]+';
  const one = (o: CorsOrigin) => {
    const host = gatewayApi && o.host === '*' ? label : o.host.startsWith('*.') ? `${label}${escapeRegex(o.host.slice(1))}` : escapeRegex(o.host);
    const dflt = o.scheme === 'https' ? 443 : 80;
    const port = gatewayApi && (o.port === undefined || o.port === dflt) ? `(?::${dflt})?` : o.port === undefined ? '' : `:${o.port}`;
    return `${o.scheme}://${host}${port}`;
  };
  return `(?:${origins.map(one).join('|')})`;
}

/** Gateway API, "*" with credentials: any Origin the request sends is allowed (and echoed). */
const ANY_ORIGIN = '(?:.+)';

/**
 * Which requests the policy answers with CORS headers: '*' every request (even without an
 * Origin); a pattern the whole Origin header must match, case-insensitively; undefined none.
 */
export function corsOriginPattern(cors: CorsPolicy): '*' | string | undefined {
  if (cors.origins === '*') return cors.gatewayApi && cors.credentials ? ANY_ORIGIN : '*';
  return cors.origins.length ? originAlternation(cors.origins, cors.gatewayApi) : undefined;
}

/** The CORS headers of an answer for an allowed origin, in the order every target writes them (lower-case names). */
export function corsHeaderPlan(cors: CorsPolicy): [string, CorsValue][] {
  const g = cors.gatewayApi === true;
  const echoStar = g && cors.credentials;
  const list = (value: string, echo: CorsEcho): CorsValue[] => (echoStar && value === '*' ? [{ echo }] : g && value === '' ? [] : [{ text: value }]);
  const out: [string, CorsValue][] = [['access-control-allow-origin', cors.origins === '*' && !echoStar ? { text: '*' } : { echo: 'origin' }]];
  if (cors.credentials) out.push(['access-control-allow-credentials', { text: 'true' }]);
  for (const v of list(cors.methods, 'access-control-request-method')) out.push(['access-control-allow-methods', v]);
  for (const v of list(cors.headers, 'access-control-request-headers')) out.push(['access-control-allow-headers', v]);
  if (cors.exposeHeaders) out.push(['access-control-expose-headers', { text: cors.exposeHeaders }]);
  out.push(['access-control-max-age', { text: String(cors.maxAge) }]);
  return out;
}

// compiled once per policy (serve matches every request of a CORS route)
const compiled = new WeakMap<CorsPolicy, RegExp>();

/** The value for Access-Control-Allow-Origin, or undefined when `origin` is not allowed. */
export function allowedOrigin(cors: CorsPolicy, origin: string | undefined): string | undefined {
  const pattern = corsOriginPattern(cors);
  if (pattern === '*') return '*';
  if (origin === undefined || pattern === undefined) return undefined;
  let re = compiled.get(cors);
  if (!re) compiled.set(cors, (re = new RegExp(`^${pattern}$`, 'i')));
  const o = origin.trim();
  return re.test(o) ? o : undefined;
}

/**
 * The CORS headers an answer for an allowed origin carries (a preflight answer adds its own
 * Content-Type and length). A text that is no header value (a policy that bypassed the
 * readers' checks) is left out: it never reaches an answer.
 */
export function corsHeaders(cors: CorsPolicy, allowOrigin: string, request: Readonly<Record<string, string>> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, v] of corsHeaderPlan(cors)) {
    if ('text' in v) {
      if (!headerValueProblem(v.text)) out[name] = v.text;
    } else {
      const value = v.echo === 'origin' ? allowOrigin : request[v.echo]?.trim();
      if (value) out[name] = value;
    }
  }
  return out;
}
