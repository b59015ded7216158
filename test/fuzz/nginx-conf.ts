// nginx.conf read the way nginx's own lexer reads it (ngx_conf_read_token): tokens end at
// whitespace, ";" or "{"; "#" at the start of a token comments out the rest of the line;
// quoted strings keep everything up to the unescaped closing quote; "\" escapes the next
// character. The result is a tree of directives with the source offsets of each token,
// used to compare structures and to splice many configs into one `nginx -t` run.

export interface Token {
  text: string;
  quoted: boolean;
  start: number;
  end: number;
}

export interface ConfDirective {
  name: Token;
  args: Token[];
  block?: ConfDirective[];
  /** offsets of the whole directive, through its ";" or "}" */
  start: number;
  end: number;
}

export class ConfSyntaxError extends Error {}

export function parseConf(text: string): ConfDirective[] {
  let i = 0;
  const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

  const token = (): Token | ';' | '{' | '}' | undefined => {
    for (;;) {
      while (i < text.length && isSpace(text[i])) i++;
      if (i >= text.length) return undefined;
      if (text[i] === '#') {
        while (i < text.length && text[i] !== '\n') i++;
        continue;
      }
      break;
    }
    const c = text[i];
    if (c === ';' || c === '{' || c === '}') {
      i++;
      return c;
    }
    const start = i;
    if (c === '"' || c === "'") {
      i++;
      let value = '';
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) {
          const n = text[i + 1];
          value += n === '"' || n === "'" || n === '\\' ? n : n === 't' ? '\t' : n === 'r' ? '\r' : n === 'n' ? '\n' : '\\' + n;
          i += 2;
        } else value += text[i++];
      }
      if (i >= text.length) throw new ConfSyntaxError(`unterminated quoted string at offset ${start}`);
      i++;
      // nginx wants whitespace, ";" or "{" after a quoted string
      if (i < text.length && !isSpace(text[i]) && text[i] !== ';' && text[i] !== '{') throw new ConfSyntaxError(`unexpected ${JSON.stringify(text[i])} after a quoted string at offset ${i}`);
      return { text: value, quoted: true, start, end: i };
    }
    let value = '';
    while (i < text.length && !isSpace(text[i]) && text[i] !== ';' && text[i] !== '{') {
      if (text[i] === '\\' && i + 1 < text.length) {
        value += text[i + 1];
        i += 2;
      } else value += text[i++];
    }
    return { text: value, quoted: false, start, end: i };
  };

  const directives = (closing: boolean): ConfDirective[] => {
    const out: ConfDirective[] = [];
    let current: Token[] = [];
    for (;;) {
      const t = token();
      if (t === undefined) {
        if (closing || current.length) throw new ConfSyntaxError('unexpected end of file');
        return out;
      }
      if (t === '}') {
        if (!closing || current.length) throw new ConfSyntaxError(`unexpected "}" at offset ${i - 1}`);
        return out;
      }
      if (t === ';' || t === '{') {
        if (!current.length) throw new ConfSyntaxError(`unexpected ${JSON.stringify(t)} at offset ${i - 1}`);
        const [name, ...args] = current;
        const d: ConfDirective = { name, args, start: name.start, end: i };
        if (t === '{') {
          d.block = directives(true);
          d.end = i;
        }
        out.push(d);
        current = [];
        continue;
      }
      current.push(t);
    }
  };
  return directives(false);
}

/** The shape of a config: directive names, emitter words as written, every quoted value as "…". */
export function nginxStructure(directives: readonly ConfDirective[], indent = ''): string {
  return directives
    .map((d) => `${indent}${d.name.quoted ? '"…"' : d.name.text}${d.args.map((a) => ' ' + (a.quoted ? '"…"' : a.text)).join('')}${d.block ? ` {\n${nginxStructure(d.block, indent + '  ')}${indent}}` : ';'}\n`)
    .join('');
}
