// Column alignment as Go's text/tabwriter does it (kubectl describe's layout): cells end at
// a tab; a column's width is set per block of consecutive lines that have a cell in it;
// the last cell of a line is not aligned. Minimum width 0, padding 2, spaces.
const PADDING = 2;

export function tabbed(text: string): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const widths: number[] = [];
  const out: string[] = [];
  const write = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      out.push(cells.map((c, j) => (j < cells.length - 1 ? c.padEnd(widths[j] ?? 0) : c)).join(''));
    }
  };
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i].length - 1) continue;
      write(line0, i);
      line0 = i;
      let width = 0;
      for (; i < line1 && column < lines[i].length - 1; i++) width = Math.max(width, lines[i][column].length + PADDING);
      widths.push(width);
      format(line0, i);
      widths.pop();
      line0 = i;
      i--; // the loop's i++ comes back to the line that ended the block
    }
    write(line0, line1);
  };
  format(0, lines.length);
  return out.join('\n');
}
