// Hostile strings for the injection fuzz: the characters that end a token, a directive,
// a block or a line in some target's syntax, escapes that decode into them, unicode that
// changes under case mapping or is not what it looks like, and very long values.
import fc from 'fast-check';

/** Pieces a hostile value is built from; each is hostile somewhere (nginx, HAProxy, YAML, PCRE, RE2, JSON, a terminal). */
export const HOSTILE_PIECES = [
  '\r', '\n', '\r\n', '\0', '\t', ' ', ';', '{', '}', '#', '"', "'", '`', '\\', '$', '%',
  '$host', '${x}', '$1', '$$', '%[req.hdr(host)]', '%{+Q}o', '%0A', '%0d', '%00', '%22', '%27', '%7B', '%7d', '%3B', '%3b', '%23', '%24',
  '%25', '%20', '%2F', '%5C', '%C3%A9', '%e9', '%41', '%ZZ', '%', '\\"', "\\'", '\\n', '\\x22', '\\1',
  'é', '日本', '\u212A', '\u017F', '\u0130', '😀', '\ud800', '\udfff', '\u2028', '\u0085', '\u00a0', '\u202e', '\ufeff', '\x01', '\x1b[31m', '\x7f',
  '|', '<', '>', '^', '[', ']', '(', ')', '*', '+', '?', '.', '..', '/', '//', '/../', ':', '@', '=', '&', '!', '~', '-', '_', ',',
  '";return 200 "x";#', '}\nserver { listen 1; }', '" }\n  - name: x', '\n---\n', '*/', '<!--', 'a', 'Z', '9', 'x', 'api', '.com',
] as const;

const piece = fc.constantFrom(...HOSTILE_PIECES);

/** A value built from hostile pieces: short mostly, sometimes thousands of characters. */
export function hostileString(opts: { prefix?: fc.Arbitrary<string> } = {}): fc.Arbitrary<string> {
  const short = fc.array(piece, { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
  const long = fc.tuple(piece, fc.integer({ min: 300, max: 6000 })).map(([p, n]) => p.repeat(Math.ceil(n / Math.max(1, p.length))).slice(0, n));
  const body = fc.oneof({ arbitrary: short, weight: 12 }, { arbitrary: long, weight: 1 });
  if (!opts.prefix) return body;
  return fc.tuple(opts.prefix, body).map(([p, b]) => p + b);
}

/** Either one of the benign values (the fields still have to connect: hosts merge, Services resolve) or a hostile one. */
export function benignOr(benign: readonly string[], hostile: fc.Arbitrary<string>, hostileWeight = 1): fc.Arbitrary<string> {
  return fc.oneof({ arbitrary: fc.constantFrom(...benign), weight: 2 }, { arbitrary: hostile, weight: hostileWeight });
}
