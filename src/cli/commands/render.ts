// ingressctl render: the route model as a proxy configuration for a target registered in
// src/emit/index.ts (nginx, HAProxy, Envoy, Traefik).
import { Command, Option } from 'commander';
import { BundleError, closedAncestor, writeBundle } from '../../emit/bundle.js';
import { writeFileBatched } from '../../emit/chunks.js';
import { RUN_COMMAND, RUNTIME_FILES } from '../../emit/runtime.js';
import { TARGETS, type Target } from '../../emit/types.js';
import { formatBackend } from '../../model/backends.js';
import { hasErrors } from '../../findings/finding.js';
import type { Backend, RouteModel } from '../../model/types.js';
import { EXIT, UsageError } from '../exit.js';
import { checkEmptyInput } from '../empty-input.js';
import { findingLines } from '../findings-text.js';
import type { IO } from '../io.js';
import { addInputOptions, parsePort, type InputOptions } from '../options.js';
import { ipVersion } from '../../model/validate-values.js';
import { noteOldBundle, protectedPaths, renderInput } from './render-input.js';
import { renderGatewayApiCommand, GATEWAY_API_TARGET, type GatewayApiFlags } from './render-gateway-api.js';
import { parseMapPorts } from './serve.js';
import type { Finding } from '../../findings/finding.js';

// Loaded when the command runs, not at the start-up of every command.
/* eslint-disable @typescript-eslint/no-require-imports */
const emitLib = () => require('../../emit/index.js') as typeof import('../../emit/index.js');
const gatewayExplainLib = () => require('../../gateway/explain.js') as typeof import('../../gateway/explain.js');
const gatewayNginxLib = () => require('../../gateway/emit-nginx.js') as typeof import('../../gateway/emit-nginx.js');
const gatewayHaproxyLib = () => require('../../gateway/emit-haproxy.js') as typeof import('../../gateway/emit-haproxy.js');
const gatewayEnvoyLib = () => require('../../gateway/emit-envoy.js') as typeof import('../../gateway/emit-envoy.js');
const renderReportLib = () => require('../../gateway/render-report.js') as typeof import('../../gateway/render-report.js');
const supportFindingsLib = () => require('../../support/findings.js') as typeof import('../../support/findings.js');
/* eslint-enable @typescript-eslint/no-require-imports */

/** render --gateway: the Ingress routes of the same input are another render. */
function ingressLeftOut(model: RouteModel): Finding {
  return { ruleId: 'target-unsupported', severity: 'warning', message: `the ${model.hosts.length} Ingress hosts of the input are not in this Gateway's configuration`, hint: 'Render them without --gateway.' };
}

interface RenderOptions extends InputOptions, GatewayApiFlags {
  target: Target | typeof GATEWAY_API_TARGET;
  outputDir?: string;
  force?: boolean;
  httpPort: number;
  httpsPort: number;
  listenAddress?: string;
  resolver: string;
  strict?: boolean;
  allowSnippets?: boolean;
  gateway?: string;
  mapPort?: string[];
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function parseAddress(flag: string, withPort: boolean) {
  return (value: string): string => {
    const m = withPort ? /^(?:\[([^\]]+)\]|([^:]+))(?::(\d{1,5}))?$/.exec(value) : null;
    const host = m ? (m[1] ?? m[2]) : value;
    const port = m?.[3];
    const ok = (ipVersion(host) === 4 && !m?.[1]) || (ipVersion(host) === 6 && (!withPort || !!m?.[1] || !port));
    if (!ok || (port !== undefined && (Number(port) < 1 || Number(port) > 65535))) {
      throw new UsageError(`${flag} must be an IP address${withPort ? ' (optionally with :PORT; IPv6 in brackets)' : ''}, not ${JSON.stringify(value)}`);
    }
    return ipVersion(host) === 6 && withPort ? `[${host}]${port ? `:${port}` : ''}` : value;
  };
}

