// The injection fuzz as a test: a fixed seed (reproducible) and `runs` cases per target,
// or FUZZ_RUNS / FUZZ_SEED from the environment. `npm test` runs a short pass
// (injection.test.ts), `npm run test:slow` the full one (injection.slow.test.ts);
// `npm run fuzz` runs more with a fresh seed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runFuzz } from './harness.js';
import { FUZZ_TARGETS } from './targets.js';

export function injectionFuzz(defaultRuns: number): void {
  const runs = Number(process.env.FUZZ_RUNS ?? defaultRuns);
  const seed = Number(process.env.FUZZ_SEED ?? 20_260_801);
  test(`hostile manifests: ${runs} cases per target are refused at their field or render to configs of the twin's structure that the real parsers accept`, () => {
    const missing = FUZZ_TARGETS.filter((t) => !t.parser).map((t) => t.name);
    if (missing.length) {
      if (process.env.INGRESSCTL_REQUIRE_ENGINES === '1') assert.unreachable(`real parser missing for ${missing.join(', ')} (INGRESSCTL_REQUIRE_ENGINES=1)`);
      console.log(`fuzz: no real parser for ${missing.join(', ')}; those targets get the structural checks only`);
    }
    const scratch = mkdtempSync(join(tmpdir(), 'ingressctl-fuzz-'));
    try {
      const report = runFuzz({ runs, seed, scratch });
      const failures = [report.failure, ...report.targets.map((t) => t.failure)].filter(Boolean);
      assert.is(failures.length, 0, failures.join('\n\n'));
      for (const t of report.targets) {
        assert.ok(t.cases >= runs, `${t.target}: ${t.cases} cases`);
        // the generator must also produce hostile values that are accepted and written, not only refused ones
        assert.ok(t.written > runs / 10, `${t.target}: hostile values written in only ${t.written} cases`);
        if (t.parser) assert.ok(t.parser.runs > 0, `${t.target}: ${t.parser.name} never ran`);
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
}
