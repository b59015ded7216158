import { sessionCookiePath } from '../../../src/model/annotations/session-cookie-path.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(sessionCookiePath, {
  good: [['/app', '/app'], ['/', '/']],
  bad: [['app', 'starting with "/"'], ['/a;Domain=evil', 'never allowed']],
  base: '/app',
  applied: (a) => a.affinity.path,
});

test.run();
