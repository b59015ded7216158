// enable-cors on Envoy as routes, not the CORS filter (which answers preflights with 200,
// echoes the origin for "*" and needs Access-Control-Request-Method): for an allowed
// origin, an OPTIONS request is answered 204 by a route of its own, and the route's
// other answers carry the headers; other origins get the route without them.
import { annotationOrigin } from '../../model/origin.js';
import { corsHeaders } from '../../model/cors.js';
import type { CorsPolicy } from '../../model/policy.js';
import type { Origin } from '../../model/types.js';
import { originAlternation } from '../policy-values.js';
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

const ALLOW_ORIGIN = 'access-control-allow-origin';
export const OPTIONS: HeaderMatcher = { name: ':method', string_match: { exact: 'OPTIONS', ignore_case: true } };
const VALUE = /^[\x20-\x7e]*$/;

/** Undefined when no origin is allowed (an empty list) or the policy cannot be written. */
export function corsPlan(cors: CorsPolicy, origin: Origin | undefined, sink: FindingSink): CorsPlan | undefined {
  const at = origin && annotationOrigin(origin, 'enable-cors');
  if (![cors.methods, cors.headers, cors.exposeHeaders].every((v) => VALUE.test(v)) || !Number.isInteger(cors.maxAge)) {
    sink.add('target-unsafe-value', 'error', 'CORS header values cannot be written; no CORS headers are sent', at);
    return undefined;
  }
  let when: HeaderMatcher[] = [];
  let allow: HeaderValueOption;
  if (cors.origins === '*') allow = header(ALLOW_ORIGIN, '*');
  else {
    if (!cors.origins.length) return undefined;
    const alternation = originAlternation(cors.origins);
    // the "(?i)" flag is RE2's own (paths.ts writes it the same way); what follows it is checked
    const regex = `(?i)${alternation}`;
    const problem = re2Problem(alternation);
    if (problem) {
      sink.add('target-unsafe-value', 'error', `the allowed origins cannot be given to Envoy as one regex (${problem}); no CORS headers are sent`, origin && annotationOrigin(origin, 'cors-allow-origin'));
      return undefined;
    }
    when = [{ name: 'origin', string_match: { safe_regex: { regex } } }];
    // the origin as the client sent it, which the route's match has allowed
    allow = formatted(ALLOW_ORIGIN, '%REQ(origin)%');
  }
  // the model's CORS headers (src/model/cors.ts), the allowed origin as above
  const headers = Object.entries(corsHeaders(cors, '')).map(([name, value]) => (name === ALLOW_ORIGIN ? allow : header(name, value)));
  // the preflight answer has no body, nor body headers (as nginx sends it)
  return { when, headers, preflight: headers };
}
