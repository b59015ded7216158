// CORS in haproxy.cfg, for Ingress routes (enable-cors and the cors-* annotations) and
// Gateway routes (the CORS filter) alike, from the model's header plan and origin pattern
// (src/model/cors.ts). The allowed origin (or "*") is stored in txn.cors once the route is
// known and not closed; an OPTIONS request for it is answered here (204), and every answer
// of the route carries the CORS headers (http-after-response also reaches HAProxy's own
// answers: redirects, 401, 403). A request header the plan echoes is kept in a variable
// on the request side (txn.cors_method, txn.cors_headers) and written when it is not empty.
import type { Finding } from '../../findings/finding.js';
import { corsHeaderPlan, corsOriginPattern, type CorsEcho } from '../../model/cors.js';
import type { CorsPolicy } from '../../model/policy.js';
import { targetFinding } from './check.js';
import { line, note, when, type Line, type Test } from './config.js';
import { forIds, groupRuns, annotationAt } from './ids.js';
import type { Plan } from './plan.js';
import { logFormatText, wordProblem } from './quote.js';

const ALLOW_ORIGIN = 'access-control-allow-origin';
const allowed: Test = { fetch: 'var(txn.cors)', flags: ['-m', 'found'] };
/** Header values the model writes (method and header lists, numbers): printable, no quotes or backslashes. */
const VALUE = /^[\x20-\x7e]*$/;
const ECHO_VAR: Record<Exclude<CorsEcho, 'origin'>, string> = { 'access-control-request-method': 'txn.cors_method', 'access-control-request-headers': 'txn.cors_headers' };

export interface CorsRules {
  /** request side: the allowed origin, the preflight answer */
  request: Line[];
  /** http-after-response: the headers */
  response: Line[];
}

/** The rules of one policy for the routes `forRoutes` names (one line per chunk of route ids), or why it cannot be written. */
export function corsPolicyRules(cors: CorsPolicy, forRoutes: (make: (isRoute: Test) => Line) => Line[]): CorsRules | { problem: string } {
  const problem = corsProblem(cors);
  if (problem) return { problem };
  const request: Line[] = [];
  const response: Line[] = [];
  const pattern = corsOriginPattern(cors);
  if (pattern === '*') request.push(...forRoutes((t) => line(['http-request', 'set-var(txn.cors)', 'str(*)'], when(t))));
  else if (pattern !== undefined) {
    const origin: Test = { fetch: 'req.fhdr(origin)', flags: ['-m', 'reg', '-i'], patterns: [`^${pattern}$`] };
    request.push(...forRoutes((t) => line(['http-request', 'set-var(txn.cors)', 'req.fhdr(origin)'], when(t, origin))));
  }
  for (const [name, value] of corsHeaderPlan(cors)) {
    // the allowed origin itself ("*" or the Origin) comes from txn.cors (corsFrame)
    if (name === ALLOW_ORIGIN) continue;
    if ('text' in value) {
      response.push(...forRoutes((t) => line(['http-after-response', 'set-header', name, logFormatText(value.text)], when(allowed, t))));
      continue;
    }
    const echo = value.echo as Exclude<CorsEcho, 'origin'>;
    const v = ECHO_VAR[echo];
    request.push(...forRoutes((t) => line(['http-request', `set-var(${v})`, `req.fhdr(${echo})`], when(allowed, t))));
    response.push(...forRoutes((t) => line(['http-after-response', 'set-header', name, `%[var(${v})]`], when(allowed, t, { fetch: `var(${v})`, flags: ['-m', 'reg'], patterns: ['.'] }))));
  }
  return { request, response };
}

/** The rules of every policy, framed: the preflight answer after them, the allowed origin's header first. */
export function corsFrame(rules: CorsRules, what: string): CorsRules {
  if (!rules.request.length) return { request: [], response: [] };
  return {
    request: [
      note(`CORS (${what}): the allowed origin of the request, and the preflight answered here`),
      ...rules.request,
      line(['http-request', 'return', 'status', '204'], when(allowed, { fetch: 'method,lower', flags: ['-m', 'str'], patterns: ['options'] })),
    ],
    response: [
      note('CORS headers on every answer of a route whose origin is allowed'),
      line(['http-after-response', 'set-header', ALLOW_ORIGIN, '%[var(txn.cors)]'], when(allowed)),
      ...rules.response,
    ],
  };
}

/** The Ingress routes' CORS (enable-cors): policies grouped, a policy that cannot be written reported and left out. */
export function corsRules(plan: Plan, findings: Finding[]): CorsRules {
  const all: CorsRules = { request: [], response: [] };
  for (const [cors, { first, ids }] of groupRuns(plan.runs, (d) => d.policy.cors)) {
    const rules = corsPolicyRules(cors, (make) => forIds(ids, make));
    if ('problem' in rules) {
      findings.push(targetFinding('target-unsafe-value', 'error', annotationAt(first, 'enable-cors'), `CORS ${rules.problem}; no CORS headers are sent`));
      continue;
    }
    all.request.push(...rules.request);
    all.response.push(...rules.response);
  }
  return corsFrame(all, 'enable-cors');
}

function corsProblem(c: CorsPolicy): string | undefined {
  for (const v of [c.methods, c.headers, c.exposeHeaders]) if (!VALUE.test(v) || v.includes('\\') || wordProblem(v)) return `header value ${JSON.stringify(v)} cannot be written safely`;
  if (!Number.isInteger(c.maxAge) || c.maxAge < 0) return `max age ${c.maxAge} is not a number of seconds`;
  if (c.origins !== '*' && c.origins.some((o) => !/^(\*|(\*\.)?[a-z0-9.-]+)$/.test(o.host))) return 'an allowed origin is not a host name';
  return undefined;
}
