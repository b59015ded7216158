import { corsAllowHeaders } from '../../../src/model/annotations/cors-allow-headers.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(corsAllowHeaders, {
  good: [['X-Forwarded-For, X-app123-XPTO', 'X-Forwarded-For, X-app123-XPTO'], ['x_custom', 'x_custom']],
  bad: [['X-A: 1', 'header names'], ['*', 'header names']],
  base: 'X-Custom',
  applied: (a) => a.cors.headers,
});

test.run();
