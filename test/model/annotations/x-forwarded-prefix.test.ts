import { xForwardedPrefix } from '../../../src/model/annotations/x-forwarded-prefix.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(xForwardedPrefix, {
  good: [['/api', '/api'], ['/', '/']],
  bad: [['api', 'starting with "/"'], ['/a b', 'starting with "/"'], ['/a,b', 'starting with "/"']],
  base: '/api',
  applied: (a) => a.policy.forwardedPrefix,
});

test.run();
