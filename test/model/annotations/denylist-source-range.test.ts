import { denylistSourceRange } from '../../../src/model/annotations/denylist-source-range.js';
import { annotationSuite, read } from './helpers.js';
import { parseCidr } from '../../../src/model/cidr.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const cidr = (t: string) => parseCidr(t)!;

annotationSuite(denylistSourceRange, {
  good: [['192.0.2.0/24', [cidr('192.0.2.0/24')]], ['fe80::/10', [cidr('fe80::/10')]]],
  bad: [['192.0.2.0/24/1', 'not an IP address or CIDR'], ['', 'not an IP address']],
  base: '192.0.2.0/24',
  applied: (a) => a.ranges.deny,
});

test('deny and allow lists form the route policy together', () => {
  const r = read({ 'nginx.ingress.kubernetes.io/denylist-source-range': '10.0.0.7', 'nginx.ingress.kubernetes.io/allowlist-source-range': '10.0.0.0/8' });
  assert.equal(r.result.policy.sourceRanges, { allow: [cidr('10.0.0.0/8')], deny: [cidr('10.0.0.7/32')] });
});

test.run();
