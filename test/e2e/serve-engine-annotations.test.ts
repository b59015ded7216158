// The annotation set (test/e2e/annotation-cases.ts) through `serve --engine nginx` and
// `serve --engine haproxy`: the checks serve and the rendered nginx bundle pass. Every
// backend is a real echo server given with --upstream (or the input's EndpointSlices), and
// --no-echo keeps the engine's bundle what `render` writes for them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { suiteNeeding } from '../needs.js';
import { annotationChecks, annotationInput, ECHO_BACKENDS, slowServer, type Echoed, type Reply, type Stand } from './annotation-cases.js';
import { startEchoServers, type EchoServers } from './echo-servers.js';
import { ENGINES, serveEngine, type EngineServe } from './engine-serve.js';

/**
 * Checks HAProxy passes only approximately, as `render --target haproxy` reports for this
 * input (annotation-approximate): users with $apr1$ hashes cannot log in (HAProxy checks
 * passwords with crypt(3)), and HAProxy writes the affinity cookie's attributes its own way.
 * They must keep failing: one that passes is taken off this list.
 */
const HAPROXY_APPROXIMATE = new Set(['basic auth: 401 with the realm, credentials checked, not passed upstream', 'affinity: the cookie is set, and a client that brings it keeps its endpoint']);

function echoed(r: Reply): Echoed {
  const j = JSON.parse(r.body);
  const [backend, endpoint] = String(j.backend).split('#');
  return { backend, target: j.path, headers: j.headers, ...(endpoint ? { endpoint } : {}) };
}

for (const { name, available } of ENGINES) {
  const it = suiteNeeding(suite<{ stand?: Stand }>(`serve --engine ${name}: annotations`), name, available);
  let dir: string | undefined;
  let echo: EchoServers | undefined;
  let sticky: EchoServers | undefined;
  let slow: Awaited<ReturnType<typeof slowServer>> | undefined;
  let served: EngineServe | undefined;

  it.before(async (ctx) => {
    if (!available) return;
    dir = mkdtempSync(join(tmpdir(), `ingressctl-engine-annotations-`));
    echo = await startEchoServers(ECHO_BACKENDS);
    sticky = await startEchoServers(['default/sticky:80#a', 'default/sticky:80#b']);
    slow = await slowServer();
    const stickyPorts = [sticky.ports.get('default/sticky:80#a')!, sticky.ports.get('default/sticky:80#b')!] as [number, number];
    writeFileSync(join(dir, 'annotations.yaml'), annotationInput(stickyPorts));
    const upstreams = [...echo.ports].flatMap(([b, port]) => ['--upstream', `${b}=127.0.0.1:${port}`]);
    served = await serveEngine(name, [join(dir, 'annotations.yaml'), ...upstreams, '--upstream', `default/slow:80=127.0.0.1:${slow.port}`, '--no-echo', '--no-watch', '--quiet']);
    ctx.stand = { port: served.httpPort, echo: echoed };
  });

  it.after(async () => {
    await served?.stop();
    await echo?.close();
    await sticky?.close();
    await slow?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  annotationChecks((n, fn) => {
    if (name !== 'haproxy' || !HAPROXY_APPROXIMATE.has(n)) return it(n, (ctx) => fn(ctx.stand!));
    it(`${n} (a known HAProxy approximation: still differs)`, async (ctx) => {
      const passed = await fn(ctx.stand!).then(() => true, () => false);
      assert.not.ok(passed, 'passes on HAProxy now: take it off HAPROXY_APPROXIMATE');
    });
  }, () => slow!);
  it.run();
}
