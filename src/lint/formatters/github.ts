// github: GitHub Actions workflow commands, one line per finding (annotations on the PR).
import type { Severity } from '../../findings/finding.js';
import type { Formatter } from '../types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Message text: % and line breaks escaped, as the runner decodes them. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values: also ":" and ",", which separate properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const github: Formatter = (report) =>
  report.findings
    .map((f) => {
      const props: [string, string | number | undefined][] = [
        ['file', f.file],
        ['line', f.line],
        ['col', f.column],
        ['endLine', f.endLine],
        ['endColumn', f.endColumn],
        ['title', f.ruleId],
      ];
      const p = props
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
        .join(',');
      return `::${COMMAND[f.severity]} ${p}::${escapeData(f.message)}\n`;
    })
    .join('');
