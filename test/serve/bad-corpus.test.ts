// serve and fixtures/bad/: started on an input it cannot read, it exits 2 with the file:line:col
// before listening; running, it keeps its last good configuration through every broken edit.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BAD_FILES, clear, expectedClass, timed } from '../load/bad-helpers.js';
import { ingress } from '../helpers.js';
import { serveCli, sleep } from './helpers.js';
import { request } from 'node:http';

const UNUSABLE = BAD_FILES.filter((f) => expectedClass(f) === 'unusable');

test('serve exits 2 naming the file on every input it cannot read, before listening', async () => {
  for (const file of UNUSABLE) {
    const r = await timed(['serve', '--local', `fixtures/bad/${file}`, '--http-port', '0', '--https-port', '0', '--no-watch']);
    clear(r, `serve ${file}`);
    assert.is(r.code, 2, `${file}: exit ${r.code}`);
    assert.match(r.stderr, new RegExp(`fixtures/bad/${file.replace(/[.]/g, '\\.')}:\\d+:\\d+: error`));
    assert.is(r.stdout, '', `${file}: serve announced itself`);
  }
});

function get(port: number, host: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { host }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(3000, () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

test('a running serve keeps its last good configuration through every broken edit of fixtures/bad', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-bad-serve-'));
  const app = join(dir, 'app.yaml');
  writeFileSync(app, ingress('good', 'good.example.com', [['/', 'Prefix', 'web']]));
  const serve = serveCli([dir, '--quiet']);
  try {
    const { httpPort } = await serve.ready;
    assert.is(await get(httpPort, 'good.example.com'), 200);
    const refusals = () => serve.stderr().split('reload refused').length - 1;
    for (const file of UNUSABLE) {
      const before = refusals();
      copyFileSync(`fixtures/bad/${file}`, app);
      for (let i = 0; i < 150 && refusals() === before; i++) await sleep(20);
      assert.is(refusals(), before + 1, `${file}: no "reload refused"\n${serve.stderr().slice(-400)}`);
      assert.is(await get(httpPort, 'good.example.com'), 200, `${file}: the last good configuration no longer answers`);
    }
    assert.not.match(serve.stderr(), /\n\s+at .+:\d+:\d+/, 'a stack trace');
    writeFileSync(app, ingress('good', 'good.example.com', [['/', 'Prefix', 'web']]) + ingress('new', 'new.example.com', [['/', 'Prefix', 'web']]));
    for (let i = 0; i < 150 && (await get(httpPort, 'new.example.com')) !== 200; i++) await sleep(20);
    assert.is(await get(httpPort, 'new.example.com'), 200, 'a good edit after the broken ones is applied');
  } finally {
    assert.is(await serve.stop(), 0);
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
