// Rule paths → nginx location arguments. nginx matches locations against the decoded,
// normalised URI ($uri), the model against its canonical path (docs/routing.md), so a rule
// is compared in decoded form: bytes, one char per byte (0–255).
import { canonicalizePath, trimTrailingSlash } from '../../model/path.js';
import type { Route } from '../../model/types.js';
import { unquotable } from './quote.js';

/**
 * The decoded bytes a route's path must equal (Exact) or start as (Prefix, without the
 * ignored trailing slash; '' for "/"), or undefined when no canonical request path can
 * ever match it (say `/a//b` or `/%66oo`): such a route never routes, in the model or here.
 */
export function ruleBytes(route: Route): string | undefined {
  const value = route.match.kind === 'Prefix' ? trimTrailingSlash(route.match.value) : route.match.value;
  if (value === '') return '';
  const canon = canonicalizePath(value);
  if (!canon.ok || canon.path !== value) return undefined;
  return decode(value);
}

// regular expressions made once (a literal in a function is a new object at every call)
const PERCENT_HEX = /%([0-9A-Fa-f]{2})/g;
const PRINTABLE = /^[\x20-\x7e]*$/;
const NOT_LITERAL = /[^A-Za-z0-9/_\-~%&=:,;@!']/gu;
const HAS_NOT_LITERAL = /[^A-Za-z0-9/_\-~%&=:,;@!']/;

/** %XX → the byte, as nginx decodes $uri. */
export function decode(value: string): string {
  if (!value.includes('%')) return value;
  return value.replace(PERCENT_HEX, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Bytes a quoted location literal can hold: printable ASCII. Anything else needs a regex with \xHH. */
export function isPlainText(bytes: string): boolean {
  return PRINTABLE.test(bytes);
}

/** A PCRE pattern matching exactly these bytes: characters PCRE gives no meaning as they are, every other byte as \xHH. */
export function regexLiteral(bytes: string): string {
  // most paths are letters, digits and "/" only: one test, no replace
  if (!HAS_NOT_LITERAL.test(bytes)) return bytes;
  // per code point ("u"), as a for…of loop over the string would go
  return bytes.replace(NOT_LITERAL, (ch) => '\\x' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/** How nginx selects one route: a location modifier and its argument. */
export interface LocationMatch {
  modifier: '=' | '^~' | '~' | '~*' | '';
  /** the argument: a literal path for "=", "^~" and "", a PCRE pattern for "~" and "~*" */
  value: string;
}

/** Literal scheme: Exact → "= /a"; Prefix /a → "= /a" and "^~ /a/" (element-wise); Prefix / → "/"; StringPrefix /a → "^~ /a". */
export function literalLocations(route: Route, bytes: string): LocationMatch[] {
  if (route.match.kind === 'Exact') return [{ modifier: '=', value: bytes }];
  if (route.match.kind === 'StringPrefix') return [bytes === '/' ? { modifier: '', value: '/' } : { modifier: '^~', value: bytes }];
  if (bytes === '') return [{ modifier: '', value: '/' }];
  return [
    { modifier: '=', value: bytes },
    { modifier: '^~', value: bytes + '/' },
  ];
}

/** Ordered-regex scheme: nginx tries regex locations in file order, as the model tries routes. */
export function regexLocation(route: Route, bytes: string | undefined): LocationMatch {
  if (route.match.kind === 'Regex') return { modifier: '~*', value: '^' + route.match.value };
  // \z, not $: PCRE's $ also matches before a final newline, and $uri may end in a decoded %0A
  if (route.match.kind === 'Exact') return { modifier: '~', value: `^${regexLiteral(bytes!)}\\z` };
  if (route.match.kind === 'StringPrefix') return { modifier: '~', value: `^${regexLiteral(bytes!)}` };
  return { modifier: '~', value: bytes === '' ? '^/' : `^${regexLiteral(bytes!)}(?:/|\\z)` };
}

/** Longest pattern written as one location: PCRE limits a compiled pattern's size, nginx a token's (quoted). */
const UNION_LIMIT = 4000;

/**
 * One pattern matching exactly the paths any of `routes` matches (each alternative anchored
 * on its own, a regex route case-insensitive as in the model), or undefined when too long.
 * For a server whose routes all do the same thing, such as the plain-HTTP side of a TLS host.
 */
export function unionPattern(routes: readonly Route[], bytesOf: (r: Route, i: number) => string | undefined = ruleBytes): string | undefined {
  const alternatives = routes.map((r, i) => {
    if (r.match.kind === 'Regex') return `(?i:^${r.match.value})`;
    const m = regexLocation(r, bytesOf(r, i));
    return m.value;
  });
  const pattern = `(?:${alternatives.join('|')})`;
  return pattern.length <= UNION_LIMIT && !unquotable(pattern, 'regex') ? pattern : undefined;
}
