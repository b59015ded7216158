import { terminalCell } from './terminal.js';

/** A plain text table: columns padded to the widest cell (cells may carry colour codes). */
export function table(header: string[], rawRows: string[][], paintHeader: (s: string) => string = (s) => s): string {
  const rows = rawRows.map((r) => r.map(terminalCell));
  const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').length;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => visible(r[i] ?? ''))));
  const line = (cells: string[], paint = (s: string) => s) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? paint(c) : paint(c) + ' '.repeat(widths[i] - visible(c) + 2)))
      .join('')
      .trimEnd() + '\n';
  return line(header, paintHeader) + rows.map((r) => line(r)).join('');
}
