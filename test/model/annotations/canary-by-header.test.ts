import { canaryByHeader } from '../../../src/model/annotations/canary-by-header.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(canaryByHeader, {
  good: [['X-Canary', 'X-Canary'], ['x-region-1', 'x-region-1']],
  bad: [['X_Canary', 'header name of letters, digits and "-"'], ['X-Canary:', 'header name'], ['-x', 'header name']],
  base: 'X-Canary',
  applied: (a) => a.canary.header,
});

test.run();
