import { limitConnections } from '../../../src/model/annotations/limit-connections.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(limitConnections, {
  good: [['3', 3]],
  bad: [['three', 'whole number'], ['3 per ip', 'whole number']],
  base: '3',
  applied: (a) => a.limits.connections,
});

test.run();
