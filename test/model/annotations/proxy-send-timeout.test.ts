import { proxySendTimeout } from '../../../src/model/annotations/proxy-send-timeout.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(proxySendTimeout, {
  good: [['120', 120], ['30s', 30]],
  bad: [['-1', 'whole number of seconds'], ['2h', 'whole number of seconds']],
  base: '120',
  applied: (a) => a.policy.timeouts.send,
});

test.run();
