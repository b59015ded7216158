import { canary } from '../../../src/model/annotations/canary.js';
import { annotationSuite, read } from './helpers.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

annotationSuite(canary, {
  good: [['true', true], ['false', false]],
  bad: [['canary', 'must be "true" or "false"']],
  base: 'true',
  applied: (a) => a.canary.enabled,
});

test('canary-* without canary: "true" have no effect', () => {
  const r = read({ 'nginx.ingress.kubernetes.io/canary-weight': '10' });
  assert.ok(r.findings.some((f) => f.ruleId === 'annotation-no-effect' && /canary-weight: has no effect without canary/.test(f.message)));
});

test.run();
