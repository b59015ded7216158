// One HTTPRoute rule → model Routes: one per match (matches are OR'd; the fields of one
// match are AND'd), sharing the rule's filters and weighted backends.
import type { Document } from '../load/document.js';
import { findingAt, type Finding } from '../findings/finding.js';
import { originOf } from '../model/origin.js';
import { defaultPolicy, type RoutePolicy } from '../model/policy.js';
import { regexSyntaxProblem } from '../model/regex.js';
import type { Backend, GrpcMethodMatch, MatchKind, Origin, RequestConditions, Route, RouteFilters, ValueMatch, WeightedBackend } from '../model/types.js';
import type { MatchShape, StringMatchShape } from './read.js';
import { withoutCaseFlag } from './decide.js';
import { isHttpToken } from '../model/validate-values.js';

const NONE: ValueMatch[] = [];
const SAFE_PATH = /^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

/** Gateway API has no automatic HTTPS redirect and no body limit: the Ingress defaults that differ are turned off. */
export function gatewayPolicy(): RoutePolicy {
  return SHARED;
}
// one object for every route without CORS (routes share their Ingress's policy the same way)
const SHARED: RoutePolicy = { ...defaultPolicy(), sslRedirect: false, bodySizeLimit: 0 };

/** What one match asks for, checked; undefined (with a finding) when it cannot be routed on safely. */
export function readMatch(doc: Document, m: MatchShape, findings: Finding[]): { kind: MatchKind; value: string; pathType: 'Exact' | 'PathPrefix' | 'RegularExpression'; conditions?: RequestConditions; grpc?: GrpcMethodMatch } | undefined {
  const bad = (path: (string | number)[], message: string, hint: string) => (findings.push(findingAt(doc, { ruleId: 'gateway-invalid-match', path, message: `${message}; this match is left out`, hint })), undefined);
  let grpc: GrpcMethodMatch | undefined;
  if (m.grpc) {
    const g = grpcPath(m.grpc);
    if ('problem' in g) return bad([...m.path, 'method', g.field], g.problem, 'Use a service such as "pkg.Service" and a method such as "GetThing", or a regular expression with type RegularExpression.');
    m = { ...m, pathType: g.pathType, pathValue: g.value };
    grpc = g.grpc;
  }
  const pathAt = m.path.includes('matches') ? [...m.path, 'path'] : m.path;
  let kind: MatchKind;
  if (m.pathType === 'Exact') kind = 'Exact';
  else if (m.pathType === 'PathPrefix') kind = 'Prefix';
  else if (m.pathType === 'RegularExpression') kind = 'RegularExpression';
  else return bad([...pathAt, 'type'], `path type ${JSON.stringify(m.pathType)} is not Exact, PathPrefix or RegularExpression`, 'Use one of the three.');
  if (kind === 'RegularExpression') {
    const problem = regexSyntaxProblem(withoutCaseFlag(m.pathValue));
    if (problem) return bad([...pathAt, 'value'], `regular expression ${JSON.stringify(m.pathValue)}: ${problem}`, 'Use the syntax common to RE2, PCRE and JavaScript.');
  } else if (!SAFE_PATH.test(m.pathValue)) return bad([...pathAt, 'value'], `path ${JSON.stringify(m.pathValue)} is not an absolute URL path of RFC 3986 characters`, 'Start with "/" and percent-encode other characters.');
  const pathType = m.pathType as 'Exact' | 'PathPrefix' | 'RegularExpression';
  // a path alone (most matches): no conditions to read
  if (!m.method && !m.headers.length && !m.query.length) return grpc ? { kind, value: m.pathValue, pathType, grpc } : { kind, value: m.pathValue, pathType };
  const conditions: RequestConditions = {};
  if (m.method) {
    if (!METHODS.has(m.method)) return bad([...m.path, 'method'], `method ${JSON.stringify(m.method)} is not an HTTP method the spec allows`, 'Use GET, POST, PUT, …');
    conditions.method = m.method;
  }
  const values = (list: readonly StringMatchShape[], header: boolean): ValueMatch[] | undefined => {
    const out: ValueMatch[] = [];
    for (const h of list) {
      const name = header ? h.name.toLowerCase() : h.name;
      if (header && !isHttpToken(h.name)) return bad([...h.path, 'name'], `header name ${JSON.stringify(h.name)} is not an HTTP token`, 'Use letters, digits and "-".');
      if (!header && (!h.name || /[\x00-\x20\x7f]/.test(h.name))) return bad([...h.path, 'name'], `query parameter name ${JSON.stringify(h.name)} is empty or holds spaces or control characters`, 'Use a plain parameter name.');
      if (h.type !== 'Exact' && h.type !== 'RegularExpression') return bad([...h.path, 'type'], `match type ${JSON.stringify(h.type)} is not Exact or RegularExpression`, 'Use Exact or RegularExpression.');
      if (/[\x00-\x08\x0a-\x1f\x7f]/.test(h.value)) return bad([...h.path, 'value'], 'the value holds control characters', 'Use printable text.');
      if (h.type === 'RegularExpression') {
        const problem = regexSyntaxProblem(withoutCaseFlag(h.value));
        if (problem) return bad([...h.path, 'value'], `regular expression ${JSON.stringify(h.value)}: ${problem}`, 'Use the syntax common to RE2, PCRE and JavaScript.');
      }
      // the spec: of several entries with one name, the first counts
      if (!out.some((o) => o.name === name)) out.push({ name, type: h.type, value: h.value });
    }
    return out;
  };
  const headers = m.headers.length ? values(m.headers, true) : NONE;
  const query = m.query.length ? values(m.query, false) : NONE;
  if (!headers || !query) return undefined;
  if (headers.length) conditions.headers = headers;
  if (query.length) conditions.query = query;
  return { kind, value: m.pathValue, pathType, ...(hasKeys(conditions) ? { conditions } : {}), ...(grpc ? { grpc } : {}) };
}

