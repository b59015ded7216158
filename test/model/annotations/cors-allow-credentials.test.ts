import { corsAllowCredentials } from '../../../src/model/annotations/cors-allow-credentials.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(corsAllowCredentials, {
  good: [['false', false], ['true', true]],
  bad: [['no', 'must be "true" or "false"']],
  base: 'false',
  applied: (a) => a.cors.credentials,
});

test.run();
