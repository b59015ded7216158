// haproxy.cfg as data: sections of lines, each line a list of words and an optional
// condition. `serialize` writes every word through `word` (quote.ts), and conditions are
// typed so a value from a manifest can only ever be a whole ACL pattern.
import { comment, isPlainWord, UnsafeValue, word, wordProblem } from './quote.js';

/** One test of a condition: a named ACL, or an anonymous one `{ fetch flags… patterns… }`. */
export type Test =
  | { not?: boolean; acl: string }
  /** `quoted`: more patterns, checked and quoted already (quotedPatterns), after `patterns` */
  | { not?: boolean; fetch: string; flags?: string[]; patterns?: string[]; quoted?: QuotedPatterns };

/** Patterns checked and quoted by `quotedPatterns`, as one part of a line, and how many words it holds. */
export interface QuotedPatterns {
  text: Quoted;
  count: number;
  /** checked for a test whose flags end with "--" (where "-x" is a pattern): only such a test may take them */
  flagsEnded: boolean;
}

/** `if`/`unless` over alternatives (joined by `||`), each a list of tests that must all hold. */
export interface Condition {
  keyword: 'if' | 'unless';
  anyOf: Test[][];
}

declare const quotedText: unique symbol;
/** Text made here, by `quoted`, from words and tests passed through `word`: only this module makes one. */
export type Quoted = string & { readonly [quotedText]: true };

export type Line =
  | { words: string[]; cond?: Condition }
  | { comment: string }
  | { blank: true };

/** A section of lines (an array, or lines made as they are written), or one that writes its lines itself. */
export type Section = LineSection | WrittenSection;

export interface LineSection {
  /** e.g. ["frontend", "ingress"] */
  head: string[];
  /** an array, or lines made as they are written */
  lines: Iterable<Line>;
  writeLines?: undefined;
}

export interface WrittenSection {
  head: string[];
  lines?: undefined;
  /** writes the lines as the file is written (the frontend: 100,000 routes are never held as data) */
  writeLines: (out: WrittenLines) => void;
}

export const line = (words: string[], cond?: Condition): Line => (cond ? { words, cond } : { words });
export const note = (text: string): Line => ({ comment: text });
export const blank: Line = { blank: true };

export const when = (...tests: Test[]): Condition => ({ keyword: 'if', anyOf: [tests] });
export const unless = (...tests: Test[]): Condition => ({ keyword: 'unless', anyOf: [tests] });
export const whenAny = (...alternatives: Test[][]): Condition => ({ keyword: 'if', anyOf: alternatives });

/** Why `p` cannot be an ACL pattern (the parser would read it as syntax); "-x" is a pattern once the flags end with "--". */
export function patternProblem(p: string, flagsEnded: boolean): string | undefined {
  if (p === '' || (p.startsWith('-') && !flagsEnded) || p === '}' || p === '{' || p === '||' || p === '!') return `${JSON.stringify(p)} would be read as ACL syntax, not as a pattern`;
  return wordProblem(p);
}

function checkPattern(p: string, flagsEnded: boolean): string {
  // the common case, quickly: a plain word that cannot be read as ACL syntax
  if (p.charCodeAt(0) !== 0x2d && p !== '}' && p !== '{' && p !== '||' && p !== '!' && isPlainWord(p)) return p;
  const problem = patternProblem(p, flagsEnded);
  if (problem) throw new UnsafeValue(problem);
  return word(p);
}

/** HAProxy cuts a line after 64 words (MAX_LINE_ARGS) with only an alert: never write a longer one. */
export const MAX_WORDS = 64;

/** The quoted words of tests marked by `reused`, made by `testWords` at their first use. */
const reusedWords = new WeakMap<Test, { words: string[]; extra: number } | null>();

/**
 * Marks a test that many lines share (a virtual host's, "not routed yet"): its words are
 * quoted once and copied into every line that uses it. The test must not change afterwards.
 */
