// `ingressctl test --engine nginx|haproxy`: the spec's requests on the real binaries.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findBinary } from '../../src/engines/real-engine.js';
import { cli } from '../helpers.js';
import { suiteNeeding } from '../needs.js';

for (const target of ['nginx'] as const) {
  // skipped without the engine, failed under INGRESSCTL_REQUIRE_ENGINES=1
  const it = suiteNeeding(test, target, !!findBinary(target));
  it(`--engine ${target}: the cafe spec passes on real ${target}`, async () => {
    const r = await cli(['test', 'fixtures/specs/cafe.yaml', 'fixtures/cafe', '--engine', target, '--format', 'json']);
    const out = JSON.parse(r.stdout);
    assert.equal(out.summary, { passed: 6, failed: 0, skipped: 0 }, r.stdout);
    assert.is(r.code, 0);
  });
  it(`--engine ${target}: a wrong expectation fails with what ${target} really did`, async () => {
    const spec = 'tests:\n  - request: https://cafe.example.com/teapot\n    expect: { backend: tea-svc }\n  - request: http://cafe.example.com/tea\n    expect: { status: 308, location: "https://cafe.example.com:8443/tea" }\n  - request: https://cafe.example.com/coffee\n    expect: { headers: { x-echo-backend: "default/coffee-svc:80" } }\n';
    const r = await cli(['test', '-', 'fixtures/cafe', '--engine', target, '--format', 'json'], spec);
    assert.is(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.equal(out.results.map((x: any) => x.outcome), ['fail', 'fail', 'pass']);
    assert.equal(out.results[0].mismatches[0], { field: 'backend', expected: 'default/tea-svc', actual: 'no backend (status 404)' });
    assert.equal(out.results[1].mismatches[0], { field: 'location', expected: 'https://cafe.example.com:8443/tea', actual: 'https://cafe.example.com/tea' });
  });
}

test.run();
