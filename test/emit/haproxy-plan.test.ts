// The HAProxy plan's runs: consecutive decisions every rule for a set of decisions treats
// alike, so that such rules are decided once per run; the rules' output is as if decided
// per decision.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { planModel, type Decision, type PolicyRun } from '../../src/emit/haproxy/plan.js';
import { line, serialize, when, type Test } from '../../src/emit/haproxy/config.js';
import { forIds, type Ids } from '../../src/emit/haproxy/ids.js';
import { renderHaproxy } from '../../src/emit/haproxy/render.js';
import { planTarget } from '../../src/emit/plan.js';
import { ingress, modelOf } from '../helpers.js';

const OPTIONS = { httpPort: 80, httpsPort: 443, resolver: '10.96.0.10' };

// one host, three Ingresses whose routes interleave in model order (longest path first), one with a canary
const yaml =
  ingress('big', 'shop.example.com', [['/aaaaa', 'Prefix', 'web'], ['/aaaa', 'Prefix', 'web'], ['/ccc', 'Prefix', 'web'], ['/dd', 'Prefix', 'api']], { annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' } }) +
  ingress('small', 'shop.example.com', [['/bbbb', 'Prefix', 'web'], ['/e', 'Prefix', 'web']]) +
  ingress('web-canary', 'shop.example.com', [['/aaaa', 'Prefix', 'web-next']], { annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '10' } }) +
  ingress('other', 'other.example.com', [['/x', 'Prefix', 'web'], ['/y', 'Prefix', 'web']], { annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' } });

const planOf = () => {
  const model = modelOf(yaml);
  return planModel(model, planTarget(model, 'haproxy', {}), []);
};

const treatedAlike = (a: Decision, b: Decision) =>
  a.policy === b.policy && a.shared.headers === b.shared.headers && a.redirect === b.redirect && a.backend === b.backend && a.shared.rewriteTarget === b.shared.rewriteTarget && a.source === b.source;

test('runs cut the decisions in order; a run holds decisions treated alike, of one host, without a canary unless alone', () => {
  const plan = planOf();
  assert.equal(plan.runs.flatMap((r) => r.ids), plan.decisions.map((d) => d.id));
  assert.equal(plan.runs.flatMap((r) => r.decisions), plan.decisions);
  for (const run of plan.runs) {
    assert.is(run.first, run.decisions[0]);
    assert.equal(run.ids, run.decisions.map((d) => d.id));
    for (const d of run.decisions) {
      assert.ok(treatedAlike(d, run.first), d.id);
      assert.is(d.vhost, run.first.vhost);
    }
    if (run.decisions.length > 1) assert.ok(run.decisions.every((d) => !d.canary));
  }
  // the longest runs possible: a run ends only where the next decision is treated differently
  for (let i = 1; i < plan.runs.length; i++) {
    const a = plan.runs[i - 1].decisions.at(-1)!;
    const b = plan.runs[i].first;
    assert.ok(!treatedAlike(a, b) || a.vhost !== b.vhost || !!a.canary || !!b.canary, `${a.id} ${b.id}`);
  }
  const describe = (d: Decision) => `${d.source} ${d.match?.value} ${d.canary ? 'canary' : ''}`.trim();
  assert.equal(
    plan.runs.map((r) => r.decisions.map(describe)),
    [
      ['Ingress default/other /x', 'Ingress default/other /y'],
      ['Ingress default/big /aaaaa'],
      ['Ingress default/big /aaaa canary'],
      ['Ingress default/small /bbbb'],
      ['Ingress default/big /ccc'],
      ['Ingress default/big /dd'],
      ['Ingress default/small /e'],
    ],
  );
});

test('rules keyed on a policy take the ids of every run of it, in decision order', () => {
  const cfg = renderHaproxy(modelOf(yaml), OPTIONS).files[0].content;
  const limits = cfg.split('\n').filter((l) => l.includes('deny_status 413')).map((l) => l.trim());
  assert.equal(limits, [
    'http-request deny deny_status 413 if { var(txn.route) -m str r4 r7 } { req.hdr_val(content-length) gt 1048576 }',
    'http-request deny deny_status 413 if { var(txn.route) -m str r0 r1 r2 r3 r5 r6 } { req.hdr_val(content-length) gt 8388608 }',
  ]);
  const useBackend = cfg.split('\n').filter((l) => l.includes('use_backend')).map((l) => l.trim());
  assert.equal(useBackend, [
    'use_backend default_web-next_80 if { var(txn.route) -m str r3 } { var(txn.canary) -m bool }',
    'use_backend default_api_80 if { var(txn.route) -m str r6 }',
    'use_backend default_web_80 if { var(txn.route) -m str r0 r1 r2 r3 r4 r5 r7 }',
  ]);
});

test('forIds over runs: the same lines as over the list of their ids, each run quoted once', () => {
  let next = 0;
  const runs = [3, 39, 1, 45, 40, 7, 82, 2].map((n) => ({ ids: Array.from({ length: n }, () => `r${next++}`) }) as PolicyRun);
  const all = runs.flatMap((r) => r.ids);
  const make = (t: Test) => line(['use_backend', 'b'], when(t));
  const text = (ids: Ids) => serialize([{ head: ['frontend', 'f'], lines: forIds(ids, make) }]);
  assert.is(text({ runs, length: all.length }), text(all));
  assert.is(forIds({ runs, length: all.length }, make).length, Math.ceil(all.length / 40));
  // a run that fits in a line is quoted once, and its quoted ids kept for the next rule
  assert.ok(runs[0].quotedIds && runs[0].quotedIds.count === 3);
  assert.is(runs[3].quotedIds, undefined, 'a run of 45 ids is split, never quoted whole');
  assert.is(text({ runs: [], length: 0 }), text([]));
});

test('quoted patterns are checked as patterns: an id that is ACL syntax is refused', () => {
  const run = { ids: ['r1', '-r2'] } as PolicyRun;
  assert.throws(() => forIds({ runs: [run], length: 2 }, (t) => line(['use_backend', 'b'], when(t))), /ACL syntax/);
});

test.run();
