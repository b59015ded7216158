import { serviceUpstream } from '../../../src/model/annotations/service-upstream.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(serviceUpstream, {
  good: [['true', true], ['false', false]],
  bad: [['enabled', 'must be "true" or "false"']],
  base: 'true',
  applied: (a) => a.policy.serviceUpstream,
});

test.run();