export function reused<T extends Test>(t: T): T {
  reusedWords.set(t, null);
  return t;
}

// Words are pushed into one array per line (no flatMap or spreads: 100,000 routes' lines).
// Each returns how many words it pushed beyond the array's elements (quoted pattern lists).
function pushTestWords(t: Test, out: string[]): number {
  const memo = reusedWords.get(t);
  if (memo === undefined) return testWords(t, out);
  let m = memo;
  if (m === null) {
    const words: string[] = [];
    m = { words, extra: testWords(t, words) };
    reusedWords.set(t, m);
  }
  for (const w of m.words) out.push(w);
  return m.extra;
}

function testWords(t: Test, out: string[]): number {
  const neg = t.not ? '!' : '';
  if ('acl' in t) {
    out.push(neg + word(t.acl));
    return 0;
  }
  const ended = t.flags?.includes('--') ?? false;
  out.push(`${neg}{`, word(t.fetch));
  if (t.flags) for (const f of t.flags) out.push(word(f));
  if (t.patterns) for (const p of t.patterns) out.push(checkPattern(p, ended));
  let extra = 0;
  if (t.quoted && t.quoted.count) {
    if (t.quoted.flagsEnded && !ended) throw new UnsafeValue('patterns checked for a test whose flags end with "--", in one whose flags do not');
    out.push(t.quoted.text);
    extra = t.quoted.count - 1;
  }
  out.push('}');
  return extra;
}

function pushConditionWords(c: Condition, out: string[]): number {
  out.push(c.keyword);
  let extra = 0;
  for (let i = 0; i < c.anyOf.length; i++) {
    if (i) out.push('||');
    for (const t of c.anyOf[i]) extra += pushTestWords(t, out);
  }
  return extra;
}

/**
 * Patterns checked (as `patterns` of a test whose flags end as `flagsEnded` says) and
 * quoted once, for tests that many lines share parts of (the ids of a run of routes).
 */
export function quotedPatterns(patterns: readonly string[], flagsEnded: boolean): QuotedPatterns {
  const out: string[] = [];
  for (const p of patterns) out.push(checkPattern(p, flagsEnded));
  return { text: out.join(' ') as Quoted, count: out.length, flagsEnded };
}

/** Quoted pattern lists one after another, as one. */
export function joinedPatterns(parts: readonly QuotedPatterns[]): QuotedPatterns {
  if (parts.length === 1) return parts[0];
  let count = 0;
  let flagsEnded = false;
  const texts: string[] = [];
  for (const p of parts) {
    if (!p.count) continue;
    texts.push(p.text);
    count += p.count;
    flagsEnded ||= p.flagsEnded;
  }
  return { text: texts.join(' ') as Quoted, count, flagsEnded };
}

/**
 * Words, then tests, as they are written in a line (the tests without `if`): a part of a
 * line that many lines share, or one that differs from line to line (`WrittenLines.quoted` puts them together).
 */
export function quoted(words: readonly string[], tests: readonly Test[] = []): Quoted {
  const out: string[] = [];
  for (const w of words) out.push(word(w));
  let extra = 0;
  for (const t of tests) extra += pushTestWords(t, out);
  if (out.length + extra > MAX_WORDS) throw new Error(`a haproxy.cfg line of ${out.length + extra} words (at most ${MAX_WORDS}): ${out.slice(0, 8).join(' ')} …`);
  return out.join(' ') as Quoted;
}

/** The fetch and flags of a test with one pattern, quoted once for many lines (`quotedTest`). */
export interface TestHead {
  /** "{ fetch flags…" */
  open: Quoted;
  /** the flags end with "--" */
  ended: boolean;
}

export function testHead(fetch: string, flags: readonly string[], not = false): TestHead {
  const out = [`${not ? '!' : ''}{`, word(fetch)];
  for (const f of flags) out.push(word(f));
  return { open: out.join(' ') as Quoted, ended: flags.includes('--') };
}

