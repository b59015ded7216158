import { sslRedirect } from '../../../src/model/annotations/ssl-redirect.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(sslRedirect, {
  good: [['false', false], ['true', true]],
  bad: [['off', 'must be "true" or "false"']],
  base: 'false',
  applied: (a) => a.policy.sslRedirect,
});

test.run();
