import { corsAllowOrigin } from '../../../src/model/annotations/cors-allow-origin.js';
import { annotationSuite, read } from './helpers.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

annotationSuite(corsAllowOrigin, {
  good: [
    ['*', '*'],
    ['https://app.example.com', [{ scheme: 'https', host: 'app.example.com' }]],
    ['https://*.Example.com:8443, http://localhost:3000', [{ scheme: 'https', host: '*.example.com', port: 8443 }, { scheme: 'http', host: 'localhost', port: 3000 }]],
  ],
  bad: [['app.example.com', 'is not an origin'], ['https://app.example.com/path', 'is not an origin'], ['https://*', 'is not an origin'], ['null', 'no origin is allowed']],
  base: 'https://app.example.com',
  applied: (a) => a.cors.origins,
  whenInvalid: [],
});

test('an invalid origin list allows no origin, never "*"', () => {
  const r = read({ 'nginx.ingress.kubernetes.io/enable-cors': 'true', 'nginx.ingress.kubernetes.io/cors-allow-origin': 'https://ok.example, evil' });
  assert.equal(r.result.policy.cors!.origins, []);
});

test.run();
