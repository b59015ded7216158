// The order in which the routes of one hostname are tried: the Gateway API's
// (apis/v1/httproute_types.go, HTTPRouteRule), continuing on ties:
//   1. an Exact path; 2. a PathPrefix, the longest first (element-wise, the trailing "/"
//   ignored); 3. RegularExpression paths — implementation-specific in the spec; here after
//   every Exact and PathPrefix match; 4. a method match; 5. the most header matches;
//   6. the most query-parameter matches; 7. the oldest route (creationTimestamp; routes
//   without one count as newest); 8. namespace/name alphabetically; 9. rule order, then
//   match order in the rule. So RegularExpression routes follow each other in route order.
import { precedenceLength } from '../model/path.js';
import type { Route } from '../model/types.js';

/**
 * String.prototype.localeCompare with no locale, through one collator (a call each
 * comparison costs more); made at the first comparison that needs it, as loading ICU's
 * collation data takes ~14 ms. Names and hostnames of lowercase letters, digits, "-", "."
 * and "/" need none where the default locale is English: the root collation (English has
 * no tailoring) orders those characters as their code units do ("-" < "." < "/" < digits <
 * letters, a prefix first), so comparing code units gives the collator's answer
 * (test/gateway/collate.test.ts checks this against Intl.Collator).
 */
let collator: ((a: string, b: string) => number) | undefined;
let rootOrder: boolean | undefined;
const SIMPLE = /^[-./0-9a-z]*$/;
export function collate(a: string, b: string): number {
  if (a === b) return 0;
  // the default locale, read through PluralRules (its data loads in well under a millisecond)
  rootOrder ??= /^en(?:-[A-Z]{2})?$/.test(new Intl.PluralRules().resolvedOptions().locale);
  if (rootOrder && SIMPLE.test(a) && SIMPLE.test(b)) return a < b ? -1 : 1;
  return (collator ??= new Intl.Collator().compare)(a, b);
}

/** The rule and match a route came from, read from its origin (spec.rules[R].matches[M]). */
const places = new WeakMap<Route, { rule: number; match: number }>();

export function placeOf(r: Route): { rule: number; match: number } {
  const known = places.get(r);
  if (known) return known;
  const place = readPlace(r);
  places.set(r, place);
  return place;
}

function readPlace(r: Route): { rule: number; match: number } {
  const f = r.origin.field;
  // the usual field, "spec.rules[R]" or "spec.rules[R].matches[M]", read without a regex
  if (f.startsWith('spec.rules[')) {
    let i = 11;
    let rule = 0;
    const from = i;
    for (let c = f.charCodeAt(i); c >= 48 && c <= 57; c = f.charCodeAt(++i)) rule = rule * 10 + (c - 48);
    if (i > from && f.charCodeAt(i) === 93) {
      if (i + 1 === f.length) return { rule, match: 0 };
      if (f.startsWith('.matches[', i + 1)) {
        let j = i + 10;
        let match = 0;
        const at = j;
        for (let c = f.charCodeAt(j); c >= 48 && c <= 57; c = f.charCodeAt(++j)) match = match * 10 + (c - 48);
        if (j > at && f.charCodeAt(j) === 93 && j + 1 === f.length) return { rule, match };
      }
    }
  }
  const m = /rules\[(\d+)\](?:\.matches\[(\d+)\])?/.exec(r.origin.field);
  return { rule: m ? Number(m[1]) : 0, match: m?.[2] ? Number(m[2]) : 0 };
}

const KIND: Record<string, number> = { Exact: 0, Prefix: 1, RegularExpression: 2 };

export function compareGatewayRoutes(a: Route, b: Route): number {
  if (a.grpc || b.grpc) return compareGrpc(a, b);
  {
    const ka = KIND[a.match.kind] ?? 3;
    const kb = KIND[b.match.kind] ?? 3;
    if (ka !== kb) return ka - kb;
    if (a.match.kind === 'Prefix') {
      const d = precedenceLength('Prefix', b.match.value) - precedenceLength('Prefix', a.match.value);
      if (d) return d;
    }
    const ca = a.conditions ?? {};
    const cb = b.conditions ?? {};
    return (
      Number(!!cb.method) - Number(!!ca.method) ||
      (cb.headers?.length ?? 0) - (ca.headers?.length ?? 0) ||
      (cb.query?.length ?? 0) - (ca.query?.length ?? 0) ||
      byAge(a.origin.creationTimestamp, b.origin.creationTimestamp) ||
      `${a.origin.namespace}/${a.origin.name}`.localeCompare(`${b.origin.namespace}/${b.origin.name}`) ||
      placeOf(a).rule - placeOf(b).rule ||
      placeOf(a).match - placeOf(b).match
    );
  }
}

/**
 * GRPCRoute (grpcroute_types.go): the most characters in a matching service, then in a
 * matching method, then the most header matches; then oldest route, namespace/name, rule
 * order. A match without a method match (every call) comes last.
 */
