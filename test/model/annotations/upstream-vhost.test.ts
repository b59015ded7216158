import { upstreamVhost } from '../../../src/model/annotations/upstream-vhost.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(upstreamVhost, {
  good: [['internal.example.com', 'internal.example.com'], ['API.Example.com:8080', 'api.example.com:8080'], ['10.0.0.1', '10.0.0.1']],
  bad: [['$host', 'host name'], ['a..b', 'host name'], ['x.example:99999', 'host name'], ['x.example/path', 'host name']],
  base: 'internal.example.com',
  applied: (a) => a.policy.upstreamHost,
});

test.run();
