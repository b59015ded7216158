// HAProxy's configuration lexer (configuration.txt §2.2): a line is cut into words at
// blanks; '#' starts a comment; a backslash escapes outside quotes; double quotes keep
// backslash escapes and expand "$VAR"; inside single quotes nothing is interpreted.
// Every word written to haproxy.cfg goes through `word`, so a value is read back as
// exactly one word holding exactly its characters.

/** Raised when a value cannot be written safely; callers check with `wordProblem` first. */
export class UnsafeValue extends Error {}

/** Printable ASCII that means nothing to the lexer: written as is. ("$" is left out on purpose.) */
const PLAIN = /^[A-Za-z0-9!%&()*+,\-./:;<=>?@[\]^_`{|}~]+$/;
/** What single quotes can carry: printable ASCII, space included. */
const QUOTABLE = /^[\x20-\x7e]*$/;

/** Why `value` cannot be one word of haproxy.cfg, or undefined when it can. */
export function wordProblem(value: string): string | undefined {
  if (!QUOTABLE.test(value)) return 'holds a control or non-ASCII character, which cannot be written safely in haproxy.cfg';
  return undefined;
}

/** PLAIN's characters by code (made from PLAIN itself): a loop over them is quicker than the regex on 100,000s of short words. */
const PLAIN_CHAR = Uint8Array.from({ length: 128 }, (_, c) => (PLAIN.test(String.fromCharCode(c)) ? 1 : 0));

/** `value` is written as it is (plain printable ASCII, nothing the lexer interprets): PLAIN.test(value). */
export function isPlainWord(value: string): boolean {
  const n = value.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c > 127 || PLAIN_CHAR[c] === 0) return false;
  }
  return true;
}

/** One word of haproxy.cfg that HAProxy reads back as exactly `value`. */
export function word(value: string): string {
  // PLAIN is printable ASCII: such a word has no problem (one test for most words)
  if (isPlainWord(value)) return value;
  const problem = wordProblem(value);
  if (problem) throw new UnsafeValue(`${JSON.stringify(value)} ${problem}`);
  // strong quotes; a quote itself cannot be inside them, so close, write \' and reopen
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

const NOT_PRINTABLE = /[^\x20-\x7e]/;
const NOT_PRINTABLE_ALL = /[^\x20-\x7e]/g;

/** A comment line: it runs to the end of the line, so anything but printable ASCII is replaced. */
export function comment(text: string): string {
  const line = `# ${NOT_PRINTABLE.test(text) ? text.replace(NOT_PRINTABLE_ALL, '?') : text}`;
  // only printable ASCII is left: trimEnd could remove nothing but spaces
  return line.charCodeAt(line.length - 1) === 0x20 ? line.trimEnd() : line;
}

/**
 * Literal text inside a log-format string (redirect locations, set-path, replace-path
 * replacements): "%" starts a sample there and is doubled. Backslashes are refused:
 * replace-path reads "\1" as a back-reference.
 */
export function logFormatText(text: string): string {
  if (text.includes('\\')) throw new UnsafeValue(`${JSON.stringify(text)} holds a backslash, which a log-format string reads as an escape`);
  // refused now, where the caller reports it, not when the line is written
  const problem = wordProblem(text);
  if (problem) throw new UnsafeValue(`${JSON.stringify(text)} ${problem}`);
  return text.replace(/%/g, '%%');
}
