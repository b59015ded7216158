import { forceSslRedirect } from '../../../src/model/annotations/force-ssl-redirect.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(forceSslRedirect, {
  good: [['true', true], ['false', false]],
  bad: [['on', 'must be "true" or "false"']],
  base: 'true',
  applied: (a) => a.policy.forceSslRedirect,
});

test.run();
