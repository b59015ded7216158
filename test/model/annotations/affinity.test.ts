import { affinity } from '../../../src/model/annotations/affinity.js';
import { annotationSuite, read } from './helpers.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

annotationSuite(affinity, {
  good: [['cookie', 'cookie']],
  bad: [['ip', 'must be "cookie"'], ['Cookie', 'must be "cookie"']],
  base: 'cookie',
  applied: (a) => a.affinity.type,
});

test('affinity: cookie takes the default cookie name; session-cookie-* without it have no effect', () => {
  assert.equal(read({ 'nginx.ingress.kubernetes.io/affinity': 'cookie' }).result.policy.affinity, { cookieName: 'INGRESSCOOKIE' });
  const r = read({ 'nginx.ingress.kubernetes.io/session-cookie-name': 'route' });
  assert.equal(r.result.policy.affinity, undefined);
  assert.ok(r.findings.some((f) => f.ruleId === 'annotation-no-effect'));
});

test.run();
