// The CRDs' schema and CEL rules on objects the API server accepts and rejects (test/cases/gateway-cel-cases.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CEL_CASES } from '../cases/gateway-cel-cases.js';
import { lintText } from '../lint/helpers.js';

const API_RULES = new Set(['schema', 'crd-validation']);

for (const c of CEL_CASES) {
  test(`${c.wantErrors.length ? 'rejects' : 'accepts'}: ${c.source}`, () => {
    const found = lintText(c.yaml).findings.filter((f) => API_RULES.has(f.ruleId));
    const shown = found.map((f) => `${f.line}:${f.column} [${f.ruleId}] ${f.message}`).join('\n') || '(none)';
    if (!c.wantErrors.length) {
      assert.is(found.length, 0, `expected the object to be accepted, got:\n${shown}`);
      return;
    }
    for (const want of c.wantErrors) assert.ok(found.some((f) => f.message.includes(want)), `missing "${want}" in:\n${shown}`);
  });
}

test.run();
