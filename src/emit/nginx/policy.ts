// A route's policy as location directives, in the model's order (src/model/policy.ts):
// nginx runs a location's rewrite-phase directives in file order (CORS preflight, then the
// redirect, then rewrite), then limit_conn/limit_req (preaccess), then allow/deny before
// auth_basic (access: 403 wins over 401), then the proxy.
import type { RoutePolicy } from '../../model/policy.js';
import type { Origin } from '../../model/types.js';
import type { HeaderValues, PlannedDecision } from '../plan.js';
import { block, d, type Directive } from './config.js';
import { accessDirectives, type HttpExtras } from './extras.js';
import { text, unquotable, word } from './quote.js';
import { findingFor } from './findings.js';

/** The policy's texts that reach nginx.conf; the model validated them, this is the second line. */
function texts(p: RoutePolicy, h: HeaderValues): [string, string][] {
  // most routes carry none: no arrays made for them
  if (!h.redirect && !p.basicAuth && !h.upstreamHost && !h.forwardedPrefix && !p.cors) return [];
  return [
    ...(h.redirect ? [['permanent-/temporal-redirect', h.redirect.url] as [string, string]] : []),
    ...(p.basicAuth ? [['auth-realm', p.basicAuth.realm] as [string, string]] : []),
    ...(h.upstreamHost ? [['upstream-vhost', h.upstreamHost] as [string, string]] : []),
    ...(h.forwardedPrefix ? [['x-forwarded-prefix', h.forwardedPrefix] as [string, string]] : []),
    ...(p.cors ? ([['cors-allow-methods', p.cors.methods], ['cors-allow-headers', p.cors.headers], ['cors-expose-headers', p.cors.exposeHeaders]] as [string, string][]) : []),
  ];
}

/** Nothing before the proxy: most routes. */
const NOTHING: { before: Directive[]; closed: boolean; authFailed: boolean } = Object.freeze({ before: Object.freeze([]) as unknown as Directive[], closed: false, authFailed: false });

const CLOSED = (why: string) => ({ before: [{ ...d('return', 503), comment: `closed: ${why} (see render findings)` }], closed: true, authFailed: false });

/** What comes before the proxy in a location; `closed` when the route must answer 503 and nothing else. */
export function policyDirectives(extras: HttpExtras, dec: PlannedDecision, origin?: Origin): { before: Directive[]; closed: boolean; authFailed: boolean } {
  const policy = dec.policy;
  const h = dec.headers;
  if (!policy.denied && !h.redirectRefused && !h.redirect && !h.upstreamHost && !h.forwardedPrefix && !policy.cors && !dec.affinity && !policy.rateLimit && !policy.sourceRanges && !policy.basicAuth) return NOTHING;
  if (policy.denied) return CLOSED('an annotation guarding access could not be applied');
  if (dec.headers.redirectRefused) return CLOSED('the redirect cannot be written safely');
  for (const [what, value] of texts(policy, dec.headers)) {
    const problem = unquotable(value);
    if (problem) {
      extras.findings.push(findingFor(origin, 'target-unsafe-value', 'error', `${what} ${JSON.stringify(value)} cannot be written to nginx.conf safely (${problem}); the route answers 503`, undefined, 'metadata.annotations'));
      return CLOSED(`${what} cannot be written safely`);
    }
  }
  const out: Directive[] = [];
  if (policy.cors) {
    const vars = extras.corsVars(policy.cors);
    for (const [header, value] of vars.headers) out.push(d('add_header', header, typeof value === 'string' ? word(value) : text(value.literal), 'always'));
    out.push(block('if', vars.preflight === 'any-options' ? ['($request_method', '=', 'OPTIONS)'] : [`(${vars.preflight})`], [d('return', 204)], 'a CORS preflight is answered here'));
  }
  const redirect = dec.headers.redirect;
  if (redirect) out.push(d('return', redirect.code, text(redirect.url)));
  if (dec.affinity) out.push(d('add_header', 'Set-Cookie', word(extras.setCookie(dec.affinity))));
  if (policy.rateLimit) {
    const z = extras.zoneNames(policy.rateLimit);
    if (z.conn) out.push(d('limit_conn', z.conn, policy.rateLimit.connections!));
    if (z.rps) out.push(d('limit_req', `zone=${z.rps}`, `burst=${policy.rateLimit.burst}`, 'nodelay'));
  }
  out.push(...accessDirectives(policy));
  let authFailed = false;
  if (policy.basicAuth) {
    const file = extras.authFile(policy.basicAuth);
    if (file) out.push(d('auth_basic', text(policy.basicAuth.realm)), d('auth_basic_user_file', text(file)));
    else authFailed = true;
  }
  return { before: out, closed: false, authFailed };
}
