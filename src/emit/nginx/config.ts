// nginx.conf as a tree of directives, serialised in one place (arguments through quote.ts,
// which decides from the directive and position how nginx reads each).
import { serializeArg, word, type Arg } from './quote.js';

export interface Directive {
  /** '' for an entry of a map block, whose first argument is the key */
  name: string;
  args: Arg[];
  /** a block: `name args { … }`; a function yields its directives while they are written, so a large tree is never whole in memory */
  block?: readonly Directive[] | (() => Iterable<Directive>);
  /** a comment line written above the directive */
  comment?: string;
  /** render --allow-snippets only: text copied as it is, between BEGIN/END comment lines (checked by snippets.ts) */
  raw?: string;
}

/** A directive whose arguments are all emitter words, e.g. d('proxy_http_version', '1.1'). */
export function d(name: string, ...args: (string | number | Arg)[]): Directive {
  return { name, args: args.map((a) => (typeof a === 'object' ? a : word(a))) };
}

export function block(name: string, args: (string | number | Arg)[], body: NonNullable<Directive['block']>, comment?: string): Directive {
  const dir: Directive = { name, args: args.map((a) => (typeof a === 'object' ? a : word(a))), block: body };
  if (comment) dir.comment = comment;
  return dir;
}

/** A map block entry: `key value;`. */
export function entry(key: Arg, value: string | number | Arg): Directive {
  return { name: '', args: [key, typeof value === "object" ? value : word(value)] };
}

const NAME = /^([a-z_][a-z0-9_]*)?$/;

/**
 * Blocks whose directives many places share (the same proxy body in every location of a
 * backend): frozen, and serialised once per depth and enclosing block, the text reused.
 */
const sharedText = new WeakMap<readonly Directive[], { depth: number; parent: string; text: string } | null>();

/** Marks a block's directives as shared: never changed again, so its text can be reused. */
export function shared<T extends readonly Directive[]>(directives: T): T {
  Object.freeze(directives);
  if (!sharedText.has(directives)) sharedText.set(directives, null);
  return directives;
}

/**
 * Four spaces a level, the line that closes a block at that level, the start of a comment
 * line, and each directive's name after the indent (with the space before its arguments):
 * made once, so a line is built from few pieces (every piece is copied again when the text
 * is joined).
 */
const INDENT: string[] = [''];
const CLOSE: string[] = ['}\n'];
const COMMENT: string[] = ['# '];
const HEADS: Map<string, string>[] = [new Map()];
function indentAt(depth: number): string {
  while (INDENT.length <= depth) {
    INDENT.push(INDENT[INDENT.length - 1] + '    ');
    CLOSE.push(INDENT[INDENT.length - 1] + '}\n');
    COMMENT.push(INDENT[INDENT.length - 1] + '# ');
    HEADS.push(new Map());
  }
  return INDENT[depth];
}

/** `indent name ` (or `indent name` for a directive without arguments) at `depth`, indentAt(depth) called before. */
function headAt(depth: number, name: string, withArgs: boolean): string {
  const heads = HEADS[depth];
  const key = withArgs ? name : name + '/';
  let head = heads.get(key);
  if (head === undefined) heads.set(key, (head = INDENT[depth] + (withArgs ? name + ' ' : name)));
  return head;
}

const COMMENT_LIMIT = 200;
const UNPRINTABLE = /[^\x20-\x7e]/;
const UNPRINTABLE_ALL = /[^\x20-\x7e]/g;
const shorten = (c: string) => (c.length > COMMENT_LIMIT ? c.slice(0, COMMENT_LIMIT - 3) + '...' : c);

export function serialize(directives: readonly Directive[]): string {
  return serializePieces(directives).join('');
}

/** The text in pieces (a line, or a whole server block): written out piece by piece, never joined (see chunks.ts). */
export function serializePieces(directives: readonly Directive[]): string[] {
  const lines: string[] = [];
  write(directives, 0, lines, '');
  return lines;
}

/** Characters in a piece of generated text: above V8's largest young-generation object (128 KiB). */
const PIECE = 1 << 18;

/** Directive names already checked against NAME. */
const goodNames = new Set<string>();

/**
 * Lines into one array, joined once: configs of 100k routes are large. `parent`: the
 * enclosing block's name, which says how nginx reads an entry of a map (quote.ts).
 */
function write(directives: readonly Directive[], depth: number, lines: string[], parent: string): void {
  const indent = indentAt(depth);
  for (let i = 0; i < directives.length; i++) writeOne(directives[i], depth, indent, lines, parent);
}

/** One directive (and its block) at `depth`: the lines pushed onto `lines`. */
function writeOne(dir: Directive, depth: number, indent: string, lines: string[], parent: string): void {
  const name = dir.name;
  if (!goodNames.has(name)) {
    if (!NAME.test(name)) throw new Error(`internal: bad directive name ${JSON.stringify(name)}`);
    goodNames.add(name);
  }
  // comments may name files and objects: one short line of printable ASCII, always
  // (nginx reads a comment as one token, and fails on one longer than its buffer)
  if (dir.comment !== undefined) lines.push(COMMENT[depth] + shorten(UNPRINTABLE.test(dir.comment) ? dir.comment.replace(UNPRINTABLE_ALL, '?') : dir.comment) + '\n');
  if (dir.raw !== undefined) {
    for (const line of dir.raw.replace(/\r/g, '').split('\n')) lines.push(`${indent}${line}\n`);
    lines.push(`${indent}# END snippet\n`);
    return;
  }
  const table = name || `${parent}:`;
  const args = dir.args;
  let head = name ? headAt(depth, name, args.length > 0) : indent;
  for (let i = 0; i < args.length; i++) head += i ? ' ' + serializeArg(table, args, i) : serializeArg(table, args, i);
  const body = dir.block;
  if (!body) {
    lines.push(head + ';\n');
    return;
  }
  lines.push(head + ' {\n');
  if (typeof body !== 'function') {
    const memo = sharedText.get(body);
    if (memo === undefined) write(body, depth + 1, lines, name);
    else if (memo && memo.depth === depth && memo.parent === name) lines.push(memo.text);
    else {
      const piece: string[] = [];
      write(body, depth + 1, piece, name);
      const text = piece.join('');
      // the first place's depth is kept: every location of a host is at the same depth
      if (!memo) sharedText.set(body, { depth, parent: name, text });
      lines.push(text);
    }
  } else {
    // generated children joined in strings of about PIECE characters: few retained strings
    // instead of millions of lines, and each large enough that V8 allocates it outside the
    // young generation, where the collector never copies it (a server's text alone was copied
    // twice on its way to the old generation)
    const inner = indentAt(depth + 1);
    let piece: string[] = [];
    let size = 0;
    for (const child of body()) {
      const start = piece.length;
      writeOne(child, depth + 1, inner, piece, name);
      for (let i = start; i < piece.length; i++) size += piece[i].length;
      if (size >= PIECE) {
        lines.push(piece.join(''));
        piece = [];
        size = 0;
      }
    }
    if (piece.length) lines.push(piece.join(''));
  }
  lines.push(CLOSE[depth]);
}
