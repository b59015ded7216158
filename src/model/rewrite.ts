// rewrite-target in the model: the route's rewrite filter. Without capture references or a
// query, and where ingress-nginx's `rewrite` replaces the path of every request the route
// takes, it is URLRewrite's ReplaceFullPath; otherwise the model's RegexRewrite, ingress-nginx's
// own reading: the whole path is replaced by the target, $1…$9 filled from the route's
// regex matched against the canonical path. The path the upstream receives is decided here
// for Ingress and Gateway API routes alike.
import { modifyPath } from '../gateway/filters-apply.js';
import { compilePathRegex } from './regex.js';
import type { PathMatch, PathModifier, RegexRewrite, Route } from './types.js';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The rewrite filter's path for rewrite-target `target` on a route matching `match`. */
export function rewriteTargetPath(target: string, match: Pick<PathMatch, 'kind' | 'value'>): PathModifier | RegexRewrite {
  return /[$?]/.test(target) || !rewritesEveryMatch(match) ? { type: 'RegexRewrite', value: target } : { type: 'ReplaceFullPath', value: target };
}

/**
 * ingress-nginx's rewrite regex (the route's path, case-insensitive, anchored at the start)
 * matches every path the route matches: a regex route's is its own, an Exact path's and a
 * Prefix path's without a trailing slash start every path they match. A Prefix path with one
 * (`/foo/`) also matches `/foo`, which its regex does not: the path is then passed unchanged.
 */
function rewritesEveryMatch(m: Pick<PathMatch, 'kind' | 'value'>): boolean {
  return m.kind !== 'Prefix' || m.value === '/' || !m.value.endsWith('/');
}

/**
 * The regex of a route that is not a regex route but whose RegexRewrite does not rewrite every
 * path it matches (a Prefix path with a trailing slash): its path, every character literal,
 * for the targets that would otherwise replace the path of every request the route takes.
 */
export function literalRewriteRegex(route: Route): string | undefined {
  const m = route.filters?.rewrite?.path;
  if (m?.type !== 'RegexRewrite' || route.match.kind === 'Regex' || rewritesEveryMatch(route.match)) return undefined;
  return escapeRegex(route.match.value);
}

/** The path the upstream receives: the client's, unless the route's rewrite filter replaces it. */
export function upstreamPath(route: Route | undefined, canonicalPath: string, clientPath: string): string {
  const m = route?.filters?.rewrite?.path;
  if (!route || !m) return clientPath;
  if (m.type !== 'RegexRewrite') return modifyPath(m, route, canonicalPath);
  const re = route.match.kind === 'Regex' ? compilePathRegex(route.match.value) : new RegExp('^' + escapeRegex(route.match.value), 'i');
  const found = re.exec(canonicalPath);
  if (!found) return clientPath;
  return m.value.replace(/\$([1-9])/g, (_, n: string) => found[Number(n)] ?? '');
}
