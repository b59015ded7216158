// What a Gateway API route does with a request once the Matcher chose it: its conditions
// (method, headers, query: all must hold), then its filters in the spec's terms
// (RequestRedirect answers; URLRewrite and RequestHeaderModifier shape the upstream
// request; ResponseHeaderModifier the answer), then one of its weighted backendRefs.
import type { Decision, Request, Target, UpstreamRequest } from '../model/match.js';
import type { Backend, RequestConditions, Route, ValueMatch } from '../model/types.js';
import { modifyHeaders } from './filters-apply.js';
import { upstreamPath } from '../model/rewrite.js';
import { linearRegex, type PatternTest } from './linear-regex.js';
import { cookieValue } from '../model/cookie.js';

/**
 * Gateway API RegularExpression (paths, headers, query values): the whole value must match,
 * case-sensitively (Envoy's safe_regex), unless the pattern starts with "(?i)" — the one
 * inline flag RE2 and PCRE read alike, which JavaScript takes as the "i" flag.
 */
export function gatewayRegex(pattern: string): PatternTest {
  const insensitive = pattern.startsWith(CASE_INSENSITIVE);
  return linearRegex(`^(?:${insensitive ? pattern.slice(CASE_INSENSITIVE.length) : pattern})$`, insensitive);
}

export const CASE_INSENSITIVE = '(?i)';

/** The pattern a syntax check reads: without a leading "(?i)" (accepted, see gatewayRegex). */
export function withoutCaseFlag(pattern: string): string {
  return pattern.startsWith(CASE_INSENSITIVE) ? pattern.slice(CASE_INSENSITIVE.length) : pattern;
}

const regexCache = new Map<string, PatternTest>();
function valueMatches(m: ValueMatch, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (m.type === 'Exact') return value === m.value;
  let re = regexCache.get(m.value);
  if (!re) regexCache.set(m.value, (re = gatewayRegex(m.value)));
  return re.test(value);
}

