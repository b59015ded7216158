import { temporalRedirectCode } from '../../../src/model/annotations/temporal-redirect-code.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(temporalRedirectCode, {
  good: [['307', 307], ['302', 302]],
  bad: [['399', 'from 300 to 308'], ['-1', 'whole number']],
  base: '307',
  applied: (a) => a.redirect.temporalCode,
});

test.run();
