// CORS on Envoy as routes, not the CORS filter (which answers preflights with 200, echoes
// the origin for "*" and needs Access-Control-Request-Method): for an allowed origin, an
// OPTIONS request is answered 204 by a route of its own, and the route's other answers carry
// the headers; other origins get the route without them. The same for Ingress routes
// (enable-cors) and Gateway routes (the CORS filter), from the model's header plan and origin
// pattern (src/model/cors.ts); an echoed request header is %REQ(…)%, which Envoy leaves out
// when the request has none.
import { corsHeaderPlan, corsOriginPattern } from '../../model/cors.js';
import type { CorsPolicy } from '../../model/policy.js';
import type { Origin } from '../../model/types.js';
import { formatted, header } from './access.js';
import type { FindingSink } from './findings.js';
import { re2Problem } from './re2.js';
import type { HeaderMatcher, HeaderValueOption } from './types.js';

export interface CorsPlan {
  /** what makes the origin allowed: none for "*" (every request) */
  when: HeaderMatcher[];
  /** on every answer for an allowed origin */
  headers: HeaderValueOption[];
  /** on the preflight answer */
  preflight: HeaderValueOption[];
}

export const OPTIONS: HeaderMatcher = { name: ':method', string_match: { exact: 'OPTIONS', ignore_case: true } };
const VALUE = /^[\x20-\x7e]*$/;

/**
 * Undefined when no origin is allowed (an empty list) or the policy cannot be written
 * (reported at `at`, the value's origin: `origins` for the allowed origins).
 */
export function corsPlan(cors: CorsPolicy, at: { values?: Origin; origins?: Origin }, sink: FindingSink): CorsPlan | undefined {
  if (![cors.methods, cors.headers, cors.exposeHeaders].every((v) => VALUE.test(v)) || !Number.isInteger(cors.maxAge)) {
    sink.add('target-unsafe-value', 'error', 'CORS header values cannot be written; no CORS headers are sent', at.values);
    return undefined;
  }
  const pattern = corsOriginPattern(cors);
  if (pattern === undefined) return undefined;
  let when: HeaderMatcher[] = [];
  if (pattern !== '*') {
    // the "(?i)" flag is RE2's own (paths.ts writes it the same way); what follows it is checked
    const problem = re2Problem(pattern);
    if (problem) {
      sink.add('target-unsafe-value', 'error', `the allowed origins cannot be given to Envoy as one regex (${problem}); no CORS headers are sent`, at.origins);
      return undefined;
    }
    when = [{ name: 'origin', string_match: { safe_regex: { regex: `(?i)${pattern}` } } }];
  }
  // text written literally; an echo is the request's header, which the route's match has allowed for the origin
  const headers = corsHeaderPlan(cors).map(([name, v]) => ('text' in v ? header(name, v.text) : formatted(name, `%REQ(${v.echo})%`)));
  // the preflight answer has no body, nor body headers (as nginx sends it)
  return { when, headers, preflight: headers };
}
