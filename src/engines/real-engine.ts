// Real engines for `ingressctl test`: render the model for nginx, HAProxy or Traefik with
// every backend pointed at a local echo server, run the binary on free loopback ports, and
// send each request to it (nginx and HAProxy through the engine runner serve --engine
// uses). An engine that is not installed is skipped, never passed.
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { writeBundle } from '../emit/bundle.js';
import { emitters } from '../emit/index.js';
import type { Target } from '../emit/types.js';
import type { RouteModel } from '../model/types.js';
import type { Engine } from '../spec/types.js';
import { observedFrom, sendTo } from './client.js';
import { modelBackends, startEchoUpstreams } from './echo-upstreams.js';
import { withLocalUpstreams } from './local-upstreams.js';
import { freePort, waitForPort } from './ports.js';
import { engineBinary, EngineMissing, EngineRunner, type EngineTarget } from './runner.js';

interface Binary {
  paths: string[];
  /** also looked for in the folders of $PATH */
  onPath?: string;
  /** resolves once the configuration is in force (after the ports accept connections) */
  ready?(ports: { http: number; https: number }): Promise<void>;
  args(dir: string): string[];
}

/** Engines run here directly; nginx and HAProxy are run by src/engines/runner.ts. */
const BINARIES: Partial<Record<Target, Binary>> = {
  // no package ships Traefik here: wherever it is on PATH (the bundle's paths are relative to its folder)
  traefik: { paths: ['/usr/local/bin/traefik', '/usr/bin/traefik'], onPath: 'traefik', args: () => ['--configFile=traefik.yml'], ready: traefikReady },
};

export function findBinary(target: Target): string | undefined {
  if (target === 'nginx' || target === 'haproxy') return engineBinary(target);
  const spec = BINARIES[target];
  if (!spec) return undefined;
  const onPath = spec.onPath ? (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, spec.onPath!)) : [];
  return [...spec.paths, ...onPath].find((p) => existsSync(p));
}

export async function startRealEngine(target: Target, model: RouteModel, options: { httpsPort?: number } = {}): Promise<Engine | { skip: string }> {
  if (target === 'nginx' || target === 'haproxy') return startWithRunner(target, model, options);
  const binary = findBinary(target);
  const emitter = emitters[target];
  const spec = BINARIES[target];
  if (!spec || !emitter) return { skip: `ingressctl cannot run ${target} here` };
  if (!binary) return { skip: `${target} is not installed (looked in ${spec.paths.join(', ')}${spec.onPath ? ' and on PATH' : ''})` };

  const echoes = await startEchoUpstreams(modelBackends(model));
  const dir = mkdtempSync(join(tmpdir(), `ingressctl-${target}-`));
  chmodSync(dir, 0o755); // nginx workers run unprivileged when nginx starts as root
  let child: ChildProcess | undefined;
  const cleanup = async () => {
    await stopChild(child);
    await echoes.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ports = { http: await freePort(), https: await freePort() };
    const local = withLocalUpstreams(model, echoes.ports);
    const result = emitter(local, { httpPort: ports.http, httpsPort: ports.https, listenAddress: '127.0.0.1', resolver: '127.0.0.1' });
    const bundle = join(dir, 'bundle');
    writeBundle(bundle, result.files);
    let stderr = '';
    child = spawn(binary, spec.args(bundle), { cwd: bundle, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (c) => (stderr += c));
    try {
      await Promise.race([
        Promise.all([waitForPort(ports.http), waitForPort(ports.https)]).then(() => spec.ready?.(ports)),
        new Promise((_, reject) => child!.once('exit', (code) => reject(new Error(`exited with ${code}`)))),
      ]);
    } catch (err) {
      const log = existsSync(join(bundle, 'error.log')) ? readFileSync(join(bundle, 'error.log'), 'utf8') : '';
      throw new Error(`${target} did not start: ${(err as Error).message}\n${stderr}${log}`.trim());
    }
    return engineOn(target, ports, options, cleanup);
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** nginx and HAProxy through the engine runner: render, check, start in the foreground. */
async function startWithRunner(target: EngineTarget, model: RouteModel, options: { httpsPort?: number }): Promise<Engine | { skip: string }> {
  if (!engineBinary(target)) return { skip: new EngineMissing(target).message };
  const echoes = await startEchoUpstreams(modelBackends(model));
  let runner: EngineRunner | undefined;
  const cleanup = async () => {
    await runner?.stop(1000);
    await echoes.close();
  };
  try {
    // ports 0: the runner picks them, and picks again if another process takes one first
    runner = (await EngineRunner.start(target, withLocalUpstreams(model, echoes.ports), { httpPort: 0, httpsPort: 0, listenAddress: '127.0.0.1' })).runner;
    return engineOn(target, { http: runner.httpPort, https: runner.httpsPort }, options, cleanup);
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** The spec engine for a proxy listening on `ports`, its backends echo servers. */
function engineOn(target: Target, ports: { http: number; https: number }, options: { httpsPort?: number }, close: () => Promise<void>): Engine {
  const wantHttpsPort = options.httpsPort ?? 443;
  return {
    name: target,
    checks: new Set(['backend', 'status', 'location', 'path', 'host', 'headers']),
    async send(request) {
      const seen = observedFrom(await sendTo(ports, request));
      // the engine listens on a port of the test's choosing: Location names the one the spec expects
      if (seen.location) seen.location = seen.location.replace(new RegExp(`^(https://[^/]+?):${ports.https}(?=/|$)`), wantHttpsPort === 443 ? '$1' : `$1:${wantHttpsPort}`);
      return seen;
    },
    close,
  };
}

/** SIGTERM, then SIGKILL after 3 s; resolves when the process has exited (at once when it has already). */
export function stopChild(child: ChildProcess | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => (clearTimeout(kill), resolve()));
    child.kill('SIGTERM');
  });
}

/**
 * Traefik opens its entry points before the file provider has loaded dynamic/: until then
 * every request is 404. The rendered configuration answers 400 to an encoded slash from its
 * first router, so that answer says the routes are in force (bounded: 10 s).
 */
async function traefikReady(ports: { http: number; https: number }): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const status = await new Promise<number>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port: ports.http, path: '/ready%2Fcheck', agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.setTimeout(1000, () => req.destroy());
      req.on('error', () => resolve(0));
      req.end();
    });
    if (status === 400) return;
    if (Date.now() > deadline) throw new Error(`the routes were not in force after 10 s (last answer ${status})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
