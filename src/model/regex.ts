// Regex paths: only the syntax PCRE (nginx, HAProxy), RE2 (Envoy) and JavaScript (serve)
// read the same way is accepted, so every target means the same thing.
import { linearRegex, type PatternTest } from '../gateway/linear-regex.js';

const UNSUPPORTED: [RegExp, string][] = [
  [/\(\?[=!]/, 'lookahead'],
  [/\(\?<[=!]/, 'lookbehind'],
  [/\(\?>/, 'atomic groups'],
  [/\(\?P?<[A-Za-z]/, 'named groups'],
  [/\(\?[a-zA-Z-]+[:)]/, 'inline flags'],
  [/\\[1-9]/, 'backreferences'],
  [/\\[kgpPQEXRKhHvVzZAGC]/, 'escapes that differ between engines'],
  [/(?:[*+?}])\+/, 'possessive quantifiers'],
];

/** Why `pattern` cannot be used as a path regex on every target, or undefined when it can. */
export function regexProblem(pattern: string): string | undefined {
  const syntax = constructProblem(pattern);
  if (syntax) return syntax;
  if (/[\x00-\x20\x7f]/.test(pattern)) return 'whitespace and control characters are not allowed in a path';
  return bracketProblem(pattern) ?? compileProblem(pattern);
}

/** Why `pattern` (a header-value pattern) does not mean the same in PCRE, RE2 and JavaScript, or undefined. */
export function regexSyntaxProblem(pattern: string): string | undefined {
  if (/[\x00-\x1f\x7f]/.test(pattern)) return 'control characters are not allowed';
  return constructProblem(pattern) ?? bracketProblem(pattern) ?? compileProblem(pattern);
}

function constructProblem(pattern: string): string | undefined {
  // ignore escaped characters when looking for constructs (but keep "\1"-style escapes visible)
  const scrubbed = pattern.replace(/\\[^1-9kgpPQEXRKhHvVzZAGC]/g, '__');
  for (const [re, what] of UNSUPPORTED) {
    if (re.test(scrubbed)) return `${what} are not supported by every target (PCRE, RE2 and JavaScript read them differently)`;
  }
  return undefined;
}

function compileProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
  } catch (err) {
    return `invalid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
  return undefined;
}

/**
 * Classes JavaScript and PCRE read differently: one that opens with "]" ("[]", "[^]": empty
 * in JavaScript, "]" a member in PCRE), and "[:", "[." or "[=" inside one (POSIX classes
 * in PCRE, plain characters in JavaScript).
 */
function bracketProblem(pattern: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) {
      if (c === '[' && /[:.=]/.test(pattern[i + 1] ?? '')) return `"[${pattern[i + 1]}" inside a class is a POSIX class in PCRE and plain characters in JavaScript; escape the "["`;
      inClass = c !== ']';
    } else if (c === '[') {
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') return 'a class that starts with "]" ("[]" or "[^]") is empty in JavaScript and holds "]" in PCRE; escape it as "\\]"';
      inClass = true;
    }
  }
  return undefined;
}

/** ingress-nginx's reading: case-insensitive, anchored at the start of the path only. */
export function compilePathRegex(pattern: string): RegExp {
  return new RegExp('^' + pattern, 'i');
}

/** The same reading on RE2, for matching request paths (linear time: see linear-regex.ts). */
export function pathRegexTest(pattern: string): PatternTest {
  return linearRegex('^' + pattern, true);
}

/** Number of capture groups, for rewrite-target's $1…$9. */
export function captureGroupCount(pattern: string): number {
  return new RegExp(pattern + '|').exec('')!.length - 1;
}

/** Whether `pattern` has a "|" outside every group and class ("^/a|/b" anchors only "/a", so
 * every target anchors such a pattern differently). */
export function hasTopLevelAlternation(pattern: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

export interface WholePathSyntax {
  /** the engine finds the regex anywhere in the path (Traefik, Go): "^" and "$" written out */
  anchors?: boolean;
  /** ".*" rather than the lazy ".*?" before a pattern with a top-level "|" (where no capture is read) */
  greedy?: boolean;
}

/**
 * ingress-nginx reads a regex path as `~* ^PATTERN`: case-insensitive, anchored at the
 * start only. This is that reading for an engine whose regex must match the whole path
 * (RE2 syntax with "(?i)"), so the rest of the path is allowed explicitly. With a top-level
 * "|", "^" binds to the first alternative only ("^/a|/b" also matches "/x/b"), so the path
 * may start anywhere unless "^" says otherwise; the lazy ".*?" keeps the leftmost match, as
 * nginx's captures for rewrites.
 */
export function wholePathRegex(pattern: string, syntax: WholePathSyntax = {}): string {
  const [start, end] = syntax.anchors ? ['^', '$'] : ['', ''];
  const body = hasTopLevelAlternation(pattern) ? `${syntax.greedy ? '.*' : '.*?'}(?:^${pattern})` : `(?:${pattern})`;
  return `(?i)${start}${body}.*${end}`;
}
