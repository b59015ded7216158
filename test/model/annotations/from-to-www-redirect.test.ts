import { fromToWwwRedirect } from '../../../src/model/annotations/from-to-www-redirect.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(fromToWwwRedirect, {
  good: [['true', true], ['false', false]],
  bad: [['www', 'must be "true" or "false"']],
  base: 'true',
  applied: (a) => a.fromToWww,
});

test.run();
