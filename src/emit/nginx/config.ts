// nginx.conf as a tree of directives, serialised in one place (arguments through quote.ts).
import { serializeArg, word, type Arg } from './quote.js';

export interface Directive {
  /** '' for an entry of a map block, whose first argument is the key */
  name: string;
  args: Arg[];
  /** a block: `name args { … }` */
  block?: Directive[];
  /** a comment line written above the directive */
  comment?: string;
}

/** A directive whose arguments are all emitter words, e.g. d('proxy_http_version', '1.1'). */
export function d(name: string, ...args: (string | number | Arg)[]): Directive {
  return { name, args: args.map((a) => (typeof a === 'object' ? a : word(a))) };
}

export function block(name: string, args: (string | number | Arg)[], body: Directive[], comment?: string): Directive {
  return { ...d(name, ...args), block: body, ...(comment ? { comment } : {}) };
}

/** A map block entry: `key value;`. */
export function entry(key: Arg, value: string | number | Arg): Directive {
  return { name: '', args: [key, typeof value === "object" ? value : word(value)] };
}

const NAME = /^([a-z_][a-z0-9_]*)?$/;

export function serialize(directives: readonly Directive[], indent = ''): string {
  let out = '';
  for (const dir of directives) {
    if (!NAME.test(dir.name)) throw new Error(`internal: bad directive name ${JSON.stringify(dir.name)}`);
    // comments may name files and objects: one line of printable ASCII, always
    if (dir.comment !== undefined) out += `${indent}# ${dir.comment.replace(/[^\x20-\x7e]/g, '?')}\n`;
    const head = [...(dir.name ? [dir.name] : []), ...dir.args.map(serializeArg)].join(' ');
    if (dir.block) {
      out += `${indent}${head} {\n${serialize(dir.block, indent + '    ')}${indent}}\n`;
    } else out += `${indent}${head};\n`;
  }
  return out;
}
