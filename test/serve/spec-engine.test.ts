import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli } from '../helpers.js';

const spec = `tests:
  - request: https://cafe.example.com/tea/green?x=1
    expect: { backend: tea-svc:80, path: /tea/green, host: cafe.example.com }
  - request: http://cafe.example.com/coffee
    expect: { status: 308, location: https://cafe.example.com/coffee }
  - name: wrong on purpose
    request: https://cafe.example.com/coffee
    expect: { backend: tea-svc }
`;

test('ingressctl test --engine serve sends the spec over real HTTP(S) to serve', async () => {
  const r = await cli(['test', '-', 'fixtures/cafe', '--engine', 'serve'], spec);
  assert.is(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /PASS\s+GET https:\/\/cafe\.example\.com\/tea\/green\?x=1/);
  assert.match(r.stdout, /PASS\s+GET http:\/\/cafe\.example\.com\/coffee/);
  assert.match(r.stdout, /FAIL\s+wrong on purpose/);
  assert.match(r.stdout, /default\/coffee-svc:80/);
});

test('--https-port names the port in the redirect, as on the model engine', async () => {
  const s = 'tests:\n  - request: http://cafe.example.com/tea\n    expect: { location: "https://cafe.example.com:8443/tea" }\n';
  const r = await cli(['test', '-', 'fixtures/cafe', '--engine', 'serve', '--https-port', '8443'], s);
  assert.is(r.code, 0, r.stdout);
});

test.run();
