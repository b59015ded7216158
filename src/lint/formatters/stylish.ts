// stylish: findings grouped by file, "line:col  severity  message  rule-id" with the hint
// dimmed on the line below, then a summary.
import { palette } from '../../cli/palette.js';
import type { Finding } from '../../findings/finding.js';
import type { Formatter } from '../types.js';

export const stylish: Formatter = (report, { color }) => {
  const c = palette(color);
  const paint = { error: c.red, warning: c.yellow, info: c.cyan };
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const file = f.file ?? '<input>';
    groups.set(file, [...(groups.get(file) ?? []), f]);
  }
  let out = '';
  for (const [file, findings] of groups) {
    out += `${c.underline(file)}\n`;
    const rows = findings.map((f) => [f.line ? `${f.line}:${f.column ?? 1}` : '', f.severity, f.message.replace(/\s*\n\s*/g, ' '), f.ruleId]);
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => r[1].length));
    rows.forEach((r, i) => {
      const sev = findings[i].severity;
      out += `  ${c.dim(r[0].padEnd(w0))}  ${paint[sev](r[1].padEnd(w1))}  ${r[2]}  ${c.dim(r[3])}\n`;
      // the fix, dimmed, on a line of its own under the message
      const hint = findings[i].hint?.replace(/\s*\n\s*/g, ' ');
      if (hint) out += `  ${' '.repeat(w0)}  ${' '.repeat(w1)}  ${c.dim(hint)}\n`;
    });
    out += '\n';
  }
  const n = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) n[f.severity]++;
  const total = report.findings.length;
  if (!total) return '';
  const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  const line = `✖ ${plural(total, 'problem')} (${plural(n.error, 'error')}, ${plural(n.warning, 'warning')}, ${n.info} info)`;
  return out + (n.error ? c.red.bold(line) : n.warning ? c.yellow.bold(line) : c.bold(line)) + '\n';
};