export function renderCommand(io: IO, done: (code: number) => void): Command {
  const cmd = new Command('render')
    .description('render the routes as a proxy configuration (nginx, HAProxy, Envoy or Traefik) that routes exactly as `explain` says')
    .argument('[paths...]', 'manifest files or directories ("-" for stdin)')
    .addOption(new Option('--target <target>', 'proxy to render for, or gateway-api: the Ingresses as Gateway API objects').choices([...TARGETS, GATEWAY_API_TARGET]).default('nginx'))
    .option('-o, --output-dir <dir>', 'write the whole bundle (config, certificates, keys) to this folder (the one -o that is not a data format)')
    .option('--force', 'replace the -o folder if it exists')
    .option('--http-port <port>', 'plain HTTP port', parsePort('--http-port'), 80)
    .option('--https-port <port>', 'HTTPS port', parsePort('--https-port'), 443)
    .option('--listen-address <addr>', 'address to listen on (default: all addresses)', parseAddress('--listen-address', false))
    .option('--resolver <addr>', 'DNS server for Service names', parseAddress('--resolver', true), '10.96.0.10')
    .option('--strict', 'exit 1 when anything was not translated, or only approximately')
    .option('--gateway-name <name>', 'gateway-api: the Gateway\'s name', 'ingress')
    .option('--gateway-namespace <ns>', 'gateway-api: the Gateway\'s namespace (default: the Ingresses\' namespace when they share one, else "default")')
    .option('--verify', 'gateway-api: read the output back with the input\'s Services and Secrets, and exit 1 when a request is routed differently without a reported loss')
    .option('--gateway <namespace/name>', 'Gateway API input: render this Gateway (default: the only one when there are no Ingresses); --target envoy, haproxy or nginx')
    .option('--map-port <port=local>', 'a Gateway listener port P listens on LOCAL (repeatable; 80 and 443 take --http-port and --https-port)', collect)
    .option('--allow-snippets', 'copy snippet annotations into the nginx configuration, each in its own block (dangerous: raw configuration from the manifests)');
  addInputOptions(cmd).action((paths: string[], opts: RenderOptions) => {
    if (opts.target === GATEWAY_API_TARGET) return renderGatewayApiCommand(paths, opts, io, done);
    if (opts.verify) throw new UsageError('--verify is for --target gateway-api');
    const { emitters } = emitLib();
    const emit = emitters[opts.target];
    if (!emit) throw new UsageError(`--target ${opts.target} is not available yet (available: ${Object.keys(emitters).join(', ')})`);
    if (opts.httpPort === opts.httpsPort) throw new UsageError('--http-port and --https-port must differ');
    if (opts.allowSnippets && opts.target !== 'nginx') throw new UsageError(`--allow-snippets is for --target nginx only; snippets are never copied into a configuration for ${opts.target}`);
    const input = renderInput(paths, opts, io);
    if (!input) return done(EXIT.USAGE);
    const { load, model, findings, color } = input;
    const empty = checkEmptyInput(load, [...paths, ...(opts.filename ?? [])], io);
    if (empty !== undefined) return done(empty);
    const gateway = gatewayExplainLib().chooseGateway(model, opts.gateway, opts.namespace || 'default');
    const gatewayEnvoy = gateway && (opts.target === 'envoy' || opts.target === 'haproxy' || opts.target === 'nginx');
    const gatewayPorts = { httpPort: opts.httpPort, httpsPort: opts.httpsPort, mapPorts: parseMapPorts(opts.mapPort), ...(opts.listenAddress ? { listenAddress: opts.listenAddress } : {}) };
    const result = gateway && opts.target === 'envoy'
      ? gatewayEnvoyLib().renderGatewayEnvoy(model, gateway, { ...gatewayPorts, resolver: opts.resolver })
      : gateway && opts.target === 'haproxy'
        ? gatewayHaproxyLib().renderGatewayHaproxy(model, gateway, gatewayPorts)
        : gateway && opts.target === 'nginx'
          ? gatewayNginxLib().renderGatewayNginx(model, gateway, { ...gatewayPorts, resolver: opts.resolver })
        : emit(model, { httpPort: opts.httpPort, httpsPort: opts.httpsPort, listenAddress: opts.listenAddress, resolver: opts.resolver, ...(opts.allowSnippets ? { allowSnippets: true, documents: load.documents } : {}) });
    const lost = gatewayEnvoy ? [...result.findings, ...(model.hosts.length ? [ingressLeftOut(model)] : [])] : [...supportFindingsLib().annotationFindings(load.documents, model, opts.target, { allowSnippets: opts.allowSnippets }), ...result.findings, ...renderReportLib().gatewayRoutesNotRendered(model, opts.target)];
    if (opts.outputDir !== undefined) {
      try {
        noteOldBundle(opts.outputDir, writeBundle(opts.outputDir, result.files, { force: opts.force, keep: RUNTIME_FILES[opts.target], protect: protectedPaths(paths, opts, io) }), io);
      } catch (err) {
        if (err instanceof BundleError) throw new UsageError(err.message);
        throw err;
      }
      const closed = closedAncestor(opts.outputDir);
      if (closed) io.stderr.write(`ingressctl: note: ${closed} is closed to other users; a proxy started as root whose workers run unprivileged cannot use files in ${opts.outputDir}\n`);
      io.stderr.write(`wrote ${opts.outputDir} (${result.files.length} files); run: ${RUN_COMMAND[opts.target](opts.outputDir.replace(/\/+$/, ''))}\n`);
      const { count, first } = clusterDnsBackends(model);
      if (first) {
        io.stderr.write(
          `ingressctl: note: ${count} backend${count === 1 ? '' : 's'} resolve${count === 1 ? 's' : ''} to cluster DNS names (${first.host}${count > 1 ? ', …' : ''}), which only a cluster answers; ` +
            `on a laptop, send each to a local server with --upstream (e.g. --upstream ${first.name}=127.0.0.1:8080), or the bundle answers 502\n`,
        );
      }
    } else {
      if (result.printable !== undefined) io.stdout.write(result.printable);
      else writeFileBatched(result.files.find((f) => f.path === result.mainFile)!, (text) => io.stdout.write(text));
      if (result.printable !== undefined) io.stderr.write('ingressctl: password hashes are not printed; use -o DIR to write the whole bundle\n');
      const others = result.files.length - 1;
      const configuration = result.files.filter((f) => f.path !== result.mainFile).some((f) => !f.path.startsWith('certs/'));
      if (others === 1) io.stderr.write(`ingressctl: 1 other file (${configuration ? 'configuration' : 'certificate and key'}) is not printed; use -o DIR to write the whole bundle\n`);
      else if (others) io.stderr.write(`ingressctl: ${others} other files (${configuration ? 'configuration, ' : ''}certificates and keys) are not printed; use -o DIR to write the whole bundle\n`);
    }
    if (lost.length) io.stderr.write(`not translated for ${opts.target}, or only approximately (${lost.length}):\n${findingLines(lost, color)}`);
    const all = [...findings, ...lost];
    done(hasErrors(all) || (opts.strict && lost.length) ? EXIT.FINDINGS : EXIT.OK);
  });
  return cmd;
}

