import { canaryWeightTotal } from '../../../src/model/annotations/canary-weight-total.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(canaryWeightTotal, {
  good: [['1000', 1000], ['1', 1]],
  bad: [['0', 'from 1 to'], ['ten', 'whole number']],
  base: '1000',
  applied: (a) => a.canary.weightTotal,
});

test.run();
