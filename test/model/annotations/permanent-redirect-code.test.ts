import { permanentRedirectCode } from '../../../src/model/annotations/permanent-redirect-code.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(permanentRedirectCode, {
  good: [['308', 308], ['301', 301], ['303', 303]],
  bad: [['200', 'must be 301, 302, 303, 307 or 308'], ['300', 'must be 301'], ['309', 'must be 301'], ['30x', 'must be 301']],
  base: '308',
  applied: (a) => a.redirect.permanentCode,
});

test.run();
