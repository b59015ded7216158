// ingressctl serve --local: the routes as a local reverse proxy, reloaded on every edit.
import { Command, Option } from 'commander';
import { hasErrors } from '../../findings/finding.js';
import type { LocalProxy } from '../../serve/server.js';
import type { Built, Watcher } from '../../serve/reload.js';
import { EXIT, UsageError } from '../exit.js';
import { checkEmptyInput } from '../empty-input.js';
import { findingLines } from '../findings-text.js';
import { useColor, type IO } from '../io.js';
import { addInputOptions, buildModel, type InputOptions, type LoadedModel } from '../options.js';
import type { UiServer } from '../../serve/ui/index.js';
import { UI_PORT } from '../../serve/ui/address.js';
import { chooseGateway } from '../../gateway/explain.js';
import { localPorts } from '../../gateway/local-ports.js';
import type { GatewayModel, RouteModel } from '../../model/types.js';

// The proxies and the watcher are loaded when serve runs: node:http, http2, tls, net… are
// not part of every command's start-up.
/* eslint-disable @typescript-eslint/no-require-imports */
const server = () => require('../../serve/server.js') as typeof import('../../serve/server.js');
const reload = () => require('../../serve/reload.js') as typeof import('../../serve/reload.js');
const uiPage = () => require('../../serve/ui/index.js') as typeof import('../../serve/ui/index.js');
const gatewayServe = () => require('../../gateway/serve.js') as typeof import('../../gateway/serve.js');
const engineServe = () => require('./serve-engine.js') as typeof import('./serve-engine.js');
const logBatch = () => require('../../serve/log-batch.js') as typeof import('../../serve/log-batch.js');
/* eslint-enable @typescript-eslint/no-require-imports */

interface ServeCommandOptions extends InputOptions {
  local?: boolean;
  listenAddress: string;
  httpPort: number;
  port?: number;
  httpsPort: number;
  routeHeader: boolean;
  echo: boolean;
  watch: boolean;
  quiet?: boolean;
  engine: 'builtin' | 'nginx' | 'haproxy';
  gateway?: string;
  mapPort?: string[];
  ui?: boolean;
  uiPort: number;
  uiListenAddress?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** --map-port P=LOCAL (repeatable): listener port P of the Gateway binds local port LOCAL. */
export function parseMapPorts(specs: readonly string[] | undefined): Map<number, number> {
  const out = new Map<number, number>();
  for (const s of specs ?? []) {
    const m = /^(\d{1,5})=(\d{1,5})$/.exec(s);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > 65535 || Number(m[2]) > 65535) throw new UsageError(`--map-port must be LISTENER_PORT=LOCAL_PORT, not ${JSON.stringify(s)}`);
    out.set(Number(m[1]), Number(m[2]));
  }
  return out;
}

/** Ports for listeners: 0 asks the system for a free one. */
function listenPort(flag: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`${flag} must be a port number from 0 to 65535, not ${JSON.stringify(value)}`);
    return Number(value);
  };
}

const GRACE_MS = 10_000;

