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
 * backend): frozen, and serialised once per indent and enclosing block, the text reused.
 */
const sharedText = new WeakMap<readonly Directive[], { indent: string; parent: string; text: string } | null>();

/** Marks a block's directives as shared: never changed again, so its text can be reused. */
export function shared<T extends readonly Directive[]>(directives: T): T {
  Object.freeze(directives);
  if (!sharedText.has(directives)) sharedText.set(directives, null);
  return directives;
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
  write(directives, '', lines, '');
  return lines;
}

/**
 * Lines into one array, joined once: configs of 100k routes are large. `parent`: the
 * enclosing block's name, which says how nginx reads an entry of a map (quote.ts).
 */
const goodNames = new Set<string>();

function write(directives: Iterable<Directive>, indent: string, lines: string[], parent: string): void {
  for (const dir of directives) {
    if (!goodNames.has(dir.name)) {
      if (!NAME.test(dir.name)) throw new Error(`internal: bad directive name ${JSON.stringify(dir.name)}`);
      goodNames.add(dir.name);
    }
    // comments may name files and objects: one short line of printable ASCII, always
    // (nginx reads a comment as one token, and fails on one longer than its buffer)
    if (dir.comment !== undefined) lines.push(`${indent}# ${shorten(UNPRINTABLE.test(dir.comment) ? dir.comment.replace(UNPRINTABLE_ALL, '?') : dir.comment)}\n`);
    if (dir.raw !== undefined) {
      for (const line of dir.raw.replace(/\r/g, '').split('\n')) lines.push(`${indent}${line}\n`);
      lines.push(`${indent}# END snippet\n`);
      continue;
    }
    const table = dir.name || `${parent}:`;
    let head = indent + (dir.name ? dir.name + (dir.args.length ? ' ' : '') : '');
    for (let i = 0; i < dir.args.length; i++) head += (i ? ' ' : '') + serializeArg(table, dir.args, i);
    if (dir.block) {
      lines.push(head + ' {\n');
      if (typeof dir.block !== 'function') {
        const memo = sharedText.get(dir.block);
        if (memo === undefined) write(dir.block, indent + '    ', lines, dir.name);
        else if (memo && memo.indent === indent && memo.parent === dir.name) lines.push(memo.text);
        else {
          const piece: string[] = [];
          write(dir.block, indent + '    ', piece, dir.name);
          const text = piece.join('');
          // the first place's indent is kept: every location of a host is at the same depth
          if (!memo) sharedText.set(dir.block, { indent, parent: dir.name, text });
          lines.push(text);
        }
      } else {
        // each generated child as one string: short-lived pieces instead of millions of retained lines
        for (const child of dir.block()) {
          const piece: string[] = [];
          write([child], indent + '    ', piece, dir.name);
          lines.push(piece.join(''));
        }
      }
      lines.push(indent + '}\n');
    } else lines.push(head + ';\n');
  }
}
