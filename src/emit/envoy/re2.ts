// Regular expressions for Envoy's RE2. The model already refuses what PCRE, RE2 and
// JavaScript read differently; this is a second, stricter gate: a small parser that
// accepts only syntax it knows both RE2 and JavaScript (the model's reference) read
// the same way, so a pattern it passes means the same thing in Envoy.

const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S']);
const CONTROL_ESCAPES = new Map([['n', 10], ['r', 13], ['t', 9], ['f', 12], ['v', 11]]);
/** RE2 refuses repetition counts above 1000. */
const MAX_REPEAT = 1000;
/**
 * Envoy refuses a regex whose RE2 program is larger than the runtime's
 * re2.max_program_size.error_level (100 unless set; the bootstrap sets this).
 */
export const MAX_PROGRAM_SIZE = 1000;
/** An over-estimate of RE2 instructions: a class, "." or \d is a few UTF-8 byte ranges. */
const COST = { literal: 1, set: 12, group: 2, repeat: 2, alternative: 2, wrapper: 30 };

/** Why `pattern` may not be read the same way by RE2 (or is too large for Envoy), or undefined when it is safe. */
export function re2Problem(pattern: string): string | undefined {
  try {
    const size = new Parser(pattern).parse() + COST.wrapper;
    if (size > MAX_PROGRAM_SIZE) return `it is too complex for Envoy (about ${size} RE2 instructions, at most ${MAX_PROGRAM_SIZE})`;
    return undefined;
  } catch (err) {
    if (err instanceof Re2Refusal) return err.message;
    throw err;
  }
}

