// The injection fuzz: for each generated case and each target, the hostile manifests and
// their benign twin are rendered; the findings must agree (same rules at the same fields),
// the structures must be equal, and the hostile output must pass the target's real parser.
// Cheap checks run per case inside fast-check; the real parser runs afterwards over many
// cases at once, and a case it refuses is replayed alone (same seed and run index) so that
// fast-check shrinks it to a minimal counterexample.
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EmitOptions, EmitResult } from '../../src/emit/types.js';
import { readAnnotations } from '../../src/model/annotations/index.js';
import type { Finding } from '../../src/findings/finding.js';
import { parseText } from '../../src/load/parse.js';
import { resolve } from '../../src/model/resolve.js';
import { emitters } from '../../src/emit/index.js';
import { caseArb, manifestText, materialize, slotsOf, templateOf, type CaseSpec } from './cases.js';
import { EMIT_BASE, FUZZ_TARGETS, type FuzzTarget } from './targets.js';
import { makeTwin } from './twin.js';

export interface FuzzOptions {
  runs: number;
  seed: number;
  /** a folder for bundles (removed by the caller) */
  scratch: string;
  targets?: FuzzTarget[];
  batchSize?: number;
}

export interface TargetReport {
  target: string;
  /** cases checked against this target (skipped ones not counted) */
  cases: number;
  /** the real parser: its name, and how many times it ran; undefined when it is not installed */
  parser?: { name: string; runs: number };
  /** cases whose hostile output differed from the twin's text, i.e. hostile values were written (quoted) */
  written: number;
  failure?: string;
}

export interface FuzzReport {
  seed: number;
  runs: number;
  skipped: number;
  /** cases in which the model or an emitter refused something (an error finding) */
  refused: number;
  targets: TargetReport[];
  /** a failure of the per-case checks (findings, structure, quick parser checks), shrunk */
  failure?: string;
  ms: number;
}

interface Rendered {
  findings: Finding[];
  results: Map<string, EmitResult>;
}

function build(text: string, targets: FuzzTarget[], options: EmitOptions): Rendered {
  const parsed = parseText('fuzz.yaml', text);
  for (const d of parsed.documents) {
    const ns = d.obj.metadata?.namespace;
    d.namespace = typeof ns === 'string' && ns ? ns : 'default';
  }
  const model = resolve(parsed.documents);
  const results = new Map<string, EmitResult>();
  for (const t of targets) results.set(t.name, emitters[t.name]!(model, options));
  return { findings: [...parsed.findings, ...model.findings], results };
}

/** What must agree between a case and its twin: each finding's rule, severity and field, never its message. */
const findingKeys = (fs: readonly Finding[]) => fs.map((f) => `${f.severity} ${f.ruleId} at ${f.path ?? '(no field)'}`).sort();

export interface CaseOutcome {
  skip?: boolean;
  problems: string[];
  hostile?: Rendered;
  text: string;
  refused: boolean;
  written: Set<string>;
}

export function checkCase(spec: CaseSpec, targets: FuzzTarget[], options: EmitOptions): CaseOutcome {
  const template = templateOf(spec);
  const text = manifestText(materialize(template, (s) => s.v) as unknown[]);
  const parsed = parseText('fuzz.yaml', text);
  const regexIngresses = new Set<number>();
  parsed.documents.filter((d) => d.kind === 'Ingress').forEach((d, i) => readAnnotations(d).result.useRegex && regexIngresses.add(i));
  const twin = makeTwin(slotsOf(template), regexIngresses);
  const out: CaseOutcome = { problems: [], text, refused: false, written: new Set() };
  if (!twin) return { ...out, skip: true };
  const twinText = manifestText(materialize(template, twin) as unknown[]);

  const hostile = build(text, targets, options);
  const benign = build(twinText, targets, options);
  out.hostile = hostile;
  const modelKeys = [findingKeys(hostile.findings), findingKeys(benign.findings)];
  if (modelKeys[0].join('\n') !== modelKeys[1].join('\n')) out.problems.push(`model findings differ from the twin's:\n${diff(modelKeys[0], modelKeys[1])}`);
  out.refused = hostile.findings.some((f) => f.severity === 'error');
  for (const f of hostile.findings) if (f.severity === 'error' && (!f.path || !f.line)) out.problems.push(`an error finding names no field: ${f.ruleId}: ${f.message}`);

  for (const t of targets) {
    const h = hostile.results.get(t.name)!;
    const b = benign.results.get(t.name)!;
    const keys = [findingKeys(h.findings), findingKeys(b.findings)];
    if (keys[0].join('\n') !== keys[1].join('\n')) out.problems.push(`${t.name}: findings differ from the twin's:\n${diff(keys[0], keys[1])}`);
    if (h.findings.some((f) => f.severity === 'error')) out.refused = true;
    for (const f of h.findings) if (f.severity === 'error' && !f.path) out.problems.push(`${t.name}: an error finding names no field: ${f.ruleId}: ${f.message}`);
    let structures: string[];
    try {
      structures = [t.structure(h), t.structure(b)];
    } catch (err) {
      out.problems.push(`${t.name}: the output does not parse: ${(err as Error).message}`);
      continue;
    }
    if (structures[0] !== structures[1]) out.problems.push(`${t.name}: structure differs from the twin's:\n${diff(structures[0].split('\n'), structures[1].split('\n'))}`);
    out.problems.push(...t.quickCheck(h).map((p) => `${t.name}: ${p}`));
    const mainOf = (r: EmitResult) => r.files.find((f) => f.path === r.mainFile)!.content;
    if (mainOf(h) !== mainOf(b)) out.written.add(t.name);
    if (h.files.some((f) => f.path.includes('..') || f.path.startsWith('/'))) out.problems.push(`${t.name}: a file path leaves the bundle`);
  }
  return out;
}

