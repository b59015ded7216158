// Model path matches → Envoy route matches, and rewrite-target → regex_rewrite.
import { trimTrailingSlash } from '../../model/path.js';
import { captureGroupCount, wholePathRegex } from '../../model/regex.js';
import type { PathMatch } from '../../model/types.js';
import { re2Problem } from './re2.js';
import type { RouteAction, RouteMatch } from './types.js';
import { isUrlPath } from '../../model/validate-values.js';


/** A regex path as Envoy's safe_regex, which must match the whole path (see wholePathRegex). */
export function fullMatchRegex(pattern: string): string {
  return wholePathRegex(pattern);
}

export function routeMatch(m: PathMatch): { match: RouteMatch } | { problem: string } {
  switch (m.kind) {
    case 'Exact':
      if (!isUrlPath(m.value)) return { problem: `path ${JSON.stringify(m.value)} holds characters that are not allowed in a URL path` };
      return { match: { path: m.value } };
    case 'Prefix': {
      if (!isUrlPath(m.value)) return { problem: `path ${JSON.stringify(m.value)} holds characters that are not allowed in a URL path` };
      // Envoy's path_separated_prefix is the Ingress's element-wise prefix: "/foo" matches
      // "/foo" and "/foo/…", never "/foobar"; it takes no trailing slash, which Prefix ignores anyway.
      const p = trimTrailingSlash(m.value);
      return { match: p === '' ? { prefix: '/' } : { path_separated_prefix: p } };
    }
    case 'StringPrefix':
      // --compat ingress-nginx's ImplementationSpecific: Envoy's own prefix is the same plain string prefix
      if (!isUrlPath(m.value)) return { problem: `path ${JSON.stringify(m.value)} holds characters that are not allowed in a URL path` };
      return { match: { prefix: m.value } };
    case 'Regex': {
      const problem = re2Problem(m.value);
      if (problem) return { problem: `regex path ${JSON.stringify(m.value)} cannot be given to Envoy's RE2 unchanged: ${problem}` };
      return { match: { safe_regex: { regex: fullMatchRegex(m.value) } } };
    }
    case 'RegularExpression': {
      // Gateway API: the whole path, case-sensitively: RE2's own full match
      const problem = re2Problem(m.value);
      if (problem) return { problem: `regex path ${JSON.stringify(m.value)} cannot be given to Envoy's RE2 unchanged: ${problem}` };
      return { match: { safe_regex: { regex: m.value } } };
    }
  }
}

/**
 * nginx's `rewrite ^PATTERN TARGET` replaces the whole path with TARGET, $n taken from
 * the match; Envoy's regex_rewrite with a pattern that spans the whole path does the
 * same. A reference to a group the pattern lacks is empty in nginx, so it is dropped.
 * Exact and Prefix routes of a rewriting Ingress rewrite the path they matched whole.
 */
export function regexRewrite(m: PathMatch, target: string): NonNullable<RouteAction['regex_rewrite']> {
  const groups = m.kind === 'Regex' ? captureGroupCount(m.value) : 0;
  const substitution = target.replace(/\$([1-9])/g, (_, d: string) => (Number(d) <= groups ? `\\${d}` : ''));
  return { pattern: { regex: m.kind === 'Regex' ? fullMatchRegex(m.value) : '.*' }, substitution };
}
