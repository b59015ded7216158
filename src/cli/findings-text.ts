// Findings as plain lines on stderr (lint has its own formatters).
import { palette } from './palette.js';
import type { Finding } from '../findings/finding.js';
import { sortFindings } from '../findings/finding.js';

export function findingLines(findings: readonly Finding[], color: boolean): string {
  const c = palette(color);
  const paint = { error: c.red, warning: c.yellow, info: c.cyan };
  return sortFindings([...findings])
    .map((f) => {
      const where = f.file ? `${f.file}${f.line ? `:${f.line}:${f.column ?? 1}` : ''}: ` : '';
      return `${where}${paint[f.severity](f.severity)}: ${f.message} ${c.dim(`[${f.ruleId}]`)}\n`;
    })
    .join('');
}
