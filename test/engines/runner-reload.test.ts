// HAProxy reloads without a separate `haproxy -c`: its master checks the configuration when
// it reloads. A reload it refuses ("Loading failure!") must be reported, the old worker must
// keep answering, and the last good bundle must be back in live/ for the next reload.
// HAProxy is made to refuse through a wrapper that adds one more configuration file (the
// master executes its own argv[0] again on each reload, so the wrapper is in every reload).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineBinary, EngineRejected, EngineRunner } from '../../src/engines/runner.js';
import { ingress, modelOf } from '../helpers.js';
import { testNeeding } from '../needs.js';

const HAPROXY = engineBinary('haproxy');
const base = ingress('tea', 'tea.example.com', [['/', 'Prefix', 'tea-svc']]);
const withRoute = (n: number) => modelOf(base + ingress(`r${n}`, `r${n}.example.com`, [['/', 'Prefix', 'tea-svc']]));

function status(port: number, host: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { host }, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.setTimeout(5000, () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** Every file of the live bundle as one text. */
function liveText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath ?? (e as unknown as { path: string }).path, e.name), 'utf8'))
    .join('\n');
}

testNeeding(test, 'haproxy', !!HAPROXY, 'haproxy: a reload its master refuses is reported, the running configuration keeps answering, and the last good bundle is back in live/', async () => {
  const work = mkdtempSync(join(tmpdir(), 'ingressctl-wrapper-'));
  const extra = join(work, 'extra.cfg');
  const wrapper = join(work, 'haproxy');
  writeFileSync(extra, '');
  // bash's exec -a keeps the wrapper as argv[0]: HAProxy's master executes it again on reload
  writeFileSync(wrapper, `#!/bin/bash\ncase " $* " in *" -f ${extra} "*) ;; *) set -- "$@" -f ${extra} ;; esac\nexec -a "$0" ${HAPROXY} "$@"\n`);
  chmodSync(wrapper, 0o755);
  const before = process.env.INGRESSCTL_HAPROXY;
  process.env.INGRESSCTL_HAPROXY = wrapper;
  let runner: EngineRunner | undefined;
  try {
    runner = (await EngineRunner.start('haproxy', modelOf(base), { httpPort: 0, httpsPort: 0 })).runner;
    await runner.reload(withRoute(1));
    assert.match(liveText(runner.live), 'r1.example.com');

    writeFileSync(extra, 'frontend refused\n  no-such-keyword here\n');
    const err = await runner.reload(withRoute(2)).then(() => undefined, (e: Error) => e);
    assert.instance(err, EngineRejected);
    assert.match(err!.message, /haproxy refused the configuration/);
    assert.match(err!.message, /no-such-keyword/);
    assert.ok(runner.running, 'the master keeps running');
    assert.is(await status(runner.httpPort, 'nope.example.com'), 404, 'the old worker still answers');
    const live = liveText(runner.live);
    assert.match(live, 'r1.example.com', 'the last good bundle is back in live/');
    assert.not.match(live, 'r2.example.com');

    writeFileSync(extra, '');
    await runner.reload(withRoute(3));
    assert.match(liveText(runner.live), 'r3.example.com');
    assert.is(await status(runner.httpPort, 'nope.example.com'), 404);
  } finally {
    await runner?.stop(1000);
    if (before === undefined) delete process.env.INGRESSCTL_HAPROXY;
    else process.env.INGRESSCTL_HAPROXY = before;
    rmSync(work, { recursive: true, force: true });
  }
});

testNeeding(test, 'haproxy', !!HAPROXY, 'haproxy: reloads back to back all take effect (a signal lost while the master executes itself again is sent again)', async () => {
  const { runner } = await EngineRunner.start('haproxy', modelOf(base), { httpPort: 0, httpsPort: 0 });
  try {
    for (let n = 1; n <= 5; n++) {
      const t0 = Date.now();
      await runner.reload(withRoute(n));
      assert.ok(Date.now() - t0 < 10_000, `reload ${n} took ${Date.now() - t0} ms`);
      assert.match(liveText(runner.live), `r${n}.example.com`);
    }
    assert.is(runner.generation, 5);
  } finally {
    await runner.stop(1000);
  }
});

test.run();
