import { sessionCookieName } from '../../../src/model/annotations/session-cookie-name.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(sessionCookieName, {
  good: [['route', 'route'], ['SERVERID_1', 'SERVERID_1']],
  bad: [['a;b', 'never allowed'], ['a b', 'cookie name'], ['x'.repeat(65), 'cookie name']],
  base: 'route',
  applied: (a) => a.affinity.cookieName,
});

test.run();
