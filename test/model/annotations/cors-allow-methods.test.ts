import { corsAllowMethods } from '../../../src/model/annotations/cors-allow-methods.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(corsAllowMethods, {
  good: [['GET, POST', 'GET, POST'], ['PUT,GET', 'PUT,GET']],
  bad: [['GET; POST', 'never allowed'], ['GET,,POST', 'method names'], ['GE T', 'method names']],
  base: 'GET',
  applied: (a) => a.cors.methods,
});

test.run();
