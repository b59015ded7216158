import { authType } from '../../../src/model/annotations/auth-type.js';
import { annotationSuite, read } from './helpers.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

annotationSuite(authType, {
  good: [['basic', 'basic']],
  bad: [['digest', 'digest authentication is not supported'], ['Basic', 'must be "basic"'], ['none', 'answer 503']],
  base: 'basic',
  applied: (a) => a.auth.type,
});

test('basic without a Secret closes the routes', () => {
  assert.match(read({ 'nginx.ingress.kubernetes.io/auth-type': 'basic' }).result.policy.denied!, 'auth-secret names no Secret');
  assert.match(read({ 'nginx.ingress.kubernetes.io/auth-type': 'digest' }).result.policy.denied!, 'auth-type is invalid');
});

test.run();
