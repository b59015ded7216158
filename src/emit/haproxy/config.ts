// haproxy.cfg as data: sections of lines, each line a list of words and an optional
// condition. `serialize` writes every word through `word` (quote.ts), and conditions are
// typed so a value from a manifest can only ever be a whole ACL pattern.
import { comment, UnsafeValue, word, wordProblem } from './quote.js';

/** One test of a condition: a named ACL, or an anonymous one `{ fetch flags… patterns… }`. */
export type Test =
  | { not?: boolean; acl: string }
  | { not?: boolean; fetch: string; flags?: string[]; patterns?: string[] };

/** `if`/`unless` over alternatives (joined by `||`), each a list of tests that must all hold. */
export interface Condition {
  keyword: 'if' | 'unless';
  anyOf: Test[][];
}

export type Line =
  | { words: string[]; cond?: Condition }
  | { comment: string }
  | { blank: true };

export interface Section {
  /** e.g. ["frontend", "ingress"] */
  head: string[];
  lines: Line[];
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
  const problem = patternProblem(p, flagsEnded);
  if (problem) throw new UnsafeValue(problem);
  return word(p);
}

/** HAProxy cuts a line after 64 words (MAX_LINE_ARGS) with only an alert: never write a longer one. */
export const MAX_WORDS = 64;

function testWords(t: Test): string[] {
  const neg = t.not ? '!' : '';
  if ('acl' in t) return [neg + word(t.acl)];
  const ended = t.flags?.includes('--') ?? false;
  return [`${neg}{`, word(t.fetch), ...(t.flags ?? []).map(word), ...(t.patterns ?? []).map((p) => checkPattern(p, ended)), '}'];
}

function conditionWords(c: Condition): string[] {
  return [c.keyword, ...c.anyOf.flatMap((all, i) => [...(i ? ['||'] : []), ...all.flatMap(testWords)])];
}

function lineText(l: Line): string {
  if ('blank' in l) return '';
  if ('comment' in l) return comment(l.comment);
  const words = [...l.words.map(word), ...(l.cond ? conditionWords(l.cond) : [])];
  if (words.length > MAX_WORDS) throw new Error(`a haproxy.cfg line of ${words.length} words (at most ${MAX_WORDS}): ${words.slice(0, 8).join(' ')} …`);
  return words.join(' ');
}

/** The whole file: header comments, then the sections separated by blank lines. */
export function serialize(sections: readonly Section[], header: readonly string[] = []): string {
  const out: string[] = header.map(comment);
  for (const s of sections) {
    if (out.length) out.push('');
    out.push(s.head.map(word).join(' '));
    for (const l of s.lines) {
      const text = lineText(l);
      out.push(text ? `  ${text}` : '');
    }
  }
  return out.join('\n') + '\n';
}
