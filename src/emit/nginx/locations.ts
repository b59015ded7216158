// A virtual host's routes → nginx locations that pick, for every request path, the route
// the model picks (docs/routing.md). Two schemes, chosen per host:
//  - literal, when every route is Exact or Prefix with a plain-ASCII path: Exact /a is
//    "= /a"; Prefix /a is "= /a" plus "^~ /a/" (element-wise: never /ab); nginx takes an
//    exact location first, else the longest prefix, which is the model's precedence.
//  - ordered regex, otherwise: every route becomes a regex location in the model's own
//    precedence order, and nginx takes the first regex that matches, as the model does.
// Either way a location named "/x/" makes nginx answer "/x" with a 301 to "/x/" unless
// "= /x" exists, so one is added with the model's own decision for "/x".
import type { Finding } from '../../findings/finding.js';
import { matchExact, matchPrefix, matchStringPrefix } from '../../model/path.js';
import type { Route, VirtualHost } from '../../model/types.js';
import { findingFor } from './findings.js';
import { decode, isPlainText, literalLocations, regexLocation, ruleBytes, type LocationMatch } from './paths.js';
import { MAX_TOKEN, unquotable } from './quote.js';
import { nonPlainCharacters } from '../../model/validate-values.js';

export interface Place {
  match: LocationMatch;
  /** the route it serves; none = no route matches (the default backend's place) */
  route?: Route;
  /** why the location exists, when it is not a route's own */
  note?: string;
  /** on a route's own place: its rule's decoded bytes (ruleBytes), known here already */
  bytes?: string;
  /** with `route`: its position in the host's routes, where the host's decisions are found (host-decisions.ts) */
  index?: number;
}

interface Placed {
  route: Route;
  index: number;
  bytes?: string;
}

export function vhostLocations(v: VirtualHost, findings: Finding[]): Place[] {
  const routes: Placed[] = [];
  for (let index = 0; index < v.routes.length; index++) {
    const route = v.routes[index];
    if (route.match.kind === 'Regex') {
      const problem = unquotable('^' + route.match.value, 'regex');
      if (problem) {
        findings.push(findingFor(route.origin, 'target-unsafe-value', 'error', `regex path ${JSON.stringify(route.match.value)} cannot be written to nginx.conf safely (${problem}); its route is left out`, 'Write the regex in ASCII, with escapes, and shorter.', `${route.origin.field}.path`));
        continue;
      }
      findings.push(findingFor(route.origin, 'target-approximate', 'info', `nginx matches regex path ${JSON.stringify(route.match.value)} against the percent-decoded path: a request that percent-encodes a character other than an unreserved one may match differently than \`explain\` says`, undefined, `${route.origin.field}.path`));
      routes.push({ route, index });
      continue;
    }
    const bytes = ruleBytes(route);
    if (bytes === undefined) continue; // no canonical path matches it, here as in the model
    // the regex form is the longest a path takes (bytes as \xHH): it must fit in one nginx token;
    // at most 6 characters a byte and 9 around them, so a short path needs no look
    const tooLong = (bytes.length * 6 + 9) * 2 + 2 <= MAX_TOKEN ? undefined : unquotable(regexLocation(route, bytes).value, 'regex');
    if (tooLong) {
      findings.push(findingFor(route.origin, 'target-unsafe-value', 'error', `path ${JSON.stringify(route.match.value)} cannot be written to nginx.conf (${tooLong}); its route is left out`, 'Use a shorter path.', `${route.origin.field}.path`));
      continue;
    }
    if (nonPlainCharacters(route.match.value).length) {
      findings.push(findingFor(route.origin, 'target-approximate', 'info', `nginx decodes every %XX before matching, so path ${JSON.stringify(route.match.value)} also matches requests that percent-encode its reserved characters (or send raw what it encodes), which \`explain\` treats as different paths`, undefined, `${route.origin.field}.path`));
    }
    routes.push({ route, index, bytes });
  }
  const literal = routes.every((r) => r.bytes !== undefined && isPlainText(r.bytes));
  return literal ? literalPlaces(v, routes as Required<Placed>[]) : routes.map((r) => (r.bytes === undefined ? { match: regexLocation(r.route, r.bytes), route: r.route, index: r.index } : { match: regexLocation(r.route, r.bytes), route: r.route, bytes: r.bytes, index: r.index }));
}

/** Routes of a host up to which literalPlaces looks for a location taken twice by comparing (2 or 3 places a route). */
const SMALL_HOST = 16;

function literalPlaces(v: VirtualHost, routes: Required<Placed>[]): Place[] {
  const places: Place[] = [];
  // the locations taken, by modifier (no key string made per location); a host of a few
  // routes compares with the places it has, which costs less than filling sets
  const seen = routes.length > SMALL_HOST ? new Map<string, Set<string>>() : undefined;
  const add = (p: Place) => {
    // routes are in precedence order, so the first route to claim a location is the one the model picks there
    const { modifier, value } = p.match;
    if (seen) {
      let values = seen.get(modifier);
      if (!values) seen.set(modifier, (values = new Set()));
      if (values.has(value)) return;
      values.add(value);
    } else {
      for (let i = 0; i < places.length; i++) if (places[i].match.modifier === modifier && places[i].match.value === value) return;
    }
    places.push(p);
  };
  for (const { route, bytes, index } of routes) for (const match of literalLocations(route, bytes)) add({ match, route, bytes, index });
  for (const { route } of routes) {
    const value = route.match.value;
    if ((route.match.kind !== 'Exact' && route.match.kind !== 'StringPrefix') || value.length < 2 || !value.endsWith('/')) continue;
    const path = value.slice(0, -1);
    const at = v.routes.findIndex((r) => (r.match.kind === 'Exact' ? matchExact(r.match.value, path) : r.match.kind === 'Prefix' ? matchPrefix(r.match.value, path) : r.match.kind === 'StringPrefix' && matchStringPrefix(r.match.value, path)));
    const winner = at === -1 ? undefined : v.routes[at];
    add({ match: { modifier: '=', value: decode(path) }, ...(winner ? { route: winner, index: at } : {}), note: `${path}: not redirected to ${value}; ${winner ? winner.id : 'no route'} matches it` });
  }
  return places;
}
