// serve --local --engine nginx|haproxy: a local Ingress controller. The manifests are
// rendered for the real proxy, checked, run in the foreground and reloaded on every edit;
// backends without an --upstream go to echo servers, as with the built-in proxy.
import { hasErrors, type Finding } from '../../findings/finding.js';
import type { RouteModel } from '../../model/types.js';
import { EchoPool } from '../../engines/echo-pool.js';
import { engineBinary, EngineMissing, EngineRejected, EngineRunner, PortTaken, type EngineTarget } from '../../engines/runner.js';
import { watchInputs, type Built, type Watcher } from '../../serve/reload.js';
import { lineBatch } from '../../serve/log-batch.js';
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
  const echoes = new EchoPool();
  const localize = (m: RouteModel) => (s.echo ? echoes.localize(m) : Promise.resolve(m));
  // the access log's lines of one turn of the event loop go out in one write
  const access = lineBatch((text) => io.stderr.write(text));
  const engineLog = (line: string) => {
    access.flush();
    if (!s.quiet || !/\b(notice|info)\b/.test(line)) io.stderr.write(`${line}\n`);
  };
  // serve's own messages: after the access-log lines of requests before them
  const say = (text: string) => {
    access.flush();
    io.stderr.write(text);
  };

  let runner: EngineRunner;
  try {
    // the engine binds the ports itself: 0 means a free one, picked (and picked again when
    // another process takes it first) by the runner
    const started = await EngineRunner.start(s.target, await localize(first), {
      httpPort: s.httpPort,
      httpsPort: s.httpsPort,
      listenAddress: s.listenAddress,
      routeHeader: s.routeHeader,
      log: engineLog,
      ...(s.quiet ? {} : { accessLog: access.write, upstreamName: (a: string) => echoes.name(a) }),
    });
    runner = started.runner;
    say(`${s.target}: working folder ${runner.dir} (removed on exit)\n`);
    say(findingLines(started.findings, s.color));
  } catch (err) {
    await echoes.close();
    if (err instanceof EngineRejected) {
      say(`ingressctl: ${err.message}\n`);
      return EXIT.FINDINGS;
    }
    const e = err as Error;
    if (err instanceof PortTaken) {
      const named = [s.httpPort, s.httpsPort].filter((p) => p !== 0);
      const where = named.length ? `port ${named.join(' or ')} is in use` : 'the free ports picked were taken by other processes each time';
      throw new UsageError(`${s.target} cannot listen on ${s.listenAddress}: ${where}; choose others with --http-port and --https-port (0 picks a free one)\n${e.message}`);
    }
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
            say(findingLines(errors, s.color));
            say(`reloaded ${s.target}: ${countRoutes(model)} routes${hasErrors(findings) ? ' (with the errors above)' : ''}\n`);
          })
          .catch((err: Error) => {
            say(`ingressctl: ${err.message}\n`);
            say(`reload refused: ${s.target} keeps the last good configuration\n`);
          });
      },
      reject(findings, error) {
        say(findingLines(findings, s.color));
        if (error) say(`ingressctl: ${error.message}\n`);
        say(`reload refused: ${s.target} keeps the last good configuration\n`);
      },
    }, { includeHidden: s.includeHidden });
  }
  const hosts = first.hosts.length;
  io.stdout.write(
    `ingressctl serve: ${countRoutes(first)} routes on ${hosts} host${hosts === 1 ? '' : 's'} through ${s.target} at http://${s.hostPort(s.listenAddress, runner.httpPort)} and https://${s.hostPort(s.listenAddress, runner.httpsPort)}${watcher ? `, watching ${s.inputs.join(' ')}` : ''}\n`,
  );

  // a signal stops us; the engine dying on its own is an error
  const died = runner.whenExited().then(() => 'died' as const);
  const why = await Promise.race([s.untilSignal().then(() => 'signal' as const), died]);
  watcher?.close();
  await pending;
  if (why === 'died') {
    say(`ingressctl: ${s.target} exited unexpectedly\n`);
    await runner.stop(0);
    await echoes.close();
    return EXIT.FINDINGS;
  }
  say(`shutting down: stopping ${s.target} gracefully\n`);
  await runner.stop(GRACE_MS);
  await echoes.close();
  access.flush();
  return EXIT.OK;
}
