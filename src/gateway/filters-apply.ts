// Applying a Gateway API rule's filters to one request: the redirect Location, the
// upstream path and Host after URLRewrite, the upstream headers after
// RequestHeaderModifier, the answer's headers after CORS and ResponseHeaderModifier. Pure
// functions the Matcher (and so explain, test and serve) and the targets share.
import { trimTrailingSlash } from '../model/path.js';
import type { HeaderModifier, PathModifier, RedirectFilter, RewriteFilter, Route } from '../model/types.js';
import { corsHeaderPlan } from '../model/cors.js';

/**
 * ReplacePrefixMatch: the part of `path` the route's PathPrefix matched (element-wise) is
 * replaced; the rest follows with exactly one "/" between ("/" + "/three" → "/three").
 */
export function replacePrefix(prefix: string, replacement: string, path: string): string {
  const p = trimTrailingSlash(prefix);
  const rest = path.slice(p.length);
  let out: string;
  if (rest === '') out = replacement;
  else if (replacement.endsWith('/')) out = replacement + rest.replace(/^\//, '');
  else out = replacement + rest;
  return out === '' ? '/' : out;
}

/** The path after a path modifier (ReplacePrefixMatch only on a PathPrefix route; resolve refuses it elsewhere). */
export function modifyPath(m: PathModifier | undefined, route: Route, path: string): string {
  if (!m) return path;
  if (m.type === 'ReplaceFullPath') return m.value;
  return route.match.kind === 'Prefix' ? replacePrefix(route.match.value, m.value, path) : m.value;
}

/** A Gateway API route's URLRewrite path (the model's RegexRewrite comes from rewrite-target only, never from an HTTPRoute). */
export function urlRewritePath(f: RewriteFilter | undefined): PathModifier | undefined {
  const p = f?.path;
  if (p?.type === 'RegexRewrite') throw new Error(`rewrite-target's RegexRewrite on a Gateway API route (${p.value})`);
  return p;
}

const WELL_KNOWN: Record<string, number> = { http: 80, https: 443 };

/**
 * The scheme and port of a RequestRedirect's Location, decided once for the model, serve and
 * every emitter (src/emit/plan.ts): the scheme, when unset, is the request's (the listener's);
 * the port, when unset, is the redirect scheme's well-known port if the filter names a
 * scheme, else the listener's; it is left out (undefined) when it is the scheme's well-known port.
 */
export function redirectSchemePort(f: Pick<RedirectFilter, 'scheme' | 'port'>, scheme: 'http' | 'https', listenerPort: number): { scheme: 'http' | 'https'; port?: number } {
  const s = f.scheme ?? scheme;
  const port = f.port ?? (f.scheme ? WELL_KNOWN[f.scheme] : listenerPort);
  return port === WELL_KNOWN[s] ? { scheme: s } : { scheme: s, port };
}

/** The Location of a RequestRedirect. Unset parts keep the request's (redirectSchemePort for scheme and port). */
export function redirectLocation(f: RedirectFilter, route: Route, req: { scheme: 'http' | 'https'; host: string; path: string; query: string }, listenerPort: number): string {
  const { scheme, port } = redirectSchemePort(f, req.scheme, listenerPort);
  const host = f.hostname ?? req.host;
  return `${scheme}://${port === undefined ? host : `${host}:${port}`}${modifyPath(f.path, route, req.path)}${req.query}`;
}

/** Headers (lower-case names) after a modifier: set replaces, add appends with ",", remove drops. */
export function modifyHeaders(headers: Record<string, string>, m: HeaderModifier | undefined): Record<string, string> {
  if (!m) return headers;
  const out = { ...headers };
  for (const { name, value } of m.set) out[name.toLowerCase()] = value;
  for (const { name, value } of m.add) {
    const k = name.toLowerCase();
    out[k] = out[k] === undefined ? value : `${out[k]},${value}`;
  }
  for (const name of m.remove) delete out[name.toLowerCase()];
  return out;
}

/**
 * The one order of a Gateway route's answer headers, which the model, serve and every target
 * follow: the CORS filter's headers first (they replace the upstream's), then the
 * ResponseHeaderModifiers (the rule's, then its backendRef's), whose set, add and remove act
 * on the CORS headers as on any other. The spec's reasons: HTTPRouteRule.filters says
 * filters SHOULD run in the order they are written, and CORS comes before a
 * ResponseHeaderModifier in the usual listing; GEP-1767 has the CORS filter send its preflight
 * answer "back to the client directly", so a preflight answer (like a redirect) carries the
 * CORS headers only. A rule that lists the modifier first gets this order too, and the
 * gateway-cors-header-modifier warning. `cors`: the CORS headers of the answer, if any.
 */
export function answerHeaders(cors: Readonly<Record<string, string>> | undefined, modifiers: readonly HeaderModifier[] = []): Record<string, string> {
  let out = { ...cors };
  for (const m of modifiers) out = modifyHeaders(out, m);
  return out;
}

/** The names (lower case) of the headers a response modifier changes: set, add and remove. */
export function modifiedNames(m: HeaderModifier | undefined): string[] {
  return m ? [...m.set.map((h) => h.name), ...m.add.map((h) => h.name), ...m.remove].map((n) => n.toLowerCase()) : [];
}

/**
 * The headers (lower case) a route's CORS filter writes that one of its ResponseHeaderModifiers
 * (the rule's or a backendRef's) also changes: where a target must keep answerHeaders' order.
 */
export function corsModifiedHeaders(route: Route): string[] {
  const cors = route.policy.cors;
  if (!cors) return [];
  const written = new Set(corsHeaderPlan(cors).map(([name]) => name));
  const touched = new Set([route.filters?.responseHeaders, ...(route.backends ?? []).map((b) => b.filters?.responseHeaders)].flatMap(modifiedNames));
  return [...written].filter((n) => touched.has(n));
}
