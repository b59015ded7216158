import { limitRps } from '../../../src/model/annotations/limit-rps.js';
import { annotationSuite, read } from './helpers.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

annotationSuite(limitRps, {
  good: [['5', 5], ['0', 0]],
  bad: [['5r/s', 'whole number'], ['1.5', 'whole number']],
  base: '5',
  applied: (a) => a.limits.rps,
});

test('limit-rps: burst is five times the rate, counted per Ingress', () => {
  assert.equal(read({ 'nginx.ingress.kubernetes.io/limit-rps': '2' }).result.policy.rateLimit, { zone: 'default/a', rps: 2, burst: 10, status: 503 });
  assert.equal(read({ 'nginx.ingress.kubernetes.io/limit-rps': '0' }).result.policy.rateLimit, undefined);
});

test.run();
