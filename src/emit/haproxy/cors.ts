// enable-cors and the cors-* annotations. The allowed origin (or "*") is stored in
// txn.cors once the route is known and not closed; an OPTIONS request for it is answered
// here (204), and every answer of the route carries the CORS headers (http-after-response
// also reaches HAProxy's own answers: redirects, 401, 403).
import type { Finding } from '../../findings/finding.js';
import { corsHeaders } from '../../model/cors.js';
import type { CorsPolicy } from '../../model/policy.js';
import { originAlternation } from '../policy-values.js';
import { targetFinding } from './check.js';
import { line, note, when, type Line, type Test } from './config.js';
import { forIds, groupDecisions, idsOf, annotationAt } from './ids.js';
import type { Plan } from './plan.js';
import { logFormatText, wordProblem } from './quote.js';

const allowed: Test = { fetch: 'var(txn.cors)', flags: ['-m', 'found'] };
const ALLOW_ORIGIN = 'access-control-allow-origin';
/** Header values the model writes (method and header lists, numbers): printable, no quotes or backslashes. */
const VALUE = /^[\x20-\x7e]*$/;

export interface CorsRules {
  /** request side: the allowed origin, the preflight answer */
  request: Line[];
  /** http-after-response: the headers */
  response: Line[];
}

export function corsRules(plan: Plan, findings: Finding[]): CorsRules {
  const request: Line[] = [];
  const response: Line[] = [];
  for (const [cors, ds] of groupDecisions(plan.decisions, (d) => d.policy.cors)) {
    const ids = idsOf(ds);
    const problem = corsProblem(cors);
    if (problem) {
      findings.push(targetFinding('target-unsafe-value', 'error', annotationAt(ds[0], 'enable-cors'), `CORS ${problem}; no CORS headers are sent`));
      continue;
    }
    if (cors.origins === '*') request.push(...forIds(ids, (t) => line(['http-request', 'set-var(txn.cors)', 'str(*)'], when(t))));
    else if (cors.origins.length) {
      const origin: Test = { fetch: 'req.fhdr(origin)', flags: ['-m', 'reg', '-i'], patterns: [`^${originAlternation(cors.origins)}$`] };
      request.push(...forIds(ids, (t) => line(['http-request', 'set-var(txn.cors)', 'req.fhdr(origin)'], when(t, origin))));
    }
    // the model's CORS headers (src/model/cors.ts); the allowed origin itself comes from txn.cors
    for (const [name, value] of Object.entries(corsHeaders(cors, ''))) {
      if (name !== ALLOW_ORIGIN) response.push(...forIds(ids, (t) => line(['http-after-response', 'set-header', name, logFormatText(value)], when(allowed, t))));
    }
  }
  if (!request.length) return { request, response };
  return {
    request: [
      note('CORS (enable-cors): the allowed origin of the request, and the preflight answered here'),
      ...request,
      line(['http-request', 'return', 'status', '204'], when(allowed, { fetch: 'method,lower', flags: ['-m', 'str'], patterns: ['options'] })),
    ],
    response: [
      note('CORS headers on every answer of a route whose origin is allowed'),
      line(['http-after-response', 'set-header', ALLOW_ORIGIN, '%[var(txn.cors)]'], when(allowed)),
      ...response,
    ],
  };
}

function corsProblem(c: CorsPolicy): string | undefined {
  for (const v of [c.methods, c.headers, c.exposeHeaders]) if (!VALUE.test(v) || /["'\\]/.test(v) || wordProblem(v)) return `header value ${JSON.stringify(v)} cannot be written safely`;
  if (!Number.isInteger(c.maxAge) || c.maxAge < 0) return `max age ${c.maxAge} is not a number of seconds`;
  if (c.origins !== '*' && c.origins.some((o) => !/^(\*\.)?[a-z0-9.-]+$/.test(o.host))) return 'an allowed origin is not a host name';
  return undefined;
}
