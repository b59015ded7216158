// Model matches → rule parts. Traefik routes on the path after its own normalisation
// (escapes of unreserved characters decoded, others upper-cased; ".", ".." and repeated
// slashes removed), which is the model's canonical path for every path the model accepts.
import { trimTrailingSlash } from '../../model/path.js';
import { captureGroupCount } from '../../model/regex.js';
import type { PathMatch, VirtualHost } from '../../model/types.js';
import { hasTopLevelAlternation, re2Problem } from '../envoy/re2.js';
import { matcher, or } from './quote.js';

const SAFE_PATH = /^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;
export const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Characters Traefik keeps percent-encoded in the path its matchers see (RFC 3986's reserved ones, and "%"). */
const RESERVED = new Set([':', '/', '?', '#', '[', ']', '@', '!', '$', '&', "'", '(', ')', '*', '+', ',', ';', '=', '%']);
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * A rule path as Traefik's matchers see paths: escapes of reserved characters stay encoded,
 * the others are decoded (a space, "é"). An escape the model's canonical path never holds
 * (lower-case hex, or an unreserved character such as %66) is kept as written: it can never
 * match there, nor in Traefik. Undefined when the decoded bytes are not UTF-8 text a rule can carry.
 */
export function routingForm(path: string): string | undefined {
  let out = '';
  let bytes: number[] = [];
  const flush = () => {
    if (!bytes.length) return true;
    const text = Buffer.from(bytes).toString('utf8');
    bytes = [];
    if (text.includes('\ufffd') || /[\x00-\x1f\x7f]/.test(text)) return false;
    out += text;
    return true;
  };
  for (let i = 0; i < path.length; i++) {
    const m = /^%([0-9A-F]{2})/.exec(path.slice(i));
    const ch = m ? String.fromCharCode(parseInt(m[1], 16)) : '';
    if (m && !RESERVED.has(ch) && !UNRESERVED.test(ch)) {
      bytes.push(parseInt(m[1], 16));
      i += 2;
      continue;
    }
    if (!flush()) return undefined;
    out += path[i];
  }
  return flush() ? out : undefined;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The host part of a rule: Host for an exact host (Traefik compares it lower-cased, without
 * the port, with or without a trailing dot); a wildcard as a HostRegexp of exactly one label
 * (Host's own "*." form is not in every v3 release); nothing for the host-less rules.
 */
export function hostRule(v: VirtualHost): string | undefined {
  if (v.kind === 'any') return undefined;
  if (v.kind === 'exact') return matcher('Host', v.host);
  return matcher('HostRegexp', `^[^.]+${escapeRegex(v.host.slice(1))}\\.?$`);
}

/**
 * The path part: Exact is Path; the Ingress Prefix is element-wise, and Traefik's PathPrefix
 * is a character prefix ("/foo" matches "/foobar"), so "/foo" is Path(`/foo`) || PathPrefix(`/foo/`);
 * a regex is case-insensitive and anchored at the start, as ingress-nginx reads it.
 */
export function pathRule(m: PathMatch): { rule: string } | { problem: string } {
  const regex = m.kind === 'Regex' || m.kind === 'RegularExpression';
  const plain = regex ? undefined : SAFE_PATH.test(m.value) ? routingForm(m.value) : undefined;
  if (!regex && plain === undefined) return { problem: `path ${JSON.stringify(m.value)} holds characters that are not allowed in a URL path, or escapes that are not UTF-8 text` };
  switch (m.kind) {
    case 'Exact':
      return { rule: matcher('Path', plain!) };
    case 'Prefix': {
      const p = trimTrailingSlash(plain!);
      return { rule: p === '' ? matcher('PathPrefix', '/') : or(matcher('Path', p), matcher('PathPrefix', p + '/')) };
    }
    case 'StringPrefix':
      return { rule: matcher('PathPrefix', plain!) };
    case 'Regex': {
      const problem = re2Problem(m.value);
      if (problem) return { problem: `regex path ${JSON.stringify(m.value)} cannot be given to Go's regexp unchanged: ${problem}` };
      return { rule: matcher('PathRegexp', `(?i)^${m.value}`) };
    }
    case 'RegularExpression': {
      // Gateway API: the whole path, case-sensitively
      const problem = re2Problem(m.value);
      if (problem) return { problem: `regex path ${JSON.stringify(m.value)} cannot be given to Go's regexp unchanged: ${problem}` };
      return { rule: matcher('PathRegexp', `^(?:${m.value})$`) };
    }
  }
}

/**
 * rewrite-target as replacePathRegex: a regex over the whole path (so the whole path is
 * replaced, as nginx's rewrite does), $n from the route's regex written ${n}; a reference to
 * a group the pattern lacks is empty, as in nginx; any other "$" is literal ($$).
 */
export function rewriteRegex(m: PathMatch, target: string): { regex: string; replacement: string } {
  const groups = m.kind === 'Regex' ? captureGroupCount(m.value) : 0;
  const replacement = target.replace(/\$([1-9])|\$/g, (all, d: string | undefined) => (d === undefined ? '$$' : Number(d) <= groups ? `\${${d}}` : ''));
  if (m.kind !== 'Regex') return { regex: '^.*$', replacement };
  const regex = hasTopLevelAlternation(m.value) ? `(?i)^.*?(?:^${m.value}).*$` : `(?i)^(?:${m.value}).*$`;
  return { regex, replacement };
}
