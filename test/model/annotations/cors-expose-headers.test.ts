import { corsExposeHeaders } from '../../../src/model/annotations/cors-expose-headers.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(corsExposeHeaders, {
  good: [['*, X-CustomResponseHeader', '*, X-CustomResponseHeader'], ['X-Total', 'X-Total']],
  bad: [['X Total', 'header names or "*"']],
  base: 'X-Total',
  applied: (a) => a.cors.exposeHeaders,
});

test.run();