/** The lines only one side has (first few). */
function diff(a: string[], b: string[]): string {
  const onlyA = a.filter((x) => !b.includes(x)).slice(0, 8);
  const onlyB = b.filter((x) => !a.includes(x)).slice(0, 8);
  if (!onlyA.length && !onlyB.length) {
    const i = a.findIndex((x, n) => x !== b[n]);
    return `  first difference at line ${i + 1}:\n  - ${a[i]}\n  + ${b[i]}`;
  }
  return [...onlyA.map((x) => `  - ${x}`), ...onlyB.map((x) => `  + ${x}`)].join('\n');
}

/** Values over 120 characters shortened, so that a counterexample stays readable. */
const shorten = (v: string) => (v.length > 120 ? `${v.slice(0, 60)}…(${v.length} characters)…${v.slice(-20)}` : v);

function describe(spec: CaseSpec, problems: string[]): string {
  const text = manifestText(materialize(templateOf(spec), (s) => shorten(s.v)) as unknown[]);
  return `${problems.join('\n')}\n--- the manifests (minimal counterexample):\n${text}`;
}

export function runFuzz(options: FuzzOptions): FuzzReport {
  const started = Date.now();
  const targets = options.targets ?? FUZZ_TARGETS;
  const batchSize = options.batchSize ?? 250;
  const report: FuzzReport = { seed: options.seed, runs: options.runs, skipped: 0, refused: 0, targets: targets.map((t) => ({ target: t.name, cases: 0, written: 0, ...(t.parser ? { parser: { name: t.parser, runs: 0 } } : {}) })), ms: 0 };
  // a parser without a batch mode ran once per case, in the quick checks
  const perCase = (t: FuzzTarget) => !t.batchCheck && t.parser;
  const byName = new Map(report.targets.map((r) => [r.target, r]));
  const collected: { index: number; results: Map<string, EmitResult> }[] = [];
  let calls = 0;
  let failed = false;

  const quick = fc.property(caseArb, (spec) => {
    const index = calls++;
    const slot = collected.length % batchSize;
    const o = checkCase(spec, targets, { ...EMIT_BASE, httpPort: 20000 + 2 * slot, httpsPort: 20001 + 2 * slot });
    if (o.skip) {
      if (!failed) report.skipped++;
      fc.pre(false);
    }
    if (o.problems.length) {
      failed = true;
      throw new Error(describe(spec, o.problems));
    }
    if (failed) return;
    collected.push({ index, results: o.hostile!.results });
    if (o.refused) report.refused++;
    for (const t of targets) {
      byName.get(t.name)!.cases++;
      if (perCase(t)) byName.get(t.name)!.parser!.runs++;
      if (o.written.has(t.name)) byName.get(t.name)!.written++;
    }
  });
  const first = fc.check(quick, { numRuns: options.runs, seed: options.seed });
  if (first.failed) {
    report.failure = counterexample(first);
    report.ms = Date.now() - started;
    return report;
  }

  // the real parsers, over many cases at once
  for (const t of targets) {
    if (!t.parser || !t.batchCheck) continue;
    const r = byName.get(t.name)!;
    for (let i = 0; i < collected.length && !r.failure; i += batchSize) {
      const dir = mkdtempSync(join(options.scratch, `${t.name}-batch-`));
      try {
        const batch = collected.slice(i, i + batchSize).map((c) => ({ index: c.index, result: c.results.get(t.name)! }));
        const { bad, runs } = t.batchCheck(dir, batch);
        r.parser!.runs += runs;
        if (bad.length) r.failure = replay(t, bad[0], options);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  report.ms = Date.now() - started;
  return report;
}

/** Run `index` again, alone and with the real parser, and let fast-check shrink it. */
function replay(t: FuzzTarget, index: number, options: FuzzOptions): string {
  const full = fc.property(caseArb, (spec) => {
    const o = checkCase(spec, [t], EMIT_BASE);
    if (o.skip) fc.pre(false);
    const problems = [...o.problems];
    if (!problems.length) {
      const dir = mkdtempSync(join(options.scratch, `${t.name}-single-`));
      try {
        const p = t.singleCheck!(join(dir, 'b'), o.hostile!.results.get(t.name)!);
        if (p) problems.push(`${t.name}: ${p}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    if (problems.length) throw new Error(describe(spec, problems));
  });
  const r = fc.check(full, { seed: options.seed, path: String(index) });
  return r.failed ? counterexample(r) : `case ${index} failed ${t.parser} in a batch but passed alone`;
}

function counterexample(r: { seed: number; counterexamplePath: string | null; numShrinks: number; errorInstance: unknown }): string {
  const err = r.errorInstance as Error | undefined;
  return `seed ${r.seed}, path ${r.counterexamplePath}, after ${r.numShrinks} shrinks:\n${err?.message ?? String(r.errorInstance)}`;
}
