// Test results as text (with a request × engine matrix for several engines), JSON, JUnit or TAP.
import { palette, type Palette } from '../cli/palette.js';
import type { CaseResult } from './types.js';

export type ReportFormat = 'text' | 'json' | 'junit' | 'tap';

export function summary(results: readonly CaseResult[]): { passed: number; failed: number; skipped: number } {
  return {
    passed: results.filter((r) => r.outcome === 'pass').length,
    failed: results.filter((r) => r.outcome === 'fail').length,
    skipped: results.filter((r) => r.outcome === 'skip').length,
  };
}

const where = (r: CaseResult) => `${r.case.file}:${r.case.line}:${r.case.column}`;

export function reportText(results: readonly CaseResult[], engines: readonly string[], color: boolean): string {
  const c = palette(color);
  const mark = { pass: c.green('PASS'), fail: c.red('FAIL'), skip: c.yellow('SKIP') };
  const lines: string[] = [];
  for (const r of results) {
    const label = engines.length > 1 ? `${r.engine.padEnd(8)}` : '';
    lines.push(`${label}${mark[r.outcome]}  ${r.case.name}${r.outcome === 'pass' ? '' : c.dim(`  (${where(r)})`)}`);
    for (const m of r.mismatches) lines.push(`        ${m.field}: expected ${c.green(m.expected)}, got ${c.red(m.actual)}`);
    if (r.note) lines.push(`        ${r.note}`);
    if (r.unchecked.length && r.outcome !== 'skip') lines.push(c.dim(`        not checked by the ${r.engine} engine: ${r.unchecked.join(', ')}`));
  }
  if (engines.length > 1) lines.push('', matrix(results, engines, c));
  const s = summary(results);
  lines.push('', `${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}`);
  return lines.join('\n') + '\n';
}

function matrix(results: readonly CaseResult[], engines: readonly string[], c: Palette): string {
  const names = [...new Set(results.map((r) => r.case.name))];
  const width = Math.max(7, ...names.map((n) => n.length));
  const cell = { pass: c.green('pass'), fail: c.red('FAIL'), skip: c.yellow('skip') };
  const out = [`${'REQUEST'.padEnd(width)}  ${engines.map((e) => e.padEnd(8)).join('')}`.trimEnd()];
  for (const n of names) {
    const row = engines.map((e) => {
      const r = results.find((x) => x.case.name === n && x.engine === e);
      return r ? cell[r.outcome] + ' '.repeat(4) : '-'.padEnd(8);
    });
    out.push(`${n.padEnd(width)}  ${row.join('')}`.trimEnd());
  }
  return out.join('\n');
}

export function reportJson(results: readonly CaseResult[]): string {
  return (
    JSON.stringify(
      {
        summary: summary(results),
        results: results.map((r) => ({ name: r.case.name, engine: r.engine, outcome: r.outcome, file: r.case.file, line: r.case.line, column: r.case.column, mismatches: r.mismatches, unchecked: r.unchecked, ...(r.note ? { note: r.note } : {}) })),
      },
      null,
      2,
    ) + '\n'
  );
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');

export function reportJunit(results: readonly CaseResult[], engines: readonly string[]): string {
  const s = summary(results);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="ingressctl test" tests="${results.length}" failures="${s.failed}" skipped="${s.skipped}">`];
  for (const e of engines) {
    const rs = results.filter((r) => r.engine === e);
    const es = summary(rs);
    out.push(`  <testsuite name="${xml(e)}" tests="${rs.length}" failures="${es.failed}" skipped="${es.skipped}">`);
    for (const r of rs) {
      out.push(`    <testcase classname="${xml(e)}" name="${xml(r.case.name)}" file="${xml(r.case.file)}" line="${r.case.line}">`);
      if (r.outcome === 'fail') {
        const text = [...r.mismatches.map((m) => `${m.field}: expected ${m.expected}, got ${m.actual}`), ...(r.note ? [r.note] : [])].join('\n');
        out.push(`      <failure message="${xml(text.split('\n')[0])}">${xml(text)}</failure>`);
      } else if (r.outcome === 'skip') out.push(`      <skipped message="${xml(r.note ?? 'skipped')}"/>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

export function reportTap(results: readonly CaseResult[]): string {
  const out = ['TAP version 13', `1..${results.length}`];
  results.forEach((r, i) => {
    const name = `${r.engine}: ${r.case.name}`.replace(/#/g, '\\#');
    if (r.outcome === 'skip') out.push(`ok ${i + 1} - ${name} # SKIP ${r.note ?? ''}`.trimEnd());
    else if (r.outcome === 'pass') out.push(`ok ${i + 1} - ${name}`);
    else {
      out.push(`not ok ${i + 1} - ${name}`, '  ---', `  at: ${r.case.file}:${r.case.line}:${r.case.column}`);
      for (const m of r.mismatches) out.push(`  ${m.field}: ${JSON.stringify({ expected: m.expected, actual: m.actual })}`);
      if (r.note) out.push(`  note: ${JSON.stringify(r.note)}`);
      out.push('  ...');
    }
  });
  return out.join('\n') + '\n';
}
