import { authRealm } from '../../../src/model/annotations/auth-realm.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(authRealm, {
  good: [['Restricted area', 'Restricted area'], ['', '']],
  bad: [['caf\u00e9', 'printable characters'], ['x'.repeat(129), 'up to 128']],
  base: 'Restricted',
  applied: (a) => a.auth.realm,
});

test.run();
