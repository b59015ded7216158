import { defaultBackend } from '../../../src/model/annotations/default-backend.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(defaultBackend, {
  good: [['fallback', 'fallback'], ['errors-v2', 'errors-v2']],
  bad: [['other/fallback', 'the name of a Service'], ['Fallback', 'the name of a Service'], ['fallback:80', 'the name of a Service']],
  base: 'fallback',
  applied: (a) => a.defaultBackendService,
});

test.run();
