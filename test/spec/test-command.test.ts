// ingressctl test: spec parsing with positions, each expectation kind, report formats.
import { test } from 'uvu';
import { findBinary } from '../../src/engines/real-engine.js';
import * as assert from 'uvu/assert';
import { cli } from '../helpers.js';

const run = (spec: string, ...extra: string[]) => cli(['test', '-', 'fixtures/cafe', ...extra], spec);

test('the cafe spec passes on the model engine', async () => {
  const r = await cli(['test', 'fixtures/specs/cafe.yaml', 'fixtures/cafe']);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /6 passed, 0 failed\n$/);
});

test('manifests without any object are a usage error (exit 2), as in every command, not a run of failures', async () => {
  const r = await cli(['test', 'fixtures/specs/cafe.yaml', '-'], '# only a comment\n');
  assert.is(r.code, 2, r.stdout + r.stderr);
  assert.is(r.stdout, '');
  assert.is(r.stderr, 'ingressctl: no Ingress or route objects found in standard input: the input holds no Kubernetes objects\n');
});

test('a wrong backend fails with expected and actual side by side, exit 1', async () => {
  const r = await run('tests:\n  - request: https://cafe.example.com/tea\n    expect: { backend: coffee-svc:80 }\n');
  assert.is(r.code, 1);
  assert.match(r.stdout, /FAIL  GET https:\/\/cafe\.example\.com\/tea  \(<stdin>:2:5\)/);
  assert.match(r.stdout, /backend: expected default\/coffee-svc:80, got default\/tea-svc:80/);
});

test('status, location, path and host expectations are checked', async () => {
  const spec = `tests:
  - request: http://cafe.example.com/tea
    expect: { status: 200 }
  - request: http://cafe.example.com/tea
    expect: { status: 308, location: https://cafe.example.com/teapot }
  - request: https://cafe.example.com/tea/x
    expect: { path: /tea/y }
  - request: { url: https://cafe.example.com/tea, headers: { Host: other.example.com } }
    expect: { host: cafe.example.com }
`;
  const r = await run(spec, '--format', 'json');
  const out = JSON.parse(r.stdout);
  assert.equal(out.summary, { passed: 0, failed: 4, skipped: 0 });
  assert.equal(out.results.map((x: any) => x.mismatches.map((m: any) => m.field)), [['status'], ['location'], ['path'], ['host']]);
});

test('spec mistakes are reported with file:line:col and exit 2', async () => {
  const r = await run('tests:\n  - request: https://cafe.example.com/\n    expect: { backnd: tea-svc }\n');
  assert.is(r.code, 2);
  assert.match(r.stderr, /<stdin>:3:15: error: unknown field "backnd" in tests\[0\]\.expect \(did you mean "backend"\?\)/);
  const r2 = await run('tests:\n  - request: https://cafe.example.com/\n    expect: {}\n');
  assert.is(r2.code, 2);
  assert.match(r2.stderr, /<stdin>:3:13: error: tests\[0\]\.expect: must not be empty/);
  const r3 = await run('tests:\n  - request: https://cafe.example.com/\n    expect: { backend: "Bad Name" }\n');
  assert.match(r3.stderr, /<stdin>:3:24: error: backend "Bad Name" is not \[namespace\/\]service\[:port\]/);
  const r4 = await run('tests: [oops\n');
  assert.is(r4.code, 2);
  assert.match(r4.stderr, /<stdin>:2:1: error: YAML syntax error/);
});

test('headers are not checked by the model engine and say so', async () => {
  const r = await run('tests:\n  - request: https://cafe.example.com/tea\n    expect: { backend: tea-svc, headers: { x-a: b } }\n');
  assert.is(r.code, 0);
  assert.match(r.stdout, /not checked by the model engine: headers/);
});

test('--engine all prints a request × engine matrix; missing engines are skipped, not passed', async () => {
  const r = await cli(['test', 'fixtures/specs/cafe.yaml', 'fixtures/cafe', '--engine', 'all']);
  assert.match(r.stdout, /REQUEST\s+model\s+nginx\s+haproxy\s+traefik\s+serve/);
  // model and serve always run; nginx, HAProxy and Traefik run when installed, else are skipped
  const m = /(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\n$/.exec(r.stdout);
  assert.ok(m, r.stdout);
  assert.is(Number(m![1]) + Number(m![2]) + Number(m![3] ?? 0), 30);
  assert.ok(Number(m![1]) >= 12); // model and serve
  // Traefik, where installed, answers the HTTPS redirect of a GET with 301 where the spec expects 308
  assert.is(Number(m![2]), findBinary('traefik') ? 1 : 0, r.stdout);
});

test('junit and tap formats', async () => {
  const spec = 'tests:\n  - request: https://cafe.example.com/tea\n    expect: { backend: tea-svc }\n  - name: "bad <one> & \\"quoted\\""\n    request: https://cafe.example.com/x\n    expect: { status: 200 }\n';
  const j = await run(spec, '--format', 'junit');
  assert.match(j.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="ingressctl test" tests="2" failures="1" skipped="0">/);
  assert.match(j.stdout, /<testcase classname="model" name="bad &lt;one&gt; &amp; &quot;quoted&quot;" file="&lt;stdin&gt;" line="4">/);
  assert.match(j.stdout, /<failure message="status: expected 200, got 404">/);
  // balanced elements
  for (const tag of ['testsuites', 'testsuite', 'testcase']) assert.is((j.stdout.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length, (j.stdout.match(new RegExp(`</${tag}>`, 'g')) ?? []).length, tag);
  const t = await run(spec, '--format', 'tap');
  assert.match(t.stdout, /^TAP version 13\n1\.\.2\nok 1 - model: GET https:\/\/cafe\.example\.com\/tea\nnot ok 2 - model: bad <one>/);
  assert.match(t.stdout, /  status: \{"expected":"200","actual":"404"\}/);
});

test.run();
