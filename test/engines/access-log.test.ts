import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { engineAccessLine } from '../../src/engines/access-log.js';

test('an nginx line (JSON-escaped, seconds) becomes serve\'s access-log line; echo servers are named "echo"', () => {
  const line = 'ingressctl-access "GET" "cafe.example.com" "/tea?x=\\"1\\" 2" "200" "default/cafe-ingress cafe.example.com/tea (Prefix)" "127.0.0.1:4100" "0.012"';
  assert.is(engineAccessLine(line, (a) => (a === '127.0.0.1:4100' ? 'echo' : a)), 'GET cafe.example.com /tea?x=\\x221\\x22\\x202 200 "default/cafe-ingress cafe.example.com/tea (Prefix)" echo 12.0ms\n');
});

test('a HAProxy line (milliseconds, no server) and one without a route', () => {
  assert.is(engineAccessLine('ingressctl-access "GET" "nope" "/zzz" "404" "" "-:-" "ms0"'), 'GET nope /zzz 404 - - 0.0ms\n');
  assert.is(engineAccessLine('ingressctl-access "GET" "a" "/" "502" "-" "10.0.0.1:80, 10.0.0.2:80" "1.5"'), 'GET a / 502 - 10.0.0.1:80,10.0.0.2:80 1500.0ms\n');
});

test('other lines, and a connection without a request, are not access-log lines', () => {
  assert.is(engineAccessLine('2026/12/02 [warn] 1#1: something'), undefined);
  assert.is(engineAccessLine('ingressctl-access "<BADREQ>" "" "<BADREQ>" "400" "" "-:-" "ms0"'), undefined);
  assert.is(engineAccessLine('ingressctl-access "GET" "broken'), undefined);
});

test.run();
