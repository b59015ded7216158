// Every function the CRDs' CEL rules call is one the evaluator provides: the rules are
// scanned for calls, and each function is run once through the same environment.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { celTreeFor, evaluateRule, GATEWAY_SCHEMA_KEYS, toCel, type CelNode } from '../../src/gateway/cel.js';

function rulesOf(node: CelNode | undefined, out: string[] = []): string[] {
  if (!node) return out;
  for (const r of node.v ?? []) out.push(r.rule);
  for (const c of Object.values(node.p ?? {})) rulesOf(c, out);
  rulesOf(node.i, out);
  rulesOf(node.m, out);
  return out;
}

/** One expression per function, true when the function works as CEL defines it. */
const PROBES: Record<string, string> = {
  has: 'has(self.a) && !has(self.b)',
  all: '[1, 2].all(x, x > 0)',
  exists: '[1, 2].exists(x, x == 2)',
  exists_one: '[1, 2, 2].exists_one(x, x == 1)',
  filter: '[1, 2, 3].filter(x, x > 1).size() == 2',
  size: 'size("ab") == 2 && size([1]) == 1 && "abc".size() == 3',
  matches: '"abc".matches(r"""^a.c$""") && !"ABC".matches("^a")',
  split: '"a/b".split("/")[0] == "a"',
  startsWith: '"abc".startsWith("ab")',
  endsWith: '"abc".endsWith("bc")',
  contains: '"abc".contains("b")',
  duration: "duration('1h') > duration('59m') && duration('0s') == duration('0s')",
};

test('the CRD rules call only functions the evaluator provides, and each works', () => {
  const rules = new Set<string>();
  for (const key of GATEWAY_SCHEMA_KEYS) for (const r of rulesOf(celTreeFor(key))) rules.add(r);
  assert.ok(rules.size > 50, `${rules.size} rules`);
  const used = new Set<string>();
  for (const r of rules) {
    // calls: name( — outside string literals
    const code = r.replace(/r?"""[\s\S]*?"""|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
    for (const m of code.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)) used.add(m[1]);
  }
  const unknown = [...used].filter((f) => !(f in PROBES));
  assert.equal(unknown, [], `functions without a probe: ${unknown.join(', ')}`);
  for (const f of used) {
    const r = evaluateRule({ rule: PROBES[f] }, toCel({ t: 'o', p: { a: { t: 's' } } }, { a: 'x' }));
    assert.ok(r.ok, `${f}: ${JSON.stringify(r)}`);
  }
  console.log(`CEL: ${rules.size} distinct rules call ${[...used].sort().join(', ')}`);
});

test.run();
