// The engine runner and ports it picked itself (serve --engine --http-port 0): another
// process can bind one between the pick and the engine's own bind. The runner then starts
// the engine again on newly picked ports. Forced here: the first port "picked" is one this
// test already listens on.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:net';
import { request } from 'node:http';
import { freePort } from '../../src/engines/ports.js';
import { engineBinary, EngineRunner, PortTaken } from '../../src/engines/runner.js';
import { ingress, modelOf } from '../helpers.js';
import { testNeeding } from '../needs.js';

const model = modelOf(ingress('tea', 'tea.example.com', [['/', 'Prefix', 'tea-svc']]));

function holdPort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer((s) => s.destroy());
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}

/** The status of GET / on the port with Host tea.example.com (0 when nothing answers). */
function status(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { host: 'nope.example.com' }, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.setTimeout(5000, () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

for (const target of ['nginx', 'haproxy'] as const) {
  testNeeding(test, target, !!engineBinary(target), `${target}: a picked port that another process took first is picked again, and the engine starts`, async () => {
    const held = await holdPort();
    const picks: number[] = [];
    const pickPort = async () => {
      const port = picks.length === 0 ? held.port : await freePort();
      picks.push(port);
      return port;
    };
    const log: string[] = [];
    let runner: EngineRunner | undefined;
    try {
      runner = (await EngineRunner.start(target, model, { httpPort: 0, httpsPort: 0, pickPort, log: (l) => log.push(l) })).runner;
      assert.is(picks.length, 4, `two ports for each of two starts: ${picks}`);
      assert.is(picks[0], held.port);
      assert.is.not(runner.httpPort, held.port);
      assert.equal([runner.httpPort, runner.httpsPort], picks.slice(2));
      assert.ok(log.some((l) => /could not bind a port.*starting again on other free ports/.test(l)), log.join('\n'));
      assert.is(await status(runner.httpPort), 404, 'the engine answers on the port picked the second time');
    } finally {
      await runner?.stop(1000);
      held.server.close();
    }
  });

  testNeeding(test, target, !!engineBinary(target), `${target}: a port the caller named and another process holds is not replaced`, async () => {
    const held = await holdPort();
    try {
      const err = await EngineRunner.start(target, model, { httpPort: held.port, httpsPort: 0 }).then(
        (r) => r.runner.stop(0).then(() => undefined),
        (e: Error) => e,
      );
      assert.instance(err, PortTaken);
      assert.match(err!.message, String(held.port));
    } finally {
      held.server.close();
    }
  });
}

test.run();
