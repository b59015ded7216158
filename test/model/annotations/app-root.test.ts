import { appRoot } from '../../../src/model/annotations/app-root.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(appRoot, {
  good: [['/app', '/app'], ['/app/v2/', '/app/v2/'], ['/a%20b', '/a%20b']],
  bad: [['app', 'starting with "/"'], ['/', 'other than "/"'], ['https://evil.example/app', 'starting with "/"'], ['/a?b', 'starting with "/"']],
  base: '/app',
  applied: (a) => a.appRoot,
});

test.run();
