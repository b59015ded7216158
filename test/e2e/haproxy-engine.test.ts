// The test harness's HAProxy start: ready only when haproxy itself bound its ports. A port
// another process took between freePorts() and haproxy's bind accepts connections too
// (seen as ECONNREFUSED on the other port of a test under load, haproxy having exited).
import { thief } from './port-thief.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EmitResult } from '../../src/emit/types.js';
import { rawRequest } from './haproxy-echo.js';
import { haproxyTest, PortTaken, removeBundle, startHaproxy, startHaproxyOnFreePorts, writeBundle } from './haproxy-engine.js';

const it = haproxyTest(); // skipped without HAProxy, failed under INGRESSCTL_REQUIRE_ENGINES=1

/** A bundle whose one frontend answers 200 "ok" on `port`. */
function answering(port: number): EmitResult {
  const content = `defaults\n  mode http\n  timeout client 5s\n  timeout connect 5s\n  timeout server 5s\nfrontend f\n  bind 127.0.0.1:${port}\n  http-request return status 200 content-type text/plain string ok\n`;
  return { mainFile: 'haproxy.cfg', files: [{ path: 'haproxy.cfg', content }], findings: [] };
}

it('startHaproxy: a port another process listens on is a PortTaken, not a ready haproxy', async () => {
  const taken = await thief();
  const dir = writeBundle(answering(taken.port));
  try {
    const started = await startHaproxy(dir).then((h) => h.stop().then(() => 'ready'), (err: Error) => err);
    assert.instance(started, PortTaken);
    assert.match((started as Error).message, /cannot bind socket/);
  } finally {
    taken.server.close();
    removeBundle(dir);
  }
});

it('startHaproxy: a port another haproxy runs on is a PortTaken too (no SO_REUSEPORT sharing of its connections)', async () => {
  const first = await startHaproxyOnFreePorts(1, ([port]) => answering(port));
  const dir = writeBundle(answering(first.ports[0]));
  try {
    const second = await startHaproxy(dir).then((h) => h.stop().then(() => 'ready'), (err: Error) => err);
    assert.instance(second, PortTaken);
  } finally {
    await first.haproxy.stop();
    removeBundle(first.dir);
    removeBundle(dir);
  }
});

it('startHaproxyOnFreePorts: a port taken before haproxy binds it is given up for newly picked ones', async () => {
  const taken = await thief();
  const asked: number[][] = [];
  // the first render gets the taken port, as if another process had taken the one picked
  const started = await startHaproxyOnFreePorts(1, (ports) => (asked.push(ports), answering(asked.length === 1 ? taken.port : ports[0])));
  try {
    assert.is(asked.length, 2);
    assert.is.not(started.ports[0], taken.port);
    const res = await rawRequest({ port: started.ports[0], host: 'x.test', target: '/' });
    assert.is(res.status, 200);
    assert.is(res.body, 'ok');
  } finally {
    await started.haproxy.stop();
    taken.server.close();
    removeBundle(started.dir);
  }
});

test.run();
