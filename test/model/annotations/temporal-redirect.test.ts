import { temporalRedirect } from '../../../src/model/annotations/temporal-redirect.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(temporalRedirect, {
  good: [['https://maintenance.example.com/', 'https://maintenance.example.com/']],
  bad: [['maintenance.example.com', 'absolute'], ['https://x.example/a"b', 'never allowed']],
  base: 'https://m.example.com/a',
  applied: (a) => a.redirect.temporal,
});

test.run();
