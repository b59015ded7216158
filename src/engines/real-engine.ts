// Real engines for `ingressctl test`: render the model for nginx or HAProxy with every
// backend pointed at a local echo server, run the binary on free loopback ports (through
// the engine runner serve --engine uses), and send each request to it. An engine that is
// not installed is skipped, never passed.
import type { Target } from '../emit/types.js';
import type { RouteModel } from '../model/types.js';
import type { Engine, Observed } from '../spec/types.js';
import { sendTo } from './client.js';
import { modelBackends, startEchoUpstreams } from './echo-upstreams.js';
import { withLocalUpstreams } from './local-upstreams.js';
import { freePort } from './ports.js';
import { engineBinary, EngineMissing, EngineRunner } from './runner.js';

/** The engine's binary when ingressctl can run it here. */
export function findBinary(target: Target): string | undefined {
  return target === 'nginx' || target === 'haproxy' ? engineBinary(target) : undefined;
}

export async function startRealEngine(target: Target, model: RouteModel, options: { httpsPort?: number } = {}): Promise<Engine | { skip: string }> {
  if (target !== 'nginx' && target !== 'haproxy') return { skip: `ingressctl cannot run ${target} here` };
  if (!engineBinary(target)) return { skip: new EngineMissing(target).message };
  const echoes = await startEchoUpstreams(modelBackends(model));
  let runner: EngineRunner | undefined;
  const cleanup = async () => {
    await runner?.stop(1000);
    await echoes.close();
  };
  try {
    const ports = { http: await freePort(), https: await freePort() };
    // the engine runner serve --engine uses: render, check, start in the foreground
    runner = (await EngineRunner.start(target, withLocalUpstreams(model, echoes.ports), { httpPort: ports.http, httpsPort: ports.https, listenAddress: '127.0.0.1' })).runner;
    const wantHttpsPort = options.httpsPort ?? 443;
    return {
      name: target,
      checks: new Set(['backend', 'status', 'location', 'path', 'host', 'headers']),
      async send(request) {
        const res = await sendTo(ports, request);
        const seen: Observed = { status: res.status, headers: res.headers };
        // the engine listens on a port of the test's choosing: Location names the one the spec expects
        if (res.headers.location) seen.location = res.headers.location.replace(new RegExp(`^(https://[^/]+?):${ports.https}(?=/|$)`), wantHttpsPort === 443 ? '$1' : `$1:${wantHttpsPort}`);
        if (res.status === 200 && res.headers['x-echo-backend']) {
          const echo = JSON.parse(res.body);
          seen.backend = { namespace: echo.namespace, service: echo.service, port: echo.port };
          seen.path = echo.path;
          seen.host = echo.host;
        }
        return seen;
      },
      close: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