const GRPC_SERVICE = /^\.?[A-Za-z_][A-Za-z_0-9]*(\.[A-Za-z_][A-Za-z_0-9]*)*$/;
const GRPC_METHOD = /^[A-Za-z_][A-Za-z_0-9]*$/;

/**
 * A gRPC method match as the path it stands for (gRPC calls are POST /SERVICE/METHOD):
 * service and method Exact → Exact /S/M; service only → PathPrefix /S; otherwise a
 * RegularExpression with "[^/]+" for an absent part.
 */
export function grpcPath(g: { type: string; service?: string; method?: string }): { pathType: 'Exact' | 'PathPrefix' | 'RegularExpression'; value: string; grpc: GrpcMethodMatch } | { problem: string; field: string } {
  if (g.type !== 'Exact' && g.type !== 'RegularExpression') return { problem: `method match type ${JSON.stringify(g.type)} is not Exact or RegularExpression`, field: 'type' };
  if (!g.service && !g.method) return { problem: 'a method match needs a service or a method', field: 'service' };
  const grpc: GrpcMethodMatch = { type: g.type, ...(g.service ? { service: g.service } : {}), ...(g.method ? { method: g.method } : {}) };
  if (g.type === 'Exact') {
    if (g.service && !GRPC_SERVICE.test(g.service)) return { problem: `service ${JSON.stringify(g.service)} is not a gRPC service name`, field: 'service' };
    if (g.method && !GRPC_METHOD.test(g.method)) return { problem: `method ${JSON.stringify(g.method)} is not a gRPC method name`, field: 'method' };
    if (g.service && g.method) return { pathType: 'Exact', value: `/${g.service}/${g.method}`, grpc };
    if (g.service) return { pathType: 'PathPrefix', value: `/${g.service}`, grpc };
    return { pathType: 'RegularExpression', value: `/[^/]+/${g.method}`, grpc };
  }
  for (const [k, v] of [['service', g.service], ['method', g.method]] as const) {
    const problem = v === undefined ? undefined : v.includes('/') ? 'must not hold "/"' : regexSyntaxProblem(v);
    if (problem) return { problem: `${k} regular expression ${JSON.stringify(v)}: ${problem}`, field: k };
  }
  return { pathType: 'RegularExpression', value: `/(?:${g.service ?? '[^/]+'})/(?:${g.method ?? '[^/]+'})`, grpc };
}

