import { authSecret } from '../../../src/model/annotations/auth-secret.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(authSecret, {
  good: [['basic-auth', { name: 'basic-auth' }], ['auth/users.v1', { namespace: 'auth', name: 'users.v1' }]],
  bad: [['Basic-Auth', 'Secret name or namespace/name'], ['a/b/c', 'Secret name'], ['../etc/passwd', 'Secret name'], ['a.b/c', 'Secret name']],
  base: 'basic-auth',
  applied: (a) => a.auth.secret,
});

test.run();
