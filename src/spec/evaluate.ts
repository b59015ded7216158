// Runs spec cases on an engine and compares what happened with what was expected.
import type { CaseResult, Engine, Expectation, Mismatch, Observed, SpecCase } from './types.js';

const backendText = (b: { namespace: string; service: string; port?: number | string | null }) => `${b.namespace}/${b.service}${b.port !== undefined && b.port !== null ? `:${b.port}` : ''}`;

export function compare(expect: Expectation, seen: Observed, checks: ReadonlySet<keyof Expectation>): { mismatches: Mismatch[]; unchecked: (keyof Expectation)[] } {
  const mismatches: Mismatch[] = [];
  const unchecked: (keyof Expectation)[] = [];
  for (const field of Object.keys(expect) as (keyof Expectation)[]) {
    if (!checks.has(field)) {
      unchecked.push(field);
      continue;
    }
    if (field === 'backend') {
      const want = expect.backend!;
      const got = seen.backend;
      const ok = !!got && got.namespace === want.namespace && got.service === want.service && (want.port === undefined || String(got.port) === String(want.port));
      if (!ok) mismatches.push({ field, expected: backendText(want), actual: got ? backendText(got) : `no backend (status ${seen.status})` });
    } else if (field === 'weights') {
      for (const [k, share] of Object.entries(expect.weights!)) {
        // a backend named without its port takes the shares of all its ports
        const got = Object.entries(seen.weights ?? {}).reduce((n, [name, w]) => n + (name === k || (!/:/.test(k) && name.startsWith(`${k}:`)) ? w : 0), 0);
        // the model's shares are exact; sampled shares (serve) carry their own tolerance
        if (Math.abs(got - share) > (seen.weightTolerance ?? 1e-9)) mismatches.push({ field, expected: `${k} ${share}`, actual: `${k} ${Math.round(got * 1000) / 1000}${seen.weights ? '' : ' (no split)'}` });
      }
    } else if (field === 'headers') {
      for (const [k, v] of Object.entries(expect.headers!)) {
        const got = seen.headers?.[k.toLowerCase()];
        if (got !== v) mismatches.push({ field, expected: `${k}: ${v}`, actual: got === undefined ? `no ${k} header` : `${k}: ${got}` });
      }
    } else {
      const want = String(expect[field]);
      const got = seen[field];
      if (String(got) !== want) mismatches.push({ field, expected: want, actual: got === undefined ? '(none)' : String(got) });
    }
  }
  return { mismatches, unchecked };
}

export async function runCases(cases: readonly SpecCase[], engine: Engine): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) {
    try {
      const seen = await engine.send(c.request);
      const { mismatches, unchecked } = compare(c.expect, seen, engine.checks);
      results.push({ case: c, engine: engine.name, outcome: mismatches.length ? 'fail' : 'pass', mismatches, unchecked });
    } catch (err) {
      results.push({ case: c, engine: engine.name, outcome: 'fail', mismatches: [], unchecked: [], note: `request failed: ${(err as Error).message}` });
    }
  }
  return results;
}
