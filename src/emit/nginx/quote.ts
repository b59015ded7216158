// The one way a value reaches nginx.conf. nginx's lexer ends a token at whitespace, ";",
// "{" or "}"; a value from the input is therefore always double-quoted, with "\" and '"'
// escaped, and refused when it holds anything else nginx could read as more than text.
//
// Whether nginx expands "$name" in an argument is a property of the directive and the
// argument's position, never of the value: the serializer looks it up in EXPANSION below
// (nginx's documentation: arguments that "can contain variables" are compiled as complex
// values, map values included) and writes every "$" of input text in such a position as
// `${ingressctl_dollar}`, a variable whose value is "$" (set by a `geo` block, whose values
// nginx never expands: nginx has no escape for "$" inside a complex value). A directive not
// in the table takes no input text at all (an internal error, so it is added here first).

/** Text from the input: quoted, "$" escaped where the position expands variables. */
export interface Text {
  text: string;
}

/** A directive argument: a fixed word written by the emitter, input text, or both joined into one token. */
export type Arg = { word: string } | Text | { join: ({ word: string } | Text)[] };

/** Fixed words from the emitter itself: keywords, numbers, "$host", "https://$host$request_uri". */
const WORD = /^[A-Za-z0-9_.:/$\-[\]=~^*@,+()]+$/;

/** An emitter-written token (may name nginx variables). Throws on anything else: that is a bug, not input. */
export function word(w: string | number): { word: string } {
  const s = String(w);
  if (!WORD.test(s)) throw new Error(`internal: ${JSON.stringify(s)} is not a plain nginx word`);
  return { word: s };
}

/** A value that may come from the input: always quoted; what a "$" in it means is the position's business. */
export function text(value: string): Text {
  return { text: value };
}

/** One token of emitter words (which may name variables) and input text, e.g. `NAME=$request_id; Path=` + a path. */
export function join(...parts: (string | Text)[]): Arg {
  return { join: parts.map((p) => (typeof p === 'string' ? { word: p } : p)) };
}

/**
 * How nginx reads an argument: 'plain' text (location, server_name, listen, header names…),
 * a PCRE 'regex' ("$" is an anchor), a complex value that 'expands' variables, or rewrite's
 * replacement, which expands variables and 'captures' $1…$9.
 */
export type Reading = 'plain' | 'regex' | 'expands' | 'captures';