/** The test `{ fetch flags… pattern }` as a part of a line: what `quoted([], [test])` makes, the pattern checked as there. */
export function quotedTest(head: TestHead, pattern: string): Quoted {
  return `${head.open} ${checkPattern(pattern, head.ended)} }` as Quoted;
}

/** One word, quoted, as a part of a line. */
export const quotedWord = (w: string): Quoted => word(w) as Quoted;

function lineText(l: Line): string {
  if ('comment' in l) return comment(l.comment);
  if ('blank' in l) return '';
  const words: string[] = [];
  for (const w of l.words) words.push(word(w));
  const extra = l.cond ? pushConditionWords(l.cond, words) : 0;
  if (words.length + extra > MAX_WORDS) throw new Error(`a haproxy.cfg line of ${words.length + extra} words (at most ${MAX_WORDS}): ${words.slice(0, 8).join(' ')} …`);
  return words.join(' ');
}

/** The whole file: header comments, then the sections separated by blank lines. */
export function serialize(sections: Iterable<Section>, header: readonly string[] = []): string {
  const pieces: string[] = [];
  serializeTo(sections, header, (p) => pieces.push(p));
  return pieces.join('');
}

/** Text kept as one piece at most (a 100,000-route frontend is 20 MB: never one string). */
const PIECE_CHARS = 1 << 16;

/**
 * haproxy.cfg as it is written: each line appended, as it is made, to a piece of text that
 * goes to `write` once it holds about 64 KB (V8 appends by linking strings, and `write`
 * flattens the piece once), so neither the lines nor the text of a large frontend are held
 * until the end. Only text made by this module is appended: a Line, a comment, or a line
 * of `Quoted` parts.
 */
export class WrittenLines {
  private text = '';
  private wrote = false;

  constructor(private readonly write: (piece: string) => void) {}

  private add(text: string): void {
    if ((this.text += text).length >= PIECE_CHARS) {
      this.write(this.text);
      this.wrote = true;
      this.text = '';
    }
  }

  /** A line of data. */
  line(l: Line): void {
    const text = lineText(l);
    this.add(text ? `  ${text}\n` : '\n');
  }

  lines(ls: Iterable<Line>): void {
    for (const l of ls) this.line(l);
  }

  note(text: string): void {
    this.add(`  ${comment(text)}\n`);
  }

  blank(): void {
    this.add('\n');
  }

  /**
   * A line of quoted parts, e.g. `http-request set-var(txn.route)`,
   * `str(r1)`, `if` and the host's tests, the path test. At most `MAX_WORDS` words in all.
   */
  quoted(a: Quoted, b: Quoted, c: Quoted, d?: Quoted): void {
    this.add(d === undefined ? `  ${a} ${b} ${c}\n` : `  ${a} ${b} ${c} ${d}\n`);
  }

  /** A line made by `quoted` (its words checked there). */
  quotedLine(text: Quoted): void {
    this.add(`  ${text}\n`);
  }

  /** a section's first line, or a header comment (not indented) */
  head(text: string): void {
    this.add(text);
  }

  /** Hands on what is left; an empty configuration is still one piece ("\n"). */
  end(): void {
    if (this.text || !this.wrote) this.write(this.text || '\n');
    this.text = '';
  }
}

/**
 * The whole file handed to `write` in pieces of about 64 KB, as the lines are made (see
 * WrittenLines and chunks.ts); `sections` may be made as they are written, too.
 */
export function serializeTo(sections: Iterable<Section>, header: readonly string[], write: (piece: string) => void): void {
  const out = new WrittenLines(write);
  for (const h of header) out.head(comment(h) + '\n');
  let first = true;
  for (const s of sections) {
    if (!first || header.length) out.blank();
    first = false;
    out.head(s.head.map(word).join(' ') + '\n');
    if (s.writeLines) s.writeLines(out);
    else out.lines(s.lines);
  }
  out.end();
}
