// sarif: SARIF 2.1.0 with the metadata of the rules that reported and real regions.
import type { Severity } from '../../findings/finding.js';
import type { Formatter } from '../types.js';
import { fileUri } from './uri.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export const sarif: Formatter = (report, { cwd }) => {
  const ids = [...new Set(report.findings.map((f) => f.ruleId))].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const rules = ids.map((id) => {
    const m = report.rules.get(id);
    return {
      id,
      ...(m
        ? {
            shortDescription: { text: m.description },
            fullDescription: { text: m.details },
            help: { text: `${m.details}\n\nBad:\n${m.bad}\n\nGood:\n${m.good}`, markdown: `${m.details}\n\nBad:\n\n\`\`\`yaml\n${m.bad}\n\`\`\`\n\nGood:\n\n\`\`\`yaml\n${m.good}\n\`\`\`` },
            defaultConfiguration: { level: LEVEL[m.severity] },
            properties: { category: m.category },
          }
        : {}),
    };
  });
  const results = report.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId)!,
    level: LEVEL[f.severity],
    message: { text: f.hint ? `${f.message}\n${f.hint}` : f.message },
    ...(f.file
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: fileUri(f.file, cwd) },
                ...(f.line
                  ? { region: { startLine: f.line, startColumn: Math.max(1, f.column ?? 1), ...(f.endLine && f.endLine >= f.line ? { endLine: f.endLine, endColumn: Math.max(1, f.endColumn ?? 1) } : {}) } }
                  : {}),
              },
              ...(f.object ? { logicalLocations: [{ fullyQualifiedName: f.path ? `${f.object} ${f.path}` : f.object, kind: 'object' }] } : {}),
            },
          ],
        }
      : {}),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'ingressctl', version: report.version, rules } }, results }],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