function compareGrpc(a: Route, b: Route): number {
  const len = (r: Route, k: 'service' | 'method') => r.grpc?.[k]?.length ?? 0;
  return (
    len(b, 'service') - len(a, 'service') ||
    len(b, 'method') - len(a, 'method') ||
    (b.conditions?.headers?.length ?? 0) - (a.conditions?.headers?.length ?? 0) ||
    byAge(a.origin.creationTimestamp, b.origin.creationTimestamp) ||
    `${a.origin.namespace}/${a.origin.name}`.localeCompare(`${b.origin.namespace}/${b.origin.name}`) ||
    placeOf(a).rule - placeOf(b).rule ||
    placeOf(a).match - placeOf(b).match
  );
}

/** What compareGatewayRoutes reads of a match: the same for every route made from it (one per hostname and listener). */
export interface MatchKey {
  kind: number;
  prefixLength: number;
  method: number;
  headers: number;
  query: number;
  rule: number;
  match: number;
}

/** What compareGatewayRoutes reads of a route, read once (a sort compares each route many times). */
export interface SortKey {
  route: Route;
  m: MatchKey;
  age: string | undefined;
  /** namespace/name of the route's object: one string per object, so routes of one object compare equal by identity */
  object: string;
}

/** The match's part of a route's sort key; `place` is its rule and match index (read from the origin's field when not given). */
export function matchKey(r: Route, place: { rule: number; match: number } = readPlace(r)): MatchKey {
  const c = r.conditions;
  return {
    kind: KIND[r.match.kind] ?? 3,
    prefixLength: r.match.kind === 'Prefix' ? precedenceLength('Prefix', r.match.value) : 0,
    method: c?.method ? 1 : 0,
    headers: c?.headers?.length ?? 0,
    query: c?.query?.length ?? 0,
    rule: place.rule,
    match: place.match,
  };
}

/** A route's sort key; `m` and `object` may be made once for many routes (their match, their object). */
export function sortKey(r: Route, m: MatchKey = matchKey(r), object = `${r.origin.namespace}/${r.origin.name}`): SortKey {
  return { route: r, m, age: r.origin.creationTimestamp, object };
}

/** compareGatewayRoutes on keys made once (routes of one object compare equal by name without a collation). */
function compareKeys(a: SortKey, b: SortKey): number {
  const x = a.m;
  const y = b.m;
  return (
    x.kind - y.kind ||
    y.prefixLength - x.prefixLength ||
    y.method - x.method ||
    y.headers - x.headers ||
    y.query - x.query ||
    byAge(a.age, b.age) ||
    (a.object === b.object ? 0 : collate(a.object, b.object)) ||
    x.rule - y.rule ||
    x.match - y.match
  );
}

/**
 * The routes of one hostname in the order compareGatewayRoutes gives, sorted in place;
 * `keys` (one per route, in the same order) when the caller made them as it made the routes.
 */
export function sortGatewayRoutes(routes: Route[], keys?: SortKey[]): void {
  if (routes.length < 2) return;
  if (routes.some((r) => r.grpc)) {
    routes.sort(compareGatewayRoutes);
    return;
  }
  const sorted = (keys ?? routes.map((r) => sortKey(r))).sort(compareKeys);
  for (let i = 0; i < sorted.length; i++) routes[i] = sorted[i].route;
}

/** Older first; a route without a timestamp counts as the newest. */
export function byAge(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  return Date.parse(a) - Date.parse(b) || collate(a, b);
}

/** Why `winner` comes before `loser` (for explain). */
export function whyFirst(winner: Route, loser: Route): string {
  if (winner.grpc || loser.grpc) {
    const len = (r: Route, k: 'service' | 'method') => r.grpc?.[k]?.length ?? 0;
    if (len(winner, 'service') !== len(loser, 'service')) return 'the longer gRPC service match comes first';
    if (len(winner, 'method') !== len(loser, 'method')) return 'the longer gRPC method match comes first';
  }
  const ka = KIND[winner.match.kind] ?? 3;
  const kb = KIND[loser.match.kind] ?? 3;
  if (ka !== kb) return ka === 0 ? 'an Exact path comes first' : 'PathPrefix paths come before RegularExpression paths';
  if (winner.match.kind === 'Prefix' && precedenceLength('Prefix', winner.match.value) !== precedenceLength('Prefix', loser.match.value)) return 'the longer PathPrefix comes first';
  const cw = winner.conditions ?? {};
  const cl = loser.conditions ?? {};
  if (!!cw.method !== !!cl.method) return 'a method match comes first';
  if ((cw.headers?.length ?? 0) !== (cl.headers?.length ?? 0)) return 'more header matches come first';
  if ((cw.query?.length ?? 0) !== (cl.query?.length ?? 0)) return 'more query matches come first';
  if (byAge(winner.origin.creationTimestamp, loser.origin.creationTimestamp)) return `the older route comes first (${winner.origin.creationTimestamp ?? '?'})`;
  if (winner.origin.namespace !== loser.origin.namespace || winner.origin.name !== loser.origin.name) return 'namespace/name order';
  return placeOf(winner).rule !== placeOf(loser).rule ? 'the earlier rule of the route comes first' : 'the earlier match of the rule comes first';
}
