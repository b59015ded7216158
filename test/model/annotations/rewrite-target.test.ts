import { rewriteTarget } from '../../../src/model/annotations/rewrite-target.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(rewriteTarget, {
  good: [['/', '/'], ['/$1', '/$1'], ['/api/$2/x', '/api/$2/x'], ['$1', '$1']],
  bad: [['api', 'must be a path starting with "/"'], ['/$0', 'capture references $1 to $9'], ['/$host', 'capture references'], ['/a b', 'whitespace']],
  base: '/new',
  allows: ['$'],
  applied: (a) => a.rewriteTarget,
});

test.run();
