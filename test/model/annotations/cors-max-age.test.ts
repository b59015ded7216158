import { corsMaxAge } from '../../../src/model/annotations/cors-max-age.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(corsMaxAge, {
  good: [['600', 600], ['0', 0]],
  bad: [['10m', 'whole number'], ['99999999999', 'whole number']],
  base: '600',
  applied: (a) => a.cors.maxAge,
});

test.run();