export function serveCommand(io: IO, done: (code: number) => void): Command {
  const cmd = new Command('serve')
    .description('serve the routes locally: a reverse proxy driven by the route model, with TLS by SNI, an echo backend and hot reload')
    .argument('[paths...]', 'manifest files or directories ("-" for stdin)')
    .option('--local', 'serve on this machine (the only mode so far)')
    .addOption(new Option('--engine <engine>', 'the proxy: the built-in one, or nginx / HAProxy rendered, checked, run and reloaded on every edit').choices(['builtin', 'nginx', 'haproxy']).default('builtin'))
    .option('--listen-address <address>', 'address to listen on', '127.0.0.1')
    .option('--http-port <port>', 'HTTP port (0 picks a free one)', listenPort('--http-port'), 8080)
    .option('--port <port>', 'alias of --http-port', listenPort('--port'))
    .option('--https-port <port>', 'HTTPS port, HTTP/2 and HTTP/1.1 (0 picks a free one)', listenPort('--https-port'), 8443)
    .option('--no-route-header', `leave out the x-ingressctl-route response header`)
    .option('--no-echo', 'answer backends without an --upstream with 503 instead of the echo backend')
    .option('--no-watch', 'do not reload when the manifests change')
    .option('-q, --quiet', 'no access log')
    .option('--gateway <namespace/name>', 'Gateway API input: serve this Gateway\'s listeners (default: the only Gateway when there are no Ingresses)')
    .option('--map-port <port=local>', 'bind Gateway listener port P on local port LOCAL (repeatable; 80 and 443 take --http-port and --https-port)', collect)
    .option('--ui', 'also serve a live page: route table, graph, last requests, reloads, explain box (no external assets)')
    .option('--ui-port <port>', "the page's port, never one of the proxy's (0 picks a free one)", listenPort('--ui-port'), UI_PORT)
    .option('--ui-listen-address <address>', 'address the page listens on; it has no authentication, so it stays on 127.0.0.1 unless an address is named here');
  addInputOptions(cmd).action(async (paths: string[], opts: ServeCommandOptions) => {
    const color = useColor(io.stderr, io.env, opts.color);
    // the page lists each reload's findings and draws the graph of the configuration served
    let built!: LoadedModel;
    const build = (): Built => (built = buildModel(paths, opts, io));
    const first = buildModel(paths, opts, io);
    let served = first;
    io.stderr.write(findingLines(first.findings, color));
    if (first.unusable) return done(EXIT.USAGE);
    const empty = checkEmptyInput(first.load, [...paths, ...(opts.filename ?? [])], io);
    if (empty !== undefined) return done(empty);
    const gateway = chooseGateway(first.model, opts.gateway, opts.namespace || 'default');
    if (gateway && opts.engine !== 'builtin') throw new UsageError(`--engine ${opts.engine} serves Ingress routes; a Gateway is served by the built-in proxy (leave out --engine)`);
    if (gateway && opts.ui) throw new UsageError('--ui shows the Ingress proxy; it does not draw a Gateway yet (serve without --ui, or without --gateway)');
    if (opts.ui && opts.engine !== 'builtin') throw new UsageError(`--ui shows the built-in proxy; it does not draw --engine ${opts.engine} (leave out one of the two)`);
    if (gateway) return serveGateway(io, done, gateway, first.model, opts, build, color, [...paths, ...(opts.filename ?? [])]);
    if (opts.engine !== 'builtin') {
      const code = await engineServe().serveWithEngine(first.model, {
        target: opts.engine,
        listenAddress: opts.listenAddress,
        httpPort: opts.port ?? opts.httpPort,
        httpsPort: opts.httpsPort,
        routeHeader: opts.routeHeader,
        echo: opts.echo,
        watch: opts.watch,
        quiet: !!opts.quiet,
        includeHidden: opts.includeHidden,
        color,
        inputs: [...paths, ...(opts.filename ?? [])],
        build,
        untilSignal,
        hostPort,
      }, io);
      return done(code);
    }

    const live = opts.ui ? new (uiPage().LiveLog)() : undefined;
    // the access log's lines of one turn of the event loop go out in one write
    const access = logBatch().lineBatch((text) => io.stderr.write(text));
    let proxy: LocalProxy;
    try {
      proxy = await server().LocalProxy.start(first.model, {
        listenAddress: opts.listenAddress,
        httpPort: opts.port ?? opts.httpPort,
        httpsPort: opts.httpsPort,
        routeHeader: opts.routeHeader,
        echo: opts.echo,
        ...(opts.quiet ? {} : { accessLog: access.write }),
        // refused manifest header values are named even with --quiet (not access-log lines)
        log: (line: string) => io.stderr.write(line),
        ...(live ? { observe: uiPage().observeInto(live) } : {}),
      });
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { port?: number };
      const httpPort = opts.port ?? opts.httpPort;
      if (e.code === 'EADDRINUSE' || e.code === 'EACCES') {
        const flag = e.port === opts.httpsPort ? '--https-port' : '--http-port';
        const why = e.code === 'EADDRINUSE' ? 'is already in use' : 'needs privileges (ports below 1024 are for root)';
        throw new UsageError(`cannot listen on ${hostPort(opts.listenAddress, e.port ?? httpPort)}: port ${e.port ?? httpPort} ${why}; choose another with ${flag} (0 picks a free one)`);
      }
      throw new UsageError(`cannot listen on ${opts.listenAddress}: ${e.message}`);
    }

    const where = `http://${hostPort(opts.listenAddress, proxy.httpPort)} and https://${hostPort(opts.listenAddress, proxy.httpsPort)}`;
    let ui: UiServer | undefined;
    if (live) {
      const at = uiPage().uiListen(opts.uiListenAddress, opts.uiPort, { address: opts.listenAddress, ports: [proxy.httpPort, proxy.httpsPort] });
      try {
        if ('refused' in at) throw new UsageError(at.refused);
        const source = { model: () => proxy.model, findings: () => ({ findings: served.findings, documents: served.load.documents }), httpsPort: proxy.httpsPort, where };
        ui = await uiPage().UiServer.start(source, live, at.address, at.port);
      } catch (err) {
        await proxy.stop(0);
        const e = err as NodeJS.ErrnoException;
        if (err instanceof UsageError) throw err;
        const why = e.code === 'EADDRINUSE' ? `port ${opts.uiPort} is already in use; choose another with --ui-port (0 picks a free one)` : e.message;
        throw new UsageError(`cannot listen for the page on ${opts.uiListenAddress ?? '127.0.0.1'}: ${why}`);
      }
      live.reload('start', server().countRoutes(first.model), first.findings);
    }

    const inputs = [...paths, ...(opts.filename ?? [])];
    let watcher: Watcher | undefined;
    if (opts.watch) {
      watcher = reload().watchInputs(inputs, {
        build,
        apply(model, findings) {
          access.flush(); // the lines of requests served before the reload come first
          proxy.swap(model);
          served = built;
          live?.reload('reloaded', server().countRoutes(model), findings);
          io.stderr.write(findingLines(findings.filter((f) => f.severity === 'error'), color));
          io.stderr.write(`reloaded: ${server().countRoutes(model)} routes${hasErrors(findings) ? ' (with the errors above)' : ''}\n`);
        },
        reject(findings, error) {
          access.flush();
          io.stderr.write(findingLines(findings, color));
          if (error) io.stderr.write(`ingressctl: ${error.message}\n`);
          io.stderr.write('reload refused: keeping the last good configuration\n');
          live?.reload('refused', server().countRoutes(proxy.model), findings, error?.message);
        },
      }, { includeHidden: opts.includeHidden });
    }
    const hostCount = first.model.hosts.length;
    const watched = inputs.filter((p) => p !== '-'); // standard input is read once, never watched
    io.stdout.write(
      `ingressctl serve: ${server().countRoutes(first.model)} routes on ${hostCount} host${hostCount === 1 ? '' : 's'} at http://${hostPort(opts.listenAddress, proxy.httpPort)} and https://${hostPort(opts.listenAddress, proxy.httpsPort)} (h2, http/1.1)${ui ? `, page at http://${hostPort(opts.uiListenAddress ?? '127.0.0.1', ui.port)}/` : ''}${watcher && watched.length ? `, watching ${watched.join(' ')}` : ''}\n`,
    );

    await untilSignal();
    access.flush();
    io.stderr.write('shutting down: finishing open requests\n');
    watcher?.close();
    await ui?.stop();
    await proxy.stop(GRACE_MS);
    access.flush();
    done(EXIT.OK);
  });
  return cmd;
}

