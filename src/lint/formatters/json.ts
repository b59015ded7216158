// json: one array of findings with every field present (null when unknown), written
// finding by finding (the same text as JSON.stringify of the whole array, indent 2).
import type { Finding } from '../../findings/finding.js';
import type { Formatter, LintReport } from '../types.js';

function row(f: Finding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.file ?? null,
    line: f.line ?? null,
    column: f.column ?? null,
    endLine: f.endLine ?? null,
    endColumn: f.endColumn ?? null,
    path: f.path ?? null,
    object: f.object ?? null,
    hint: f.hint ?? null,
  };
}

export function writeJson(report: LintReport, write: (text: string) => void): void {
  const { findings } = report;
  if (!findings.length) return write('[]\n');
  write('[\n');
  findings.forEach((f, i) => write('  ' + JSON.stringify(row(f), null, 2).replace(/\n/g, '\n  ') + (i < findings.length - 1 ? ',\n' : '\n')));
  write(']\n');
}

export const json: Formatter = (report) => {
  let out = '';
  writeJson(report, (text) => {
    out += text;
  });
  return out;
};
