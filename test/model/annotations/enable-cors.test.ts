import { enableCors } from '../../../src/model/annotations/enable-cors.js';
import { annotationSuite, read } from './helpers.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

annotationSuite(enableCors, {
  good: [['true', true], ['false', false]],
  bad: [['yes', 'must be "true" or "false"']],
  base: 'true',
  applied: (a) => a.cors.enabled,
});

test('enable-cors fills in ingress-nginx\'s defaults', () => {
  assert.equal(read({ 'nginx.ingress.kubernetes.io/enable-cors': 'true' }).result.policy.cors, {
    origins: '*',
    methods: 'GET, PUT, POST, DELETE, PATCH, OPTIONS',
    headers: 'DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization',
    exposeHeaders: '',
    credentials: true,
    maxAge: 1728000,
  });
});

test.run();
