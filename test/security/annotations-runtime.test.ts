// Runtime injection checks for every annotation whose value reaches a header, on real
// nginx, real HAProxy and serve: a fixed set of hostile values (the slow suite adds random
// ones). Each value is refused with a finding, or applied exactly as the model holds it,
// with no added header, cookie attribute or expanded variable in the answer or upstream.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { testNeeding } from '../needs.js';
import { annotationCases, casesModel, caseProblems, fixedValues, KINDS, requestsFor } from './annotation-cases.js';
import { available, RUNTIME_TARGETS, startRuntime } from './runtime.js';

const t = suite('injection at run time: annotation values copied into headers');
const cases = annotationCases(KINDS, fixedValues);

for (const target of RUNTIME_TARGETS) {
  testNeeding(t, target, available(target), `${target}: ${cases.length} hostile and plain values of ${KINDS.join(', ')}`, async () => {
    const model = casesModel(cases);
    const run = await startRuntime(target, model);
    const problems: string[] = [];
    let sent = 0;
    try {
      for (const c of cases) {
        for (const [path, headers] of requestsFor(c)) {
          const a = await run.send('http', c.host, path, headers);
          sent++;
          problems.push(...caseProblems(model, c, a).map((p) => `${c.kind} ${JSON.stringify(c.value)} ${path}: ${p}`));
        }
      }
    } finally {
      await run.close();
    }
    assert.ok(sent >= cases.length, `${sent} requests`);
    assert.equal(problems, [], problems.join('\n'));
  });
}

t.run();
