import { canaryByCookie } from '../../../src/model/annotations/canary-by-cookie.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(canaryByCookie, {
  good: [['use_canary', 'use_canary'], ['beta.opt-in', 'beta.opt-in']],
  bad: [['a=b', 'cookie name'], ['a b', 'cookie name']],
  base: 'canary',
  applied: (a) => a.canary.cookie,
});

test.run();
