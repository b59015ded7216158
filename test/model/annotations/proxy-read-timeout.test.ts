import { proxyReadTimeout } from '../../../src/model/annotations/proxy-read-timeout.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(proxyReadTimeout, {
  good: [['3600', 3600], ['1', 1]],
  bad: [['forever', 'whole number of seconds'], ['1e3', 'whole number of seconds']],
  base: '3600',
  applied: (a) => a.policy.timeouts.read,
});

test.run();