export function grpcText(g: GrpcMethodMatch): string {
  return `grpc ${g.type === 'Exact' ? '' : '~'}${g.service ?? '*'}/${g.method ?? '*'}`;
}

/** A short text of a route's conditions for ids and tables: "GET, header x-v=1, query q~^a". */
export function conditionsText(c: RequestConditions | undefined): string {
  if (!c) return '';
  const v = (kind: string, m: ValueMatch) => `${kind} ${m.name}${m.type === 'Exact' ? '=' : '~'}${m.value}`;
  return [c.method ?? '', ...(c.headers ?? []).map((h) => v('header', h)), ...(c.query ?? []).map((q) => v('query', q)), ...(c.cookies ?? []).map((k) => v('cookie', k))].filter(Boolean).join(', ');
}

export interface RuleParts {
  filters: RouteFilters;
  backends: WeightedBackend[];
  policy: RoutePolicy;
  /** shownBackend of these parts, made by the first route of the rule and shared by the others */
  shown?: Backend;
}

/** The backend a Route shows where one is expected: the first usable weighted one, else a stand-in that says why there is none. */
export function shownBackend(doc: Document, parts: RuleParts): Backend {
  const first = parts.backends.find((b) => b.backend && b.weight > 0) ?? parts.backends.find((b) => b.backend);
  if (first?.backend) return first.backend;
  const reason = parts.filters.redirect ? 'the rule answers with a redirect' : parts.backends.length ? `no usable backendRef: ${parts.backends[0].invalid}` : 'the rule has no backendRefs';
  return { namespace: doc.namespace, service: '', port: null, protocol: 'http', upstream: { kind: 'unresolved', reason } };
}

/** `origin`: the match's (originOf(doc, matchPath)), when made already (one for every host the match is attached to: origins are plain data, never changed). */
export function makeRoute(doc: Document, host: string, match: NonNullable<ReturnType<typeof readMatch>>, matchPath: readonly (string | number)[], parts: RuleParts, origin: Origin = originOf(doc, matchPath)): Route {
  const cond = match.grpc || match.conditions ? [match.grpc ? grpcText(match.grpc) : '', conditionsText(match.conditions)].filter(Boolean).join(', ') : '';
  // the field without its leading "spec." is the same text (rules and matches need no brackets)
  const where = matchPath[0] === 'spec' && origin.field.startsWith('spec.') ? origin.field.slice(5) : formatWhere(matchPath);
  const id = `${host || '*'}${match.value} (${match.pathType}${cond ? `; ${cond}` : ''}) ${doc.namespace}/${doc.name} ${where}`;
  const backend = (parts.shown ??= shownBackend(doc, parts));
  // the usual rule (no conditions, filters or gRPC): one literal, no spreads; the same keys in the same order
  if (!match.conditions && !match.grpc && !hasKeys(parts.filters)) {
    return { id, match: { kind: match.kind, value: match.value, pathType: match.pathType }, backend, policy: parts.policy, origin, backends: parts.backends };
  }
  return {
    id,
    match: { kind: match.kind, value: match.value, pathType: match.pathType },
    backend,
    policy: parts.policy,
    origin,
    ...(match.conditions ? { conditions: match.conditions } : {}),
    ...(hasKeys(parts.filters) ? { filters: parts.filters } : {}),
    backends: parts.backends,
    ...(match.grpc ? { grpc: match.grpc } : {}),
  };
}

/** Object.keys(o).length > 0 without the array (asked for every match and route). */
function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/** "rules[0].matches[1]" from a field path. */
function formatWhere(path: readonly (string | number)[]): string {
  let out = '';
  for (let i = 1; i < path.length; i++) out += typeof path[i] === 'number' ? `[${path[i]}]` : `${out ? '.' : ''}${path[i]}`;
  return out;
}