/**
 * Backends sent to a Service's cluster DNS name (unreachable outside the cluster): how many
 * (by name, ns/svc:port), and the first by name with its host. Routes share Backend objects
 * (an Ingress's routes one after another): each object's name is made once.
 */
function clusterDnsBackends(model: RouteModel): { count: number; first?: { name: string; host: string } } {
  const out = new Map<string, string>();
  const names = new Map<Backend, string>();
  let last: Backend | undefined;
  const add = (b: Backend) => {
    // the same backend again: the same name and host, set already
    if (b === last) return;
    last = b;
    if (b.upstream.kind !== 'dns' || !b.upstream.host.endsWith('.svc.cluster.local')) return;
    let name = names.get(b);
    if (name === undefined) names.set(b, (name = formatBackend(b)));
    out.set(name, b.upstream.host);
  };
  for (const v of model.hosts) {
    for (const r of v.routes) add(r.backend);
    if (v.defaultBackend) add(v.defaultBackend.backend);
  }
  if (model.defaultBackend) add(model.defaultBackend.backend);
  // the least name as a sort would put it first (the first of equal ones): one pass, no sort of 10,000 names
  let first: string | undefined;
  for (const name of out.keys()) if (first === undefined || name.localeCompare(first) < 0) first = name;
  return { count: out.size, ...(first !== undefined ? { first: { name: first, host: out.get(first)! } } : {}) };
}
