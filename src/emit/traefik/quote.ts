// The one way a value reaches a Traefik bundle. Two places a value can land:
// - inside a router rule: a matcher argument, written as a Go string literal (Traefik's rule
//   parser reads Go's syntax): between backticks, where nothing is interpreted, or, when the
//   value holds a backtick, between double quotes with Go's escapes. A value is always one
//   argument: "&&", "||", "!", parentheses and commas inside it are characters, never syntax.
// - as a YAML scalar: always double-quoted with JSON's escapes (which YAML reads the same way),
//   so no value is read back as another type ("on", "0755") or opens a key, an item or a document.
// Keys are never values from a manifest: every key is checked against KEY (a bug otherwise).

/** Why `value` cannot be written into a rule or a YAML file, or undefined when it can. */
export function unwritable(value: string): string | undefined {
  // control characters (C0, DEL, C1), line and paragraph separators, a byte-order mark, lone surrogates
  if (/[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)) return 'holds a control character or one YAML or Go reads differently';
  return undefined;
}

/** Thrown for a value that cannot be written; callers check `unwritable` first and report a finding. */
export class UnsafeValue extends Error {}

/** One matcher argument of a rule: `value` exactly, as a Go string literal. */
export function ruleLiteral(value: string): string {
  const problem = unwritable(value);
  if (problem) throw new UnsafeValue(`${JSON.stringify(value)} ${problem}`);
  if (!value.includes('`')) return '`' + value + '`';
  return '"' + value.replace(/[\\"]/g, (c) => '\\' + c) + '"';
}

/** A matcher call, e.g. matcher('Header', 'X-Canary', 'always') → Header(`X-Canary`, `always`). */
export function matcher(name: 'Host' | 'HostRegexp' | 'Path' | 'PathPrefix' | 'PathRegexp' | 'Header' | 'HeaderRegexp' | 'Method' | 'ClientIP', ...values: string[]): string {
  return `${name}(${values.map(ruleLiteral).join(', ')})`;
}

/** Conjunction and disjunction of rules (each already a whole rule): parenthesised, so precedence never depends on the parts. */
export const and = (...parts: string[]): string => (parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(' && '));
export const or = (...parts: string[]): string => (parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(' || '));
export const not = (part: string): string => `!(${part})`;

/** Map keys the emitter writes: field names, and names it makes of [A-Za-z0-9-_.]. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** Keys written plain; others (a namespace may start with a digit) are double-quoted, so none reads back as a number. */
const PLAIN_KEY = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const key = (k: string) => (PLAIN_KEY.test(k) ? k : JSON.stringify(k));

/** A YAML document in block style; every string double-quoted. */
export function traefikYaml(doc: object): string {
  const out: string[] = [];
  const scalar = (v: unknown, at: string): string => {
    if (typeof v === 'string') {
      const problem = unwritable(v);
      if (problem) throw new UnsafeValue(`the value at ${at} ${problem}`);
      return JSON.stringify(v);
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`traefik emitter: non-finite number at ${at}`);
      return String(v);
    }
    if (typeof v === 'boolean') return String(v);
    throw new Error(`traefik emitter: unexpected value at ${at}`);
  };
  const isEmpty = (v: unknown) => (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && v !== null && Object.keys(v).length === 0);
  const write = (v: unknown, indent: string, at: string): void => {
    if (Array.isArray(v)) {
      for (const item of v) {
        if (item !== null && typeof item === 'object' && !isEmpty(item)) {
          const lines: string[] = [];
          const saved = out.length;
          write(item, indent + '  ', at + '[]');
          lines.push(...out.splice(saved));
          out.push(indent + '- ' + lines[0].slice(indent.length + 2), ...lines.slice(1));
        } else out.push(`${indent}- ${isEmpty(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item, at)}`);
      }
      return;
    }
    for (const [k, x] of Object.entries(v as object)) {
      if (x === undefined) continue;
      if (!KEY.test(k)) throw new Error(`traefik emitter: unexpected key ${JSON.stringify(k)} at ${at}`);
      if (x !== null && typeof x === 'object' && !isEmpty(x)) {
        out.push(`${indent}${key(k)}:`);
        write(x, indent + '  ', `${at}.${k}`);
      } else out.push(`${indent}${key(k)}: ${isEmpty(x) ? (Array.isArray(x) ? '[]' : '{}') : scalar(x, `${at}.${k}`)}`);
    }
  };
  write(doc, '', '');
  return out.join('\n') + '\n';
}