/** serve --gateway: the Gateway's listeners, reloaded on every edit like the Ingress proxy. */
async function serveGateway(io: IO, done: (code: number) => void, gateway: GatewayModel, model: RouteModel, opts: ServeCommandOptions, build: () => Built, color: boolean, inputs: string[]): Promise<void> {
  const ports = { httpPort: opts.port ?? opts.httpPort, httpsPort: opts.httpsPort, mapPorts: parseMapPorts(opts.mapPort) };
  // Ingresses in the same input keep their own listeners (--http-port, --https-port)
  const ingress = model.hosts.length > 0 || model.defaultBackend !== undefined;
  if (ingress) {
    for (const [port, { local }] of localPorts(gateway, ports)) {
      const taken = local !== 0 && local === ports.httpPort ? '--http-port' : local !== 0 && local === ports.httpsPort ? '--https-port' : undefined;
      if (taken) throw new UsageError(`listener port ${port} of Gateway ${gateway.namespace}/${gateway.name} would bind local port ${local}, which the Ingress routes use (${taken}); give the listener another port with --map-port ${port}=LOCAL`);
    }
  }
  const proxy = await gatewayServe().GatewayProxy.start(gateway, {
    listenAddress: opts.listenAddress,
    ...ports,
    routeHeader: opts.routeHeader,
    echo: opts.echo,
    ...(opts.quiet ? {} : { accessLog: (line: string) => io.stderr.write(line) }),
    log: (line: string) => io.stderr.write(line),
  });
  let ingressProxy: LocalProxy | undefined;
  try {
    if (ingress) ingressProxy = await server().LocalProxy.start(model, { listenAddress: opts.listenAddress, httpPort: ports.httpPort, httpsPort: ports.httpsPort, routeHeader: opts.routeHeader, echo: opts.echo, ...(opts.quiet ? {} : { accessLog: (line: string) => io.stderr.write(line) }), log: (line: string) => io.stderr.write(line) });
  } catch (err) {
    await proxy.stop();
    const e = err as NodeJS.ErrnoException;
    throw new UsageError(`cannot listen on ${opts.listenAddress} for the Ingress routes: ${e.code === 'EADDRINUSE' ? 'a port is already in use' : e.message}`);
  }
  let watcher: Watcher | undefined;
  if (opts.watch) {
    watcher = reload().watchInputs(inputs, {
      build,
      apply(model, findings) {
        const ok = proxy.swap(model);
        ingressProxy?.swap(model);
        io.stderr.write(findingLines(findings.filter((f) => f.severity === 'error'), color));
        io.stderr.write(ok ? 'reloaded\n' : `reload refused: Gateway ${gateway.namespace}/${gateway.name} is gone; keeping the last good configuration\n`);
      },
      reject(findings, error) {
        io.stderr.write(findingLines(findings, color));
        if (error) io.stderr.write(`ingressctl: ${error.message}\n`);
        io.stderr.write('reload refused: keeping the last good configuration\n');
      },
    });
  }
  const bound = [...proxy.ports].map(([p, local]) => `${p} → ${hostPort(opts.listenAddress, local)}`).join(', ');
  io.stdout.write(`ingressctl serve: Gateway ${gateway.namespace}/${gateway.name}, listener ports ${bound}${ingressProxy ? `; Ingress routes at http://${hostPort(opts.listenAddress, ingressProxy.httpPort)} and https://${hostPort(opts.listenAddress, ingressProxy.httpsPort)}` : ''}${watcher ? ', watching' : ''}\n`);
  await untilSignal();
  io.stderr.write('shutting down\n');
  watcher?.close();
  await proxy.stop();
  await ingressProxy?.stop(GRACE_MS);
  done(EXIT.OK);
}

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Resolves on the first SIGINT or SIGTERM (the handlers are removed again). */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const on = () => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve();
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}
