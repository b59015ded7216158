import { useRegex } from '../../../src/model/annotations/use-regex.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(useRegex, {
  good: [['true', true], ['false', false]],
  bad: [['yes', 'must be "true" or "false"'], ['True', 'must be "true" or "false"'], ['1', 'must be']],
  base: 'true',
  applied: (a) => a.useRegex,
});

test.run();
