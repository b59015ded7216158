import { canaryWeight } from '../../../src/model/annotations/canary-weight.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(canaryWeight, {
  good: [['10', 10], ['0', 0], ['100', 100]],
  bad: [['10%', 'whole number'], ['-5', 'whole number'], ['0.5', 'whole number']],
  base: '10',
  applied: (a) => a.canary.weight,
});

test.run();
