// The shared routing table on real nginx: render fixtures/routing with every backend sent
// to an echo server, start nginx on loopback, send every row, compare with the table.
import * as assert from 'uvu/assert';
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import { cases, redirectFor, routingFixture } from '../cases/routing-cases.js';
import { ROOT } from '../helpers.js';
import type { Echo } from './echo-servers.js';
import { nginxTest, send, standUp, type Reply, type Stand } from './nginx-engine.js';

const test = nginxTest();

function outcome(r: Reply): string {
  if (r.status === 200) return (JSON.parse(r.body) as Echo).backend;
  if (r.status === 308) return `308 ${r.headers.location}`;
  return String(r.status);
}

let stand: Stand | undefined;
let httpPort = 0;
let httpsPort = 0;

test.before(async () => {
  const model = resolve(loadInputs([join(ROOT, routingFixture)], { namespace: 'default', stdin: () => '' }).documents);
  stand = await standUp({ path: routingFixture }, model);
  ({ httpPort, httpsPort } = stand);
});

test.after(() => stand?.stop());

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
  const generated = new X509Certificate(readFileSync(join(stand!.bundle, 'certs/default.crt'))).fingerprint256;
  assert.is((await send('https', httpsPort, 'missing-tls.example.com', '/')).fingerprint256, generated);
});

test('bodies up to the limit pass (workers can write their temp files), larger ones get 413', async () => {
  const ok = await send('http', httpPort, 'exact.example.com', '/upload', { method: 'POST', body: Buffer.alloc(200 * 1024, 'a') });
  assert.is(ok.status, 200, ok.body);
  assert.is((JSON.parse(ok.body) as Echo).bodyBytes, 200 * 1024);
  const big = await send('http', httpPort, 'exact.example.com', '/upload', { method: 'POST', body: Buffer.alloc(1024 * 1024 + 1, 'a') });
  assert.is(big.status, 413);
  assert.ok(statSync(join(stand!.bundle, 'client_body_temp')).isDirectory());
});

test.run();
