import { whitelistSourceRange } from '../../../src/model/annotations/whitelist-source-range.js';
import { annotationSuite, read } from './helpers.js';
import { parseCidr } from '../../../src/model/cidr.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const cidr = (t: string) => parseCidr(t)!;

annotationSuite(whitelistSourceRange, {
  good: [['172.16.0.0/12', [cidr('172.16.0.0/12')]]],
  bad: [['172.16.0.0/12 10.0.0.0/8', 'not an IP address or CIDR']],
  base: '172.16.0.0/12',
  applied: (a) => a.ranges.whitelist,
});

test('allowlist-source-range wins over its older name', () => {
  const r = read({ 'nginx.ingress.kubernetes.io/allowlist-source-range': '10.0.0.0/8', 'nginx.ingress.kubernetes.io/whitelist-source-range': '192.168.0.0/16' });
  assert.equal(r.result.policy.sourceRanges, { allow: [cidr('10.0.0.0/8')], deny: [] });
  assert.ok(r.findings.some((f) => f.ruleId === 'annotation-no-effect' && /whitelist-source-range: has no effect/.test(f.message)));
});

test.run();
