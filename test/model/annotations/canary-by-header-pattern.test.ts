import { canaryByHeaderPattern } from '../../../src/model/annotations/canary-by-header-pattern.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(canaryByHeaderPattern, {
  good: [['^v\\d+$', '^v\\d+$'], ['beta|alpha', 'beta|alpha'], ['^a{2,3};', '^a{2,3};']],
  bad: [['(?=x)', 'lookahead'], ['[a-', 'invalid regular expression'], ['a\\1', 'backreferences'], ['x"y', 'without quotes']],
  base: '^v',
  // a regex needs these; every emitter writes the pattern through its quoting function
  allows: [';', '{', '}', '$'],
  applied: (a) => a.canary.headerPattern,
});

test.run();
