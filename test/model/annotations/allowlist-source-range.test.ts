import { allowlistSourceRange } from '../../../src/model/annotations/allowlist-source-range.js';
import { annotationSuite, read } from './helpers.js';
import { parseCidr } from '../../../src/model/cidr.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const cidr = (t: string) => parseCidr(t)!;

annotationSuite(allowlistSourceRange, {
  good: [
    ['10.0.0.0/8', [cidr('10.0.0.0/8')]],
    ['10.1.2.3/8, 192.168.1.7', [cidr('10.0.0.0/8'), cidr('192.168.1.7/32')]],
    ['2001:DB8::1/32,::1', [cidr('2001:db8::/32'), cidr('::1/128')]],
  ],
  bad: [['10.0.0.0/33', 'not an IP address or CIDR'], ['10.0.0', 'not an IP address'], ['10.0.0.0/8,', 'not an IP address'], ['all', 'answer 503']],
  base: '10.0.0.0/8',
  applied: (a) => a.ranges.allow,
});

test('an invalid allowlist closes the routes instead of opening them', () => {
  const r = read({ 'nginx.ingress.kubernetes.io/allowlist-source-range': '10.0.0.0/99' });
  assert.match(r.result.policy.denied!, 'allowlist-source-range is invalid');
});

test.run();
