import { permanentRedirect } from '../../../src/model/annotations/permanent-redirect.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(permanentRedirect, {
  good: [['https://new.example.com', 'https://new.example.com'], ['http://10.0.0.1:8080/a/b?x=1&y=2', 'http://10.0.0.1:8080/a/b?x=1&y=2'], ['https://x.example/%7Euser', 'https://x.example/%7Euser']],
  bad: [['/relative', 'absolute http:// or https:// URL'], ['javascript:alert(1)', 'absolute'], ['https://new.example.com$request_uri', 'absolute'], ['https://a b', 'absolute'], ['ftp://x.example', 'absolute']],
  base: 'https://new.example.com/a',
  applied: (a) => a.redirect.permanent,
});

test.run();
