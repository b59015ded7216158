// serve --local --engine nginx|haproxy: a local Ingress controller. The manifests are
// rendered for the real proxy, checked, run in the foreground and reloaded on every edit;
// backends without an --upstream go to echo servers, as with the built-in proxy.
import { hasErrors, type Finding } from '../../findings/finding.js';
import type { RouteModel } from '../../model/types.js';
import { EchoPool } from '../../engines/echo-pool.js';
import { freePort } from '../../engines/ports.js';
import { engineBinary, EngineMissing, EngineRejected, EngineRunner, type EngineTarget } from '../../engines/runner.js';
import { watchInputs, type Built, type Watcher } from '../../serve/reload.js';
import { countRoutes } from '../../serve/server.js';
import { EXIT, UsageError } from '../exit.js';
import { findingLines } from '../findings-text.js';
import type { IO } from '../io.js';

export interface EngineServeSettings {
  target: EngineTarget;
  listenAddress: string;
  httpPort: number;
  httpsPort: number;
  routeHeader: boolean;
  echo: boolean;
  watch: boolean;
  quiet: boolean;
  includeHidden?: boolean;
  color: boolean;
  /** what is watched (files and folders) */
  inputs: string[];
  build(): Built;
  /** resolves on SIGINT/SIGTERM */
  untilSignal(): Promise<void>;
  hostPort(host: string, port: number): string;
}

const GRACE_MS = 10_000;

export async function serveWithEngine(first: RouteModel, s: EngineServeSettings, io: IO): Promise<number> {
  if (!engineBinary(s.target)) throw new UsageError(new EngineMissing(s.target).message);
  // the engine binds the ports itself: 0 means a free one, picked here
  const httpPort = s.httpPort || (await freePort());
  const httpsPort = s.httpsPort || (await freePort());
  const echoes = new EchoPool();
  const localize = (m: RouteModel) => (s.echo ? echoes.localize(m) : Promise.resolve(m));
  const engineLog = (line: string) => {
    if (!s.quiet || !/\b(notice|info)\b/.test(line)) io.stderr.write(`${line}\n`);
  };

  let runner: EngineRunner;
  try {
    const started = await EngineRunner.start(s.target, await localize(first), {
      httpPort,
      httpsPort,
      listenAddress: s.listenAddress,
      routeHeader: s.routeHeader,
      log: engineLog,
      ...(s.quiet ? {} : { accessLog: (line: string) => io.stderr.write(line), upstreamName: (a: string) => echoes.name(a) }),
    });
    runner = started.runner;
    io.stderr.write(`${s.target}: working folder ${runner.dir} (removed on exit)\n`);
    io.stderr.write(findingLines(started.findings, s.color));
  } catch (err) {
    await echoes.close();
    if (err instanceof EngineRejected) {
      io.stderr.write(`ingressctl: ${err.message}\n`);
      return EXIT.FINDINGS;
    }
    const e = err as Error;
    if (/Address already in use|cannot bind/i.test(e.message)) throw new UsageError(`${s.target} cannot listen on ${s.hostPort(s.listenAddress, httpPort)} or ${httpsPort}: a port is in use; choose others with --http-port and --https-port (0 picks a free one)\n${e.message}`);
    throw err;
  }

  let watcher: Watcher | undefined;
  // one reload after another, in the order of the edits
  let pending: Promise<unknown> = Promise.resolve();
  if (s.watch) {
    watcher = watchInputs(s.inputs, {
      build: s.build,
      apply(model, findings) {
        // the watcher's rebuild is synchronous; the engine's render, check and reload are queued
        pending = pending
          .then(() => localize(model))
          .then((local) => runner.reload(local))
          .then((gen) => {
            const errors: Finding[] = [...findings, ...gen.findings].filter((f) => f.severity === 'error');
            io.stderr.write(findingLines(errors, s.color));
            io.stderr.write(`reloaded ${s.target}: ${countRoutes(model)} routes${hasErrors(findings) ? ' (with the errors above)' : ''}\n`);
          })
          .catch((err: Error) => {
            io.stderr.write(`ingressctl: ${err.message}\n`);
            io.stderr.write(`reload refused: ${s.target} keeps the last good configuration\n`);
          });
      },
      reject(findings, error) {
        io.stderr.write(findingLines(findings, s.color));
        if (error) io.stderr.write(`ingressctl: ${error.message}\n`);
        io.stderr.write(`reload refused: ${s.target} keeps the last good configuration\n`);
      },
    }, { includeHidden: s.includeHidden });
  }
  const hosts = first.hosts.length;
  io.stdout.write(
    `ingressctl serve: ${countRoutes(first)} routes on ${hosts} host${hosts === 1 ? '' : 's'} through ${s.target} at http://${s.hostPort(s.listenAddress, httpPort)} and https://${s.hostPort(s.listenAddress, httpsPort)}${watcher ? `, watching ${s.inputs.join(' ')}` : ''}\n`,
  );

  // a signal stops us; the engine dying on its own is an error
  const died = runner.whenExited().then(() => 'died' as const);
  const why = await Promise.race([s.untilSignal().then(() => 'signal' as const), died]);
  watcher?.close();
  await pending;
  if (why === 'died') {
    io.stderr.write(`ingressctl: ${s.target} exited unexpectedly\n`);
    await runner.stop(0);
    await echoes.close();
    return EXIT.FINDINGS;
  }
  io.stderr.write(`shutting down: stopping ${s.target} gracefully\n`);
  await runner.stop(GRACE_MS);
  await echoes.close();
  return EXIT.OK;
}
