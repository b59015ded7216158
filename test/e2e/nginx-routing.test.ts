// The shared routing table on real nginx: render fixtures/routing with every backend sent
// to an echo server, start nginx on loopback, send every row, compare with the table.
import * as assert from 'uvu/assert';
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import type { RouteModel } from '../../src/model/types.js';
import { cases, redirectFor, routingFixture } from '../cases/routing-cases.js';
import { cli, ROOT } from '../helpers.js';
import { startEchoServers, type Echo, type EchoServers } from './echo-servers.js';
import { freePorts, nginxTest, removeScratch, scratch, send, startNginx, type Reply, type Running } from './nginx-engine.js';

const test = nginxTest();

function backendsOf(model: RouteModel): string[] {
  const names = new Set<string>();
  const add = (b: { namespace: string; service: string; port: number | null }) => names.add(`${b.namespace}/${b.service}:${b.port}`);
  for (const v of model.hosts) {
    v.routes.forEach((r) => add(r.backend));
    if (v.defaultBackend) add(v.defaultBackend.backend);
  }
  if (model.defaultBackend) add(model.defaultBackend.backend);
  return [...names].sort();
}

function outcome(r: Reply): string {
  if (r.status === 200) return (JSON.parse(r.body) as Echo).backend;
  if (r.status === 308) return `308 ${r.headers.location}`;
  return String(r.status);
}

let dir = '';
let echo: EchoServers | undefined;
let nginx: Running | undefined;
let httpPort = 0;
let httpsPort = 0;

test.before(async () => {
  const model = resolve(loadInputs([join(ROOT, routingFixture)], { namespace: 'default', stdin: () => '' }).documents);
  echo = await startEchoServers(backendsOf(model));
  [httpPort, httpsPort] = await freePorts(2);
  dir = scratch();
  const upstreams = [...echo.ports].flatMap(([b, port]) => ['--upstream', `${b}=127.0.0.1:${port}`]);
  const r = await cli(['render', routingFixture, ...upstreams, '--http-port', String(httpPort), '--https-port', String(httpsPort), '--listen-address', '127.0.0.1', '-o', join(dir, 'bundle')]);
  assert.is(r.code, 0, r.stderr);
  nginx = await startNginx(join(dir, 'bundle'), httpPort);
});

test.after(async () => {
  await nginx?.stop();
  await echo?.close();
  if (dir) removeScratch(dir);
});

test('every row of the routing table reaches the backend the table names', async () => {
  const wrong: string[] = [];
  for (const c of cases) {
    const reply = await send(c.scheme, c.scheme === 'https' ? httpsPort : httpPort, c.host, c.path);
    const got = outcome(reply);
    const want = redirectFor(c.expect, httpsPort);
    if (got !== want) wrong.push(`${c.scheme}://${c.host}${c.path} (${c.rule}): want ${want}, nginx gave ${got}`);
  }
  assert.equal(wrong, []);
});

test('the upstream receives the client\'s path and Host unchanged', async () => {
  for (const c of cases.filter((x) => /^default\//.test(x.expect))) {
    const e = JSON.parse((await send(c.scheme, c.scheme === 'https' ? httpsPort : httpPort, c.host, c.path)).body) as Echo;
    assert.is(e.path, c.path, c.rule);
    assert.is(e.host, c.host, c.rule);
    assert.is(e.headers['x-forwarded-proto'], c.scheme, c.rule);
  }
});

test('HTTPS presents the Secret\'s certificate by SNI, else the generated one', async () => {
  const secret = readFileSync(join(ROOT, routingFixture, 'tls-secret.yaml'), 'utf8');
  const crt = Buffer.from(/tls\.crt: (\S+)/.exec(secret)![1], 'base64').toString();
  const own = new X509Certificate(crt).fingerprint256;
  assert.is((await send('https', httpsPort, 'secure.example.com', '/')).fingerprint256, own);
  assert.is.not((await send('https', httpsPort, 'missing-tls.example.com', '/')).fingerprint256, own);
  const generated = new X509Certificate(readFileSync(join(dir, 'bundle/certs/default.crt'))).fingerprint256;
  assert.is((await send('https', httpsPort, 'missing-tls.example.com', '/')).fingerprint256, generated);
});

test('bodies up to the limit pass (workers can write their temp files), larger ones get 413', async () => {
  const ok = await send('http', httpPort, 'exact.example.com', '/upload', { method: 'POST', body: Buffer.alloc(200 * 1024, 'a') });
  assert.is(ok.status, 200, ok.body);
  assert.is((JSON.parse(ok.body) as Echo).bodyBytes, 200 * 1024);
  const big = await send('http', httpPort, 'exact.example.com', '/upload', { method: 'POST', body: Buffer.alloc(1024 * 1024 + 1, 'a') });
  assert.is(big.status, 413);
  assert.ok(statSync(join(dir, 'bundle/client_body_temp')).isDirectory());
});

test.run();
