import { canaryByHeaderValue } from '../../../src/model/annotations/canary-by-header-value.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(canaryByHeaderValue, {
  good: [['beta users', 'beta users'], ['v2', 'v2']],
  bad: [['$http_x', 'without "$"'], [' ', 'printable']],
  base: 'v2',
  applied: (a) => a.canary.headerValue,
});

test.run();
