// Request paths (docs/routing.md "The request path") and the three ways a rule path matches.
import type { MatchKind } from './types.js';

export type CanonicalPath = { ok: true; path: string } | { ok: false; reason: string };

const UNRESERVED = /[A-Za-z0-9\-._~]/;
// made once: a regular expression literal in a function is a new object at every call
const QUERY_START = /[?#]/;
const TWO_HEX = /^[0-9A-Fa-f]{2}$/;

/**
 * A path the rules below leave as it is: segments without "%", "\\" or control characters,
 * none empty (but a trailing slash), "." or "..". Most requests are such paths; they skip
 * the character-by-character pass.
 */
const ALREADY_CANONICAL = /^(?:\/(?!\.\.?(?:\/|$))[^/%\\\x00-\x1f\x7f]+)*\/?$/;

/**
 * The one path every target routes on: query left out, percent-encoded unreserved
 * characters decoded (other escapes upper-cased), repeated slashes merged, dot
 * segments resolved. Paths that engines read differently are refused.
 */
export function canonicalizePath(requestTarget: string): CanonicalPath {
  let raw = requestTarget;
  const q = raw.search(QUERY_START);
  if (q !== -1) raw = raw.slice(0, q);
  if (!raw.startsWith('/')) return { ok: false, reason: 'the path must start with "/"' };
  if (ALREADY_CANONICAL.test(raw)) return { ok: true, path: raw };
  if (raw.includes('\\')) return { ok: false, reason: 'a backslash in the path is read differently by each proxy' };
  let decoded = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '%') {
      const hex = raw.slice(i + 1, i + 3);
      if (!TWO_HEX.test(hex)) return { ok: false, reason: `invalid percent-encoding "${raw.slice(i, i + 3)}"` };
      const code = parseInt(hex, 16);
      if (code === 0x2f || code === 0x5c) return { ok: false, reason: `an encoded ${code === 0x2f ? 'slash (%2F)' : 'backslash (%5C)'} is read differently by each proxy` };
      if (code === 0) return { ok: false, reason: 'an encoded NUL (%00) is not allowed' };
      const ch = String.fromCharCode(code);
      decoded += UNRESERVED.test(ch) ? ch : `%${hex.toUpperCase()}`;
      i += 2;
    } else if (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f) {
      return { ok: false, reason: 'control characters are not allowed in the path' };
    } else decoded += c;
  }
  const out: string[] = [];
  const segments = decoded.split('/');
  for (let i = 1; i < segments.length; i++) {
    const seg = segments[i];
    const last = i === segments.length - 1;
    if (seg === '' && !last) continue; // merge repeated slashes
    if (seg === '.') {
      if (last) out.push('');
      continue;
    }
    if (seg === '..') {
      if (out.length === 0) return { ok: false, reason: 'the path climbs above the root with ".."' };
      out.pop();
      if (last) out.push('');
      continue;
    }
    out.push(seg);
  }
  return { ok: true, path: '/' + out.join('/') };
}

/** Exact: case-sensitive equality. */
export function matchExact(rule: string, path: string): boolean {
  return rule === path;
}

/** Prefix: element-wise on "/"-separated segments; the rule's trailing slash is ignored. */
export function matchPrefix(rule: string, path: string): boolean {
  const r = trimTrailingSlash(rule);
  if (r === '') return true;
  return path === r || path.startsWith(r + '/');
}

export function trimTrailingSlash(rule: string): string {
  let end = rule.length;
  while (end > 0 && rule.charCodeAt(end - 1) === 47 /* / */) end--;
  return end === rule.length ? rule : rule.slice(0, end);
}

/** The length precedence compares: Prefix paths without their ignored trailing slash. */
export function precedenceLength(kind: MatchKind, value: string): number {
  return kind === 'Prefix' ? Math.max(trimTrailingSlash(value).length, 1) : value.length;
}

/** StringPrefix (--compat ingress-nginx ImplementationSpecific): a plain, case-sensitive string prefix. */
export function matchStringPrefix(rule: string, path: string): boolean {
  return path.startsWith(rule);
}
