import { temporalRedirectCode } from '../../../src/model/annotations/temporal-redirect-code.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(temporalRedirectCode, {
  good: [['307', 307], ['302', 302]],
  bad: [['399', 'must be 301, 302, 303, 307 or 308'], ['304', 'must be 301'], ['-1', 'must be 301']],
  base: '307',
  applied: (a) => a.redirect.temporalCode,
});

test.run();