class Re2Refusal extends Error {}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  /** Parses the whole pattern; returns its estimated program size. */
  parse(): number {
    if (!/^[\x21-\x7e]*$/.test(this.s)) this.fail('only printable ASCII characters are accepted in a path regex');
    const size = this.alternation(0);
    if (this.i < this.s.length) this.fail(`unbalanced ")" at offset ${this.i}`);
    return size;
  }

  private fail(message: string): never {
    throw new Re2Refusal(message);
  }

  private alternation(depth: number): number {
    let size = 0;
    for (;;) {
      size += this.sequence(depth);
      if (this.s[this.i] !== '|') return size;
      this.i++;
      size += COST.alternative;
    }
  }

  private sequence(depth: number): number {
    let size = 0;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '|') break;
      if (c === ')') {
        if (depth === 0) this.fail(`unbalanced ")" at offset ${this.i}`);
        break;
      }
      const start = this.i;
      const repeatable = this.atom(depth);
      size += this.quantifier(repeatable, this.cost(start));
    }
    return size;
  }

  private lastGroupSize = 0;

  /** The size of the atom that starts at `start` and ends at the cursor. */
  private cost(start: number): number {
    const c = this.s[start];
    if (c === '(') return this.lastGroupSize + COST.group;
    if (c === '[' || c === '.') return COST.set;
    if (c === '\\' && /[dDwWsS]/.test(this.s[start + 1])) return COST.set;
    return COST.literal;
  }

  /** One atom; returns whether a quantifier may follow it. */
  private atom(depth: number): boolean {
    const c = this.s[this.i];
    switch (c) {
      case '(': {
        this.i++;
        if (this.s[this.i] === '?') {
          if (this.s[this.i + 1] !== ':') this.fail(`"(?" groups other than "(?:" are not accepted (offset ${this.i - 1})`);
          this.i += 2;
        }
        this.lastGroupSize = this.alternation(depth + 1);
        if (this.s[this.i] !== ')') this.fail('missing ")"');
        this.i++;
        return true;
      }
      case '[':
        this.charClass();
        return true;
      case '^':
      case '$':
        this.i++;
        return false;
      case '\\':
        return this.escape(false);
      case '*':
      case '+':
      case '?':
        this.fail(`"${c}" has nothing to repeat (offset ${this.i})`);
      // falls through: fail never returns
      case '{':
      case '}':
      case ']':
        this.fail(`a bare "${c}" is read differently by RE2 and JavaScript; escape it as "\\${c}" (offset ${this.i})`);
      // falls through: fail never returns
      default:
        this.i++;
        return true;
    }
  }

  /** A quantifier after an atom of `size`, if any; returns the size with it. */
  private quantifier(repeatable: boolean, size: number): number {
    const c = this.s[this.i];
    if (c !== '*' && c !== '+' && c !== '?' && c !== '{') return size;
    if (!repeatable) this.fail(`"${c}" may not follow an anchor or \\b (offset ${this.i})`);
    let copies = 1;
    if (c === '{') {
      const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(this.s.slice(this.i));
      if (!m) this.fail(`"{" must start a repetition {n}, {n,} or {n,m} (offset ${this.i})`);
      const lo = Number(m[1]);
      const hi = m[3] ? Number(m[3]) : lo;
      if (lo > MAX_REPEAT || hi > MAX_REPEAT) this.fail(`repetition counts above ${MAX_REPEAT} are refused by RE2`);
      if (hi < lo) this.fail(`repetition {${m[1]}${m[2]}} has its bounds reversed`);
      copies = Math.max(lo, hi, 1); // RE2 writes the atom out once per count
      this.i += m[0].length;
    } else this.i++;
    if (this.s[this.i] === '?') this.i++; // lazy: same meaning in both
    const next = this.s[this.i];
    if (next === '*' || next === '+' || next === '?' || next === '{') this.fail(`a quantifier may not follow another (offset ${this.i})`);
    return copies * (size + COST.repeat);
  }

  /** An escape; `inClass` limits it to what may stand in a character class. Returns whether it is repeatable. */
  private escape(inClass: boolean): boolean {
    const e = this.s[this.i + 1];
    if (e === undefined) this.fail('the pattern ends with "\\"');
    if (CLASS_ESCAPES.has(e) || CONTROL_ESCAPES.has(e)) {
      this.i += 2;
      return true;
    }
    if (!inClass && (e === 'b' || e === 'B')) {
      this.i += 2;
      return false;
    }
    if (e === 'x') {
      if (!/^[0-9A-Fa-f]{2}$/.test(this.s.slice(this.i + 2, this.i + 4))) this.fail('\\x must be followed by two hex digits');
      this.i += 4;
      return true;
    }
    if (/[!-/:-@[-`{-~]/.test(e)) {
      this.i += 2; // an escaped punctuation character is that character in both
      return true;
    }
    this.fail(`the escape "\\${e}" is not accepted (RE2 and JavaScript read it differently, or one lacks it)`);
  }

  private charClass(): void {
    this.i++; // [
    if (this.s[this.i] === '^') this.i++;
    if (this.s[this.i] === ']') this.fail('a character class may not start with "]" (RE2 reads it as a member, JavaScript as the end)');
    let members = 0;
    let prev: number | undefined; // code of the previous single character, for ranges
    while (this.i < this.s.length && this.s[this.i] !== ']') {
      const c = this.s[this.i];
      if (c === '[') this.fail('"[" inside a character class must be escaped (RE2 reads [:name:] classes)');
      if (c === '-' && members > 0 && this.s[this.i + 1] !== ']') {
        if (prev === undefined) this.fail('a "-" inside a character class must start a range from a single character, or stand first or last');
        this.i++;
        const hi = this.classChar();
        if (hi === undefined) this.fail('a range must end in a single character');
        if (hi < prev) this.fail('a character range is reversed');
        prev = undefined;
        continue;
      }
      prev = this.classChar();
      members++;
    }
    if (this.s[this.i] !== ']') this.fail('missing "]"');
    if (members === 0) this.fail('empty character classes are not accepted');
    this.i++;
  }

  /** One class member; the character's code when it is a single character. */
  private classChar(): number | undefined {
    const c = this.s[this.i];
    if (c === '\\') {
      const e = this.s[this.i + 1];
      const start = this.i;
      this.escape(true);
      if (e === 'x') return parseInt(this.s.slice(start + 2, start + 4), 16);
      if (e !== undefined && /[!-/:-@[-`{-~]/.test(e)) return e.charCodeAt(0);
      return CONTROL_ESCAPES.get(e!);
    }
    this.i++;
    return c.charCodeAt(0);
  }
}

/** A literal string as an RE2 (and JavaScript) pattern. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

export { hasTopLevelAlternation } from '../../model/regex.js';
