// haproxy.cfg read the way HAProxy's lexer reads it (configuration.txt §2.2): a line is cut
// into words at blanks; "#" at the start of a word comments out the rest of the line; a
// backslash escapes the next character outside single quotes; single quotes keep
// everything; double quotes keep backslash escapes.

export class CfgSyntaxError extends Error {}

export function haproxyWords(line: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length || line[i] === '#') break;
    let w = '';
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') {
      const c = line[i];
      if (c === "'" || c === '"') {
        const end = line.indexOf(c, i + 1);
        let j = i + 1;
        if (c === '"') while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
        else j = end;
        if (j === -1 || j >= line.length) throw new CfgSyntaxError(`unterminated quote in ${JSON.stringify(line.slice(0, 80))}`);
        w += line.slice(i + 1, j);
        i = j + 1;
      } else if (c === '\\') {
        w += line[i + 1] ?? '';
        i += 2;
      } else w += line[i++];
    }
    words.push(w);
  }
  return words;
}

/** The shape of haproxy.cfg: per line its indentation, first word (the keyword) and word count. */
export function haproxyStructure(text: string): string {
  return text
    .split('\n')
    .map((line) => ({ indent: /^\s/.test(line), words: haproxyWords(line) }))
    .filter((l) => l.words.length)
    .map((l) => `${l.indent ? '  ' : ''}${l.words[0]} ×${l.words.length}`)
    .join('\n');
}
