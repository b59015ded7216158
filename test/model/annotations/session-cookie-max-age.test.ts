import { sessionCookieMaxAge } from '../../../src/model/annotations/session-cookie-max-age.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(sessionCookieMaxAge, {
  good: [['172800', 172800]],
  bad: [['2d', 'whole number'], ['-1', 'whole number']],
  base: '3600',
  applied: (a) => a.affinity.maxAge,
});

test.run();
