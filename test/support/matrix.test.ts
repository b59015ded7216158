import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SUPPORTED_ANNOTATIONS } from '../../src/model/annotations/index.js';
import { annotationsDoc } from '../../src/support/format.js';
import { MATRIX, SUPPORT_TARGETS } from '../../src/support/matrix.js';
import { cli, ingress, ROOT } from '../helpers.js';

test('the matrix covers exactly the annotations the model reads, every target, with a note for every approximation', () => {
  assert.equal(Object.keys(MATRIX).sort(), SUPPORTED_ANNOTATIONS.map((a) => a.name).sort());
  for (const [name, row] of Object.entries(MATRIX)) {
    assert.equal(Object.keys(row).sort(), [...SUPPORT_TARGETS].sort(), name);
    for (const [t, s] of Object.entries(row)) if (s.level === 'approximate') assert.ok(s.note, `${name} on ${t} needs the difference`);
  }
});

test('docs/annotations.md is generated from the matrix and up to date (npm run docs:annotations)', () => {
  assert.ok(readFileSync(join(ROOT, 'docs/annotations.md'), 'utf8') === annotationsDoc(), 'docs/annotations.md is stale: run npm run docs:annotations');
});

test('ingressctl annotations: table, one target with notes, json, markdown', async () => {
  const all = await cli(['annotations']);
  assert.is(all.code, 0);
  assert.match(all.stdout, /^ANNOTATION\s+NGINX\s+HAPROXY\s+ENVOY\s+TRAEFIK\s+SERVE/);
  assert.match(all.stdout, /limit-rps\s+exact\s+approximate\s+approximate\s+approximate\s+exact/);
  const envoy = await cli(['annotations', '--target', 'envoy']);
  assert.match(envoy.stdout, /proxy-read-timeout\s+approximate: one idle timeout for both directions/);
  assert.match(envoy.stdout, /sha1\s+yes/);
  const json = JSON.parse((await cli(['annotations', '-o', 'json'])).stdout);
  assert.equal(json.annotations.find((a: { name: string }) => a.name === 'enable-cors').support.serve, { level: 'exact' });
  assert.is(json.hashes.bcrypt.envoy, false);
  assert.match((await cli(['annotations', '-o', 'markdown', '--target', 'nginx'])).stdout, /^\| annotation \| nginx \|\n\| --- \| --- \|\n\| `use-regex` \| exact \|/);
  assert.is((await cli(['annotations', '--target', 'iis'])).code, 2);
});

test('render reports unsupported (warning) and approximate (info) annotations with file:line:col', async () => {
  const yaml = ingress('a', 'foo.com', [['/', 'Prefix', 'a']], { annotations: { 'nginx.ingress.kubernetes.io/limit-connections': '2', 'nginx.ingress.kubernetes.io/proxy-send-timeout': '120' } });
  const r = await cli(['render', '-', '--target', 'envoy'], yaml);
  assert.match(r.stderr, /<stdin>:7:5: warning: nginx\.ingress\.kubernetes\.io\/limit-connections is not honoured by envoy/);
  assert.match(r.stderr, /<stdin>:8:5: info: nginx\.ingress\.kubernetes\.io\/proxy-send-timeout is only approximate on envoy: one idle timeout/);
  const nginx = await cli(['render', '-'], yaml);
  assert.not.match(nginx.stderr, /limit-connections|proxy-send-timeout/);
});

test.run();
