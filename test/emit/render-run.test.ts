// render -o DIR for a newcomer: the run command for every target, a note when backends are
// cluster DNS names, and --force keeping a running proxy's own files (pid, logs, temp).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TARGETS } from '../../src/emit/index.js';
import { testNeeding } from '../needs.js';
import { cli, fixture, ingress } from '../helpers.js';
import { NGINX, send, startNginxOnFreePorts } from '../e2e/nginx-engine.js';

const parent = mkdtempSync(join(tmpdir(), 'ingressctl-render-run-'));

const RUN: Record<string, RegExp> = {
  nginx: /; run: nginx -p (\S+)\/ -c nginx\.conf -g 'daemon off;'$/m,
  haproxy: /; run: cd (\S+) && haproxy -f haproxy\.cfg$/m,
  envoy: /; run: cd (\S+) && envoy -c envoy\.yaml$/m,
  traefik: /; run: cd (\S+) && traefik --configFile=traefik\.yml$/m,
};

test('render -o DIR prints the run command for every target, naming DIR', async () => {
  for (const target of TARGETS) {
    const dir = join(parent, `run-${target}`);
    const r = await cli(['render', fixture('cafe'), '--target', target, '-o', dir]);
    assert.is(r.code, 0, r.stderr);
    const m = RUN[target]?.exec(r.stderr);
    assert.ok(m, `${target}: ${r.stderr}`);
    assert.is(m![1], dir);
  }
});

test('backends on cluster DNS names: a note to use --upstream on a laptop; none once every backend has one', async () => {
  const r = await cli(['render', fixture('cafe'), '-o', join(parent, 'dns')]);
  assert.match(r.stderr, /note: 2 backends resolve to cluster DNS names \(coffee-svc\.default\.svc\.cluster\.local, …\).*--upstream default\/coffee-svc:80=127\.0\.0\.1:8080.*502/);
  const up = await cli(['render', fixture('cafe'), '-o', join(parent, 'dns-up'), '--upstream', 'tea-svc=127.0.0.1:9001', '--upstream', 'coffee-svc=127.0.0.1:9002']);
  assert.is(up.code, 0, up.stderr);
  assert.not.match(up.stderr, /cluster DNS/);
});

test('the cluster DNS note: distinct backends counted once each, the least by name named, one backend in the singular', async () => {
  const yaml = ingress('web', 'web.example.com', [['/aaa', 'Prefix', 'zeta'], ['/bb', 'Prefix', 'alpha'], ['/c', 'Prefix', 'zeta'], ['/', 'Prefix', 'mid']]);
  writeFileSync(join(parent, 'three.yaml'), yaml);
  const r = await cli(['render', join(parent, 'three.yaml'), '--target', 'haproxy', '-o', join(parent, 'dns-three')]);
  assert.match(r.stderr, /note: 3 backends resolve to cluster DNS names \(alpha\.default\.svc\.cluster\.local, …\).*--upstream default\/alpha:80=127\.0\.0\.1:8080/);
  writeFileSync(join(parent, 'one.yaml'), ingress('one', 'one.example.com', [['/a', 'Prefix', 'solo'], ['/b', 'Prefix', 'solo']]));
  const one = await cli(['render', join(parent, 'one.yaml'), '--target', 'haproxy', '-o', join(parent, 'dns-one')]);
  assert.match(one.stderr, /note: 1 backend resolves to cluster DNS names \(solo\.default\.svc\.cluster\.local\), which/);
});

test('render --force keeps the running proxy files of the old bundle in place (same inodes)', async () => {
  const dir = join(parent, 'force');
  assert.is((await cli(['render', fixture('cafe'), '-o', dir])).code, 0);
  writeFileSync(join(dir, 'nginx.pid'), '4242\n');
  writeFileSync(join(dir, 'error.log'), 'started\n');
  mkdirSync(join(dir, 'proxy_temp', '1'), { recursive: true });
  writeFileSync(join(dir, 'stale.txt'), 'not the proxy\'s');
  const logInode = statSync(join(dir, 'error.log')).ino;
  const r = await cli(['render', fixture('cafe'), '-o', dir, '--force', '--http-port', '8081']);
  assert.is(r.code, 0, r.stderr);
  assert.match(readFileSync(join(dir, 'nginx.conf'), 'utf8'), /listen 8081/);
  assert.is(readFileSync(join(dir, 'nginx.pid'), 'utf8'), '4242\n');
  assert.is(statSync(join(dir, 'error.log')).ino, logInode, 'the open log is the same file');
  assert.ok(existsSync(join(dir, 'proxy_temp', '1')));
  assert.not.ok(existsSync(join(dir, 'stale.txt')), 'other leftovers are not carried over');
});

testNeeding(test, 'nginx', !!NGINX, 'a running nginx survives render --force: its pid file stays, reload picks up the new routes', async () => {
  const dir = join(parent, 'live');
  let http = 0;
  let https = 0;
  const render = (extra: string[]) => cli(['render', fixture('cafe'), '-o', dir, '--listen-address', '127.0.0.1', '--http-port', String(http), '--https-port', String(https), ...extra]);
  const { nginx } = await startNginxOnFreePorts(2, dir, async (ports) => {
    [http, https] = ports;
    assert.is((await render([])).code, 0);
  });
  try {
    assert.ok(existsSync(join(dir, 'nginx.pid')));
    const r = await render(['--force', '--upstream', 'tea-svc=127.0.0.1:1']);
    assert.is(r.code, 0, r.stderr);
    assert.ok(existsSync(join(dir, 'nginx.pid')), 'the pid file survived');
    execFileSync(NGINX!, ['-p', `${dir}/`, '-c', 'nginx.conf', '-s', 'reload'], { stdio: 'pipe' });
    // the new bundle sends tea-svc to 127.0.0.1:1 (refused): 502 once nginx has reloaded
    let status = 0;
    for (let i = 0; i < 50 && status !== 502; i++) {
      status = (await send('https', https, 'cafe.example.com', '/tea')).status;
      if (status !== 502) await new Promise((res) => setTimeout(res, 50));
    }
    assert.is(status, 502);
  } finally {
    await nginx.stop();
  }
});

test.after(() => rmSync(parent, { recursive: true, force: true }));
test.run();
