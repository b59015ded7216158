import { proxyBodySize } from '../../../src/model/annotations/proxy-body-size.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(proxyBodySize, {
  good: [['8m', 8 * 1024 * 1024], ['512k', 512 * 1024], ['100', 100], ['0', 0], ['1G', 1024 ** 3]],
  bad: [['8mb', 'a size such as'], ['-1', 'a size such as'], ['1.5m', 'a size such as']],
  base: '8m',
  applied: (a) => a.policy.bodySizeLimit,
});

test.run();
