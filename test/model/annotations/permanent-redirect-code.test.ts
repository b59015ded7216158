import { permanentRedirectCode } from '../../../src/model/annotations/permanent-redirect-code.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(permanentRedirectCode, {
  good: [['308', 308], ['301', 301], ['300', 300]],
  bad: [['200', 'from 300 to 308'], ['309', 'from 300 to 308'], ['30x', 'whole number']],
  base: '308',
  applied: (a) => a.redirect.permanentCode,
});

test.run();
