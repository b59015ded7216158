// The test harness's nginx start: ready only when nginx itself bound its ports (its pid file).
// A port another process took between freePorts() and nginx's bind accepts connections too, so
// "the port accepts" could report a failed nginx as ready.
import { thief } from './port-thief.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { nginxTest, PortTaken, removeScratch, scratch, send, startNginx, startNginxOnFreePorts } from './nginx-engine.js';

const it = nginxTest(); // skipped without nginx, failed under INGRESSCTL_REQUIRE_ENGINES=1

/** A bundle in `dir` whose one server answers 200 "ok" on `port`. */
function answering(dir: string, port: number): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'nginx.conf'), `pid nginx.pid;\nerror_log error.log notice;\nevents {}\nhttp {\n  access_log off;\n  server {\n    listen 127.0.0.1:${port};\n    location / { return 200 ok; }\n  }\n}\n`);
}

it('startNginx: a port another process listens on is a PortTaken, not a ready nginx', async () => {
  const taken = await thief();
  const dir = scratch();
  try {
    answering(dir, taken.port);
    const started = await startNginx(dir).then((n) => n.stop().then(() => 'ready'), (err: Error) => err);
    assert.instance(started, PortTaken);
    assert.match((started as Error).message, /Address already in use/);
  } finally {
    taken.server.close();
    removeScratch(dir);
  }
});

it('startNginxOnFreePorts: a port taken before nginx binds it is given up for newly picked ones', async () => {
  const taken = await thief();
  const dir = scratch();
  const asked: number[][] = [];
  try {
    // the first render gets the taken port, as if another process had taken the one picked
    const started = await startNginxOnFreePorts(1, join(dir, 'b'), (ports) => {
      asked.push(ports);
      answering(join(dir, 'b'), asked.length === 1 ? taken.port : ports[0]);
    });
    try {
      assert.is(asked.length, 2);
      assert.is((await send('http', started.ports[0], 'any.example', '/')).status, 200);
    } finally {
      await started.nginx.stop();
    }
  } finally {
    taken.server.close();
    removeScratch(dir);
  }
});

it.run();
