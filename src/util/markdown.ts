// Text from manifests inside a Markdown table (diff -o markdown in a PR comment, the
// gateway-api README): it stays one cell of text. Line breaks would end the row, "|" the
// cell; links, images, emphasis, code and HTML would make the text a different page
// (an image a reviewer's browser loads, a link that reads as something else). So would the
// ":" of "://": a bare URL becomes a link (GFM's autolinks).

/** Characters CommonMark gives a meaning that a backslash takes away (every ASCII punctuation may be escaped). */
const SPECIAL = /[\\`*_[\]<>!|~&#]|:(?=\/\/)/g;

const oneLine = (s: string) => s.replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, ' ');

/** A table cell of plain text. */
export function markdownCell(s: string): string {
  return oneLine(s).replace(SPECIAL, (c) => `\\${c}`);
}

/** A table cell as one code span: no escapes work inside one, so the fence is longer than any run of backticks in it; "|" still needs "\|" (the table is split first). */
export function markdownCode(s: string): string {
  const text = oneLine(s).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || text.startsWith(' ') || text.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
