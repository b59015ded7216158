import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RateLimits } from '../../src/serve/rate-limit.js';

const rps = { zone: 'default/a', rps: 2, burst: 10, status: 503 as const };

test('limit-rps: burst+1 at once, then one every 1/rate seconds (nginx limit_req nodelay)', () => {
  const l = new RateLimits();
  const t0 = 1_000_000;
  let ok = 0;
  for (let i = 0; i < 20; i++) if (l.takeRequest(rps, '10.0.0.1', t0)) ok++;
  assert.is(ok, 11);
  assert.not.ok(l.takeRequest(rps, '10.0.0.1', t0 + 499));
  assert.ok(l.takeRequest(rps, '10.0.0.1', t0 + 500));
  assert.not.ok(l.takeRequest(rps, '10.0.0.1', t0 + 600));
  assert.ok(l.takeRequest(rps, '10.0.0.2', t0), 'counted per client address');
  assert.ok(l.takeRequest({ ...rps, zone: 'default/b' }, '10.0.0.1', t0), 'and per zone');
});

test('limit-connections: requests in progress, released once', () => {
  const l = new RateLimits();
  const conn = { zone: 'z', connections: 2, status: 503 as const };
  const a = l.openRequest(conn, 'ip')!;
  const b = l.openRequest(conn, 'ip')!;
  assert.is(l.openRequest(conn, 'ip'), undefined);
  a();
  a();
  const c = l.openRequest(conn, 'ip');
  assert.ok(c);
  assert.is(l.openRequest(conn, 'ip'), undefined, 'a second release of the same request counts once');
  b();
});

test.run();
