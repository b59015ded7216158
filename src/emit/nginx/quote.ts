// The one way a value reaches nginx.conf. nginx's lexer ends a token at whitespace,
// ";", "{" or "}", and reads "$name" as a variable in most directives; a value from
// the input is therefore always double-quoted, with "\" and '"' escaped, and refused
// when it holds anything nginx could read as more than text.

/** A directive argument: a fixed word written by the emitter, or a value that is always quoted. */
export type Arg = { word: string } | { text: string; dollar?: Dollar };

/**
 * What a "$" in a value means to its directive: 'literal' where the directive reads no
 * variables (location, server_name, regexes); 'captures' for rewrite's replacement, where
 * only $1…$9 may appear; otherwise a "$" is refused.
 */
export type Dollar = 'literal' | 'captures';

/** Fixed words from the emitter itself: keywords, numbers, "$host", "https://$host$request_uri". */
const WORD = /^[A-Za-z0-9_.:/$\-[\]=~^*@,+()]+$/;

/** An emitter-written token (may name nginx variables). Throws on anything else: that is a bug, not input. */
export function word(w: string | number): Arg {
  const s = String(w);
  if (!WORD.test(s)) throw new Error(`internal: ${JSON.stringify(s)} is not a plain nginx word`);
  return { word: s };
}

/** A value that may come from the input: always quoted, "$" as `dollar` allows. */
export function text(value: string, dollar?: Dollar): Arg {
  return dollar ? { text: value, dollar } : { text: value };
}

/**
 * The longest token nginx reads: its lexer fails with "too long parameter" on a token (a
 * quoted string, or a comment) that does not fit its 4 KiB read buffer.
 */
export const MAX_TOKEN = 4000;

/** Why `value` cannot be written as a quoted nginx string, or undefined when it can. */
export function unquotable(value: string, dollar?: Dollar): string | undefined {
  if (/[^\x20-\x7e]/.test(value)) return 'control or non-ASCII characters';
  // judged on the length alone (quoted, a value is at most twice as long), so two values of one length are both written or both refused
  if (value.length * 2 + 2 > MAX_TOKEN) return `over ${(MAX_TOKEN - 2) / 2} characters, which nginx may not read in one token`;
  if (dollar === 'captures' ? /\$(?![1-9])/.test(value) : !dollar && value.includes('$')) return 'a "$", which nginx would read as a variable';
  return undefined;
}

export function quote(value: string): string {
  return '"' + value.replace(/[\\"]/g, (c) => '\\' + c) + '"';
}

export function serializeArg(arg: Arg): string {
  if ('word' in arg) return arg.word;
  const problem = unquotable(arg.text, arg.dollar);
  if (problem) throw new Error(`internal: refusing to write ${JSON.stringify(arg.text)} into nginx.conf: ${problem}`);
  return quote(arg.text);
}
