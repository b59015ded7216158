// Reload under load, per engine (bench/reload-drops.mjs; the 50-rewrite run is
// bench/reload.bench.mjs): 10 rewrites of a served folder while keep-alive clients send
// continuously, and not one request fails. nginx closes idle keep-alive connections when
// it reloads: a request sent on one just then is reset and sent again once (RFC 9112
// §9.3.1, as browsers do); the count of those resets is printed, and is 0 for the others.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { reloadUnderLoad } from '../../bench/reload-drops.mjs';
import { testNeeding } from '../needs.js';
import { ENGINES } from './engine-serve.js';

const REWRITES = 10;

for (const { name, available } of [{ name: 'builtin' as const, available: true }, ...ENGINES]) {
  testNeeding(test, name, available, `serve --engine ${name}: ${REWRITES} rewrites under keep-alive load, 0 failed requests, every new route live`, async () => {
    const r = await reloadUnderLoad({ engine: name, rewrites: REWRITES });
    console.log(`  ${name}: ${r.requests} requests, ${r.failed} failed, ${r.resetsOnReusedConnections} resets on reused connections (sent again), new route live after ${Math.max(...r.liveMs).toFixed(0)} ms at most`);
    assert.ok(r.requests > 100, `only ${r.requests} requests`);
    assert.equal(r.failures, []);
    assert.is(r.liveMs.length, REWRITES - 1); // one of them is the broken edit
    assert.ok(r.brokenRefused, 'the broken edit was not refused');
    if (name !== 'nginx') assert.is(r.resetsOnReusedConnections, 0);
  });
}

test.run();