type Positions = (index: number, args: readonly Arg[]) => Reading;
const all = (r: Reading): Positions => () => r;
/** the first argument as given, the rest expand: add_header NAME VALUE [always], proxy_set_header NAME VALUE, set $var VALUE */
const nameThenValue: Positions = (i) => (i === 1 ? 'expands' : 'plain');
// regular expressions made once (a literal in a function is a new object at every call)
const REGEX_MODIFIER = /^~\*?$/;
const NOT_PRINTABLE = /[^\x20-\x7e]/;
const QUOTED_CHARS = /[\\"]/g;
const DOLLAR_SIGN = /\$/g;
const DOLLAR_NOT_CAPTURE = /\$(?![1-9])/g;
const isRegexArg = (a: Arg | undefined) => !!a && 'word' in a && a.word.startsWith('~');

/**
 * Directives (and their arguments) nginx evaluates as complex values, from the module
 * documentation of each ("the value can contain variables"); every other position that
 * may hold input text is named with the way nginx reads it. Keys: directive names;
 * `map:` / `split_clients:` / `geo:` for the entries of those blocks.
 */
export const EXPANSION: Readonly<Record<string, Positions>> = {
  // ngx_http_map_module: "The resulting value can contain text, variable, and their combination"; source values are strings or regexes
  'map:': (i, args) => (i === 0 ? (isRegexArg(args[0]) || ('text' in args[0] && args[0].text.startsWith('~')) ? 'regex' : 'plain') : 'expands'),
  map: (i) => (i === 0 ? 'expands' : 'plain'),
  // split_clients and geo values are plain strings (geo is how "$" itself is written)
  'split_clients:': all('plain'),
  split_clients: (i) => (i === 0 ? 'expands' : 'plain'),
  'geo:': all('plain'),
  geo: all('plain'),
  location: (i, args) => (args.length === 2 && i === 1 && 'word' in args[0] && REGEX_MODIFIER.test(args[0].word) ? 'regex' : 'plain'),
  server_name: (i, args) => (isTextRegex(args[i]) ? 'regex' : 'plain'),
  add_header: nameThenValue,
  proxy_set_header: nameThenValue,
  grpc_set_header: nameThenValue,
  set: nameThenValue,
  // return code [text|URL]: the text or URL can contain variables
  return: (i, args) => (i === 0 && args.length > 1 ? 'plain' : 'expands'),
  rewrite: (i) => (i === 0 ? 'regex' : i === 1 ? 'captures' : 'plain'),
  proxy_pass: all('expands'),
  grpc_pass: all('expands'),
  auth_basic: all('expands'),
  auth_basic_user_file: all('expands'),
  // since 1.15.9 certificate file names can contain variables
  ssl_certificate: all('expands'),
  ssl_certificate_key: all('expands'),
  limit_req_zone: (i) => (i === 0 ? 'expands' : 'plain'),
  limit_conn_zone: (i) => (i === 0 ? 'expands' : 'plain'),
  hash: (i) => (i === 0 ? 'expands' : 'plain'),
  access_log: (i) => (i === 0 ? 'expands' : 'plain'),
  // log_format NAME [escape=…] STRING…: the format strings name variables
  log_format: (i, args) => ('word' in args[i] ? 'plain' : 'expands'),
  if: all('expands'),
  server: all('plain'),
};

function isTextRegex(a: Arg | undefined): boolean {
  return !!a && 'text' in a && a.text.startsWith('~');
}

/** The geo block every nginx.conf that escapes a "$" needs: `$ingressctl_dollar` is "$". */
export const DOLLAR_VARIABLE = '$ingressctl_dollar';
const DOLLAR = '${ingressctl_dollar}';

/**
 * The longest token nginx reads: its lexer fails with "too long parameter" on a token (a
 * quoted string, or a comment) that does not fit its 4 KiB read buffer.
 */
export const MAX_TOKEN = 4000;

/**
 * Why `value` cannot be written as a quoted nginx string where nginx reads it as `reading`,
 * or undefined when it can ("$" is no problem: see EXPANSION). Emitters ask before they
 * build a directive (default: the longest form, every "$" escaped); the serializer asks
 * again with the position's own reading, so it never refuses what an emitter let through.
 */
export function unquotable(value: string, reading: Reading = 'expands'): string | undefined {
  if (NOT_PRINTABLE.test(value)) return 'control or non-ASCII characters';
  // judged on the worst case (every "$" escaped, then every character quoted twice as long), so two values of one shape are both written or both refused
  const dollars = reading === 'plain' || reading === 'regex' ? 0 : countDollars(value);
  if ((value.length + dollars * (DOLLAR.length - 1)) * 2 + 2 > MAX_TOKEN) return `over ${Math.floor((MAX_TOKEN - 2) / 2)} characters (with "$" escaped), which nginx may not read in one token`;
  return undefined;
}

function countDollars(value: string): number {
  let n = 0;
  for (let i = value.indexOf('$'); i !== -1; i = value.indexOf('$', i + 1)) n++;
  return n;
}

export function quote(value: string): string {
  // most values hold neither character: no regular expression run for them
  if (!value.includes('\\') && !value.includes('"')) return '"' + value + '"';
  return '"' + value.replace(QUOTED_CHARS, '\\$&') + '"';
}

/** Input text as its position reads it: "$" stays where nginx reads no variables, else becomes ${ingressctl_dollar} (rewrite keeps $1…$9). */
export function escapeDollars(value: string, reading: Reading): string {
  if (reading === 'plain' || reading === 'regex' || !value.includes('$')) return value;
  return value.replace(reading === 'captures' ? DOLLAR_NOT_CAPTURE : DOLLAR_SIGN, DOLLAR);
}

/** Input text as the position reads it, refused (an internal error: emitters ask unquotable first) when it cannot be written. */
function checkedText(value: string, reading: Reading): string {
  const problem = unquotable(value, reading);
  if (problem) throw new Error(`internal: refusing to write ${JSON.stringify(value)} into nginx.conf: ${problem}`);
  return escapeDollars(value, reading);
}

/** One argument of directive `name` (block entries: the block's name and ":") at `index`. */
export function serializeArg(name: string, args: readonly Arg[], index: number): string {
  const arg = args[index];
  if ('word' in arg) return arg.word;
  const positions = EXPANSION[name];
  if (!positions) throw new Error(`internal: input text in directive ${JSON.stringify(name)}, which quote.ts's EXPANSION table does not name`);
  const reading = positions(index, args);
  // one text: checkedText has refused anything but printable ASCII, and "$" escaping adds only that
  if (!('join' in arg)) return quote(checkedText(arg.text, reading));
  let out = '';
  for (const p of arg.join) out += 'word' in p ? p.word : checkedText(p.text, reading);
  if (NOT_PRINTABLE.test(out)) throw new Error(`internal: refusing to write ${JSON.stringify(out)} into nginx.conf`);
  return quote(out);
}
