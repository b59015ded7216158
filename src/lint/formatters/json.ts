// json: one array of findings with every field present (null when unknown).
import type { Formatter } from '../types.js';

export const json: Formatter = (report) => {
  const rows = report.findings.map((f) => ({
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
  }));
  return JSON.stringify(rows, null, 2) + '\n';
};
