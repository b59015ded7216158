// junit: one testsuite per file, one testcase per finding (errors and warnings fail);
// a file without findings has one passing testcase, so CI shows it was checked.
import type { Finding } from '../../findings/finding.js';
import type { Formatter } from '../types.js';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');

export const junit: Formatter = (report) => {
  const byFile = new Map<string, Finding[]>();
  for (const file of report.files) byFile.set(file, []);
  for (const f of report.findings) {
    const file = f.file ?? '<input>';
    byFile.set(file, [...(byFile.get(file) ?? []), f]);
  }
  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const [file, findings] of byFile) {
    const cases: string[] = [];
    let suiteFailures = 0;
    for (const f of findings) {
      const name = xml(`${f.line ?? 0}:${f.column ?? 0} ${f.ruleId}`);
      const text = xml([f.message, f.path ? `field: ${f.path}` : '', f.object ? `object: ${f.object}` : '', f.hint ? `hint: ${f.hint}` : ''].filter(Boolean).join('\n'));
      if (f.severity === 'info') cases.push(`    <testcase classname="${xml(file)}" name="${name}">\n      <system-out>${text}</system-out>\n    </testcase>`);
      else {
        suiteFailures++;
        cases.push(`    <testcase classname="${xml(file)}" name="${name}">\n      <failure type="${f.severity}" message="${xml(f.message)}">${text}</failure>\n    </testcase>`);
      }
    }
    if (!cases.length) cases.push(`    <testcase classname="${xml(file)}" name="ingressctl lint"/>`);
    tests += cases.length;
    failures += suiteFailures;
    suites.push(`  <testsuite name="${xml(file)}" tests="${cases.length}" failures="${suiteFailures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ingressctl lint" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
};
