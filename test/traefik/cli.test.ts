// `ingressctl render --target traefik` from the command line: the bundle written atomically
// with the run command, the dynamic file printed without -o (password hashes left out).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli } from '../helpers.js';

test('render -o DIR: traefik.yml, dynamic/routes.yml and certs/, keys 0600, and the command to run it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-traefik-'));
  try {
    const out = join(dir, 'bundle');
    const r = await cli(['render', 'fixtures/cafe', '--target', 'traefik', '-o', out, '--http-port', '8080', '--https-port', '8443']);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stderr, `wrote ${out} (4 files); run: cd ${out} && traefik --configFile=traefik.yml`);
    assert.match(readFileSync(join(out, 'traefik.yml'), 'utf8'), /web:\n {4}address: ":8080"\n {2}websecure:\n {4}address: ":8443"/);
    assert.match(readFileSync(join(out, 'dynamic/routes.yml'), 'utf8'), /redirectScheme:\n\s+scheme: "https"\n\s+permanent: true\n\s+port: "8443"/);
    assert.is(statSync(join(out, 'certs/default_cafe-secret.key')).mode & 0o777, 0o600);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('render without -o prints dynamic/routes.yml; basicAuth hashes are not printed, and the file holding them is 0600', async () => {
  const r = await cli(['render', 'test/envoy/fixtures/annotations', '--target', 'traefik']);
  assert.match(r.stdout, /^http:\n {2}routers:\n/);
  assert.match(r.stdout, /"bob:\(hash not printed\)"/);
  assert.not.match(r.stdout, /\$apr1\$|\$2y\$|\{SHA\}/);
  assert.match(r.stderr, /password hashes are not printed/);
  assert.match(r.stderr, /not translated for traefik, or only approximately/);
});

test('lint --target traefik reports what Traefik honours only approximately, at the annotation', async () => {
  const r = await cli(['lint', 'test/envoy/fixtures/annotations', '--target', 'traefik', '--format', 'json']);
  assert.match(JSON.stringify(JSON.parse(r.stdout)), /nginx\.ingress\.kubernetes\.io\/limit-rps is only approximate on traefik: a token bucket per client address/);
});

test.run();