/** The first value of query parameter `name` (names compare exactly; values percent-decoded). */
export function queryValue(target: string, name: string): string | undefined {
  const q = target.indexOf('?');
  if (q === -1) return undefined;
  for (const part of target.slice(q + 1).replace(/#.*$/, '').split('&')) {
    const eq = part.indexOf('=');
    const k = eq === -1 ? part : part.slice(0, eq);
    if (decode(k) === name) return eq === -1 ? '' : decode(part.slice(eq + 1));
  }
  return undefined;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

export function conditionsHold(c: RequestConditions, req: Request): boolean {
  return conditionMismatch(c, req) === undefined;
}

/** Why a request does not meet a route's conditions, or undefined when it does. */
export function conditionMismatch(c: RequestConditions, req: Request): string | undefined {
  const method = (req.method ?? 'GET').toUpperCase();
  if (c.method && c.method !== method) return `the method must be ${c.method}, not ${method}`;
  const headers = req.headers ?? {};
  for (const h of c.headers ?? []) {
    const v = headers[h.name];
    if (!valueMatches(h, v)) return v === undefined ? `header ${h.name} is missing` : `header ${h.name} ${JSON.stringify(v)} does not ${h.type === 'Exact' ? `equal ${JSON.stringify(h.value)}` : `match ${h.value}`}`;
  }
  if (c.cookies) {
    for (const k of c.cookies) {
      const v = cookieValue(headers.cookie, k.name);
      if (!valueMatches(k, v)) return v === undefined ? `cookie ${k.name} is missing` : `cookie ${k.name} ${JSON.stringify(v)} does not ${k.type === 'Exact' ? `equal ${JSON.stringify(k.value)}` : `match ${k.value}`}`;
    }
  }
  for (const p of c.query ?? []) {
    const v = queryValue(req.target, p.name);
    if (!valueMatches(p, v)) return v === undefined ? `query parameter ${p.name} is missing` : `query parameter ${p.name} ${JSON.stringify(v)} does not ${p.type === 'Exact' ? `equal ${JSON.stringify(p.value)}` : `match ${p.value}`}`;
  }
  return undefined;
}

/**
 * What a request carried that met a route's conditions, in the words explain gives (the
 * counterpart of conditionMismatch). `names` spells header names as a manifest wrote them
 * (conditions hold them lower-case).
 */
export function conditionsMet(c: RequestConditions, req: Request, names: Readonly<Record<string, string>> = {}): string {
  const headers = req.headers ?? {};
  const met = (kind: string, m: ValueMatch, v: string | undefined) => (m.type === 'Exact' ? `${kind} is ${JSON.stringify(m.value)}` : `${kind} ${JSON.stringify(v ?? '')} matches ${m.value}`);
  return [
    c.method ? `the method is ${c.method}` : '',
    ...(c.headers ?? []).map((h) => met(`header ${names[h.name] ?? h.name}`, h, headers[h.name])),
    ...(c.cookies ?? []).map((k) => met(`cookie ${k.name}`, k, cookieValue(headers.cookie, k.name))),
    ...(c.query ?? []).map((p) => met(`query parameter ${p.name}`, p, queryValue(req.target, p.name))),
  ]
    .filter(Boolean)
    .join(', ');
}

/** A weighted choice: `chosen` undefined when it is left to chance and there is no `random` (a split). */
export interface WeightedPick<T> {
  chosen?: T;
  /** chosen by a draw (else it is the only one with a positive weight) */
  drawn: boolean;
  total: number;
  positive: T[];
}

/**
 * One of `backends` by weight, as a Gateway API route's backendRefs (and a canary's weight)
 * are chosen: the only one with a positive weight, else `random() * total` walks the list in
 * order, so the first backend takes the draws below its weight.
 */
export function pickWeighted<T extends { weight: number }>(backends: readonly T[], random?: () => number): WeightedPick<T> {
  const total = backends.reduce((n, b) => n + b.weight, 0);
  const positive = backends.filter((b) => b.weight > 0);
  if (positive.length === 1) return { chosen: positive[0], drawn: false, total, positive };
  if (!random || !positive.length) return { drawn: false, total, positive };
  let draw = random() * total;
  const chosen = positive.find((b) => (draw -= b.weight) < 0) ?? positive[positive.length - 1];
  return { chosen, drawn: true, total, positive };
}

/** explain's words for a draw, the same for backendRefs and a canary's weight. */
export const drawnWords = (weight: number, total: number) => `drawn by weight (${weight} of ${total})`;

type Ok = Extract<Decision, { status: 200 }>;

/** The decision for a Gateway API route without a redirect, `why` being how host and path led to it. */
export function gatewayDecision(req: Request, at: Target & { route: Route }, why: string, random?: () => number, cors?: Record<string, string>): Decision {
  const { route, vhost, path, candidates, policy } = at;
  const base = { path, candidates, policy, route, ...(vhost ? { vhost } : {}), ...(cors ? { headers: cors } : {}) };
  const q = req.target.indexOf('?');
  const query = q === -1 ? '' : req.target.slice(q).replace(/#.*$/, '');
  // a RequestRedirect answered before this (the Matcher's redirectDecision)
  const f = route.filters ?? {};
  const backends = route.backends ?? [];
  if (!backends.length) return { status: 500, reason: `${why}; but the rule has no backendRefs and no RequestRedirect: 500`, ...base };
  const { chosen, drawn, total, positive } = pickWeighted(backends, random);
  if (total === 0) return { status: 500, reason: `${why}; but every backendRef has weight 0: 500`, ...base };
  let reason = why;
  if (chosen && drawn) reason += `; backendRef ${drawnWords(chosen.weight, total)}`;
  const shown = chosen ?? positive.find((b) => b.backend) ?? positive[0];
  if (chosen?.invalid || (!chosen && !shown.backend)) return { status: 500, reason: `${reason}; but its backendRef cannot be used: ${(chosen ?? shown).invalid}: 500 for its share of the traffic`, ...base };
  // request as the upstream receives it: rule filters, then the backendRef's own
  const rw = f.rewrite;
  // a copy: the request's own headers stay as sent
  let headers = modifyHeaders({ ...req.headers }, f.requestHeaders);
  headers = modifyHeaders(headers, shown.filters?.requestHeaders);
  const upstreamHost = rw?.hostname ?? req.host.trim();
  if (rw?.hostname) headers.host = rw.hostname;
  const upstream: UpstreamRequest = { path: upstreamPath(route, path, path) + query, host: upstreamHost, headers };
  // the rule's modifier, then the backendRef's, both after the CORS headers (answerHeaders, filters-apply.ts)
  const response = [f.responseHeaders, shown.filters?.responseHeaders].filter((m) => m !== undefined);
  const ok: Ok = { status: 200, backend: shown.backend as Backend, via: 'route', upstream, ...base, reason: `${reason}${rw ? '; URLRewrite changes the upstream request' : ''}` };
  if (response.length) ok.responseHeaders = response;
  if (!chosen) {
    ok.weights = backends.map((b) => ({ ...(b.backend ? { backend: b.backend } : {}), ...(b.invalid ? { invalid: b.invalid } : {}), weight: b.weight }));
    ok.reason += `; split by weight over ${backends.length} backendRefs`;
  }
  return ok;
}

