import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cli } from '../helpers.js';
import { call, serveCli, sleep, upstreamServer } from './helpers.js';
import { request as httpsRequest } from 'node:https';

test('usage errors exit 2 before listening', async () => {
  assert.is((await cli(['serve', '--local'])).code, 2);
  assert.is((await cli(['serve', '--local', 'fixtures/cafe', '--http-port', 'eighty'])).code, 2);
});

test('one line says where serve listens and how many routes; the access log has one line per request; --quiet drops it', async () => {
  for (const quiet of [false, true]) {
    const live = serveCli(['fixtures/cafe', '--no-watch', ...(quiet ? ['--quiet'] : [])]);
    try {
      const { line, httpPort } = await live.ready;
      assert.match(line, /^ingressctl serve: 2 routes on 1 host at http:\/\/127\.0\.0\.1:\d+ and https:\/\/127\.0\.0\.1:\d+/);
      const fake = { httpPort, httpsPort: 0 } as never;
      assert.is((await call(fake, { host: 'cafe.example.com', path: '/tea?x=1' })).status, 308);
    } finally {
      assert.is(await live.stop(), 0);
    }
    const log = live.stderr().split('\n').filter((l) => l.startsWith('GET '));
    if (quiet) assert.equal(log, []);
    else assert.match(log[0], /^GET cafe\.example\.com \/tea\?x=1 308 "default\/cafe-ingress cafe\.example\.com\/tea \(Prefix\)" - \d+\.\d+ms$/);
  }
});

test('the start line names only what is watched: standard input is read once, never "watching -"', async () => {
  const cafe = readFileSync(join(ROOT, 'fixtures/cafe/cafe-ingress.yaml'), 'utf8');
  for (const [argv, watching] of [[['-'], undefined], [['-', 'fixtures/wildcard'], 'fixtures/wildcard']] as const) {
    const live = serveCli([...argv], cafe);
    try {
      const { line } = await live.ready;
      if (watching) assert.ok(line.endsWith(`, watching ${watching}`), line);
      else assert.not.match(line, /watching/);
    } finally {
      assert.is(await live.stop(), 0);
    }
  }
});

test('SIGTERM: in-flight requests finish, then the process exits 0', async () => {
  const bin = join(ROOT, 'bin', 'ingressctl');
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
    console.log('skipped: dist/cli.js is not built (npm test builds it)');
    return;
  }
  let arrived!: () => void;
  const started = new Promise<void>((r) => (arrived = r));
  const up = await upstreamServer((_req, res) => {
    arrived();
    setTimeout(() => res.end('slow tea'), 400);
  });
  const child = spawn(process.execPath, [bin, 'serve', '--local', 'fixtures/cafe', '--http-port', '0', '--https-port', '0', '--no-watch', '--upstream', `tea-svc=127.0.0.1:${up.port}`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  try {
    const t0 = Date.now();
    while (!/https:\/\/127\.0\.0\.1:(\d+)/.test(stdout) && Date.now() - t0 < 10_000) await sleep(20);
    const httpsPort = Number(/https:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)?.[1]);
    assert.ok(httpsPort > 0, `serve did not start: ${stderr}`);
    const reply = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port: httpsPort, path: '/tea', servername: 'cafe.example.com', headers: { host: 'cafe.example.com' }, rejectUnauthorized: false, agent: false }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.setTimeout(5000, () => req.destroy(new Error('no answer')));
      req.on('error', reject);
      req.end();
    });
    await Promise.race([started, sleep(5000)]);
    child.kill('SIGTERM');
    const r = await reply;
    assert.equal(r, { status: 200, body: 'slow tea' });
    const code = await Promise.race([exited, sleep(5000).then(() => 'still running')]);
    assert.is(code, 0, stderr);
    assert.match(stderr, /GET cafe\.example\.com \/tea 200 "default\/cafe-ingress cafe\.example\.com\/tea \(Prefix\)" 127\.0\.0\.1:\d+/);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await up.close();
  }
});

test.run();
