import { proxyConnectTimeout } from '../../../src/model/annotations/proxy-connect-timeout.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(proxyConnectTimeout, {
  good: [['10', 10], ['3s', 3], ['0', 0]],
  bad: [['10m', 'whole number of seconds'], ['1.5', 'whole number of seconds'], ['60 seconds', 'whole number of seconds']],
  base: '10',
  applied: (a) => a.policy.timeouts.connect,
});

test.run();
