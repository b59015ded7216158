// Options every command that reads manifests shares, and turning them into a model.
import { Option, type Command } from 'commander';
import { loadInputs, type LoadResult } from '../load/index.js';
import { parseBackendName, type UpstreamOverrides } from '../model/backends.js';
import { hasErrors, type Finding } from '../findings/finding.js';
import { resolve } from '../model/resolve.js';
import { validateDocuments } from '../schema/validate.js';
import type { RouteModel } from '../model/types.js';
import { UsageError } from './exit.js';
import type { IO } from './io.js';
import { noteClassFilter } from './empty-input.js';
import { startProgress } from './progress.js';

export interface InputOptions {
  filename?: string[];
  recursive?: boolean;
  namespace?: string;
  ingressClass?: string;
  defaultBackend?: string;
  upstream?: string[];
  color?: boolean;
  debug?: boolean;
  compat?: 'ingress-nginx';
  gatewayClass?: string;
  includeHidden?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function addInputOptions(cmd: Command): Command {
  return cmd
    .option('-f, --filename <path>', 'manifest file or directory (repeatable; "-" for stdin)', collect)
    .option('-R, --recursive', 'accepted for kubectl habit: directories are always walked recursively')
    .option('-n, --namespace <namespace>', 'namespace for objects without one (default: default)', parseNamespace)
    .option('--include-hidden', 'also walk dot-folders (.git, .github…) and node_modules')
    .option('--ingress-class <name>', 'keep only Ingresses of this class')
    .option('--gateway-class <name>', 'keep only Gateways of this GatewayClass (Gateway API input)')
    .option('--default-backend <backend>', 'catch-all backend, [NAMESPACE/]SERVICE:PORT')
    .option('--upstream <backend=host:port>', 'send a backend to a fixed address (repeatable)', collect)
    .addOption(new Option('--compat <controller>', "reproduce a controller's own path matching: ingress-nginx (regex on a whole host once one Ingress asks for it; ImplementationSpecific as a plain string prefix)").choices(['ingress-nginx']))
    .option('--no-color', 'no colour in output')
    .option('--debug', 'show stack traces for internal errors');
}

/** -n is a usage error when the API server would refuse it as a namespace (a DNS-1123 label). */
export function parseNamespace(value: string): string {
  if (value.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value)) {
    throw new UsageError(`-n/--namespace must be a DNS-1123 label (lower-case letters, digits and '-', at most 63), not ${JSON.stringify(value)}`);
  }
  return value;
}

export function parsePort(flag: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535) throw new UsageError(`${flag} must be a port number from 1 to 65535, not ${JSON.stringify(value)}`);
    return Number(value);
  };
}

export function parseUpstreams(specs: readonly string[] | undefined, namespace: string): UpstreamOverrides {
  const map: UpstreamOverrides = new Map();
  for (const spec of specs ?? []) {
    const m = /^([^=]+)=(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(spec);
    const b = m ? parseBackendName(m[1], namespace) : undefined;
    const port = m ? Number(m[3]) : 0;
    if (!m || !b || port < 1 || port > 65535) throw new UsageError(`--upstream must be [NAMESPACE/]SERVICE[:PORT]=HOST:PORT, not ${JSON.stringify(spec)}`);
    const host = m[2].replace(/^\[|\]$/g, '');
    map.set(`${b.namespace}/${b.service}${b.port !== undefined ? `:${b.port}` : ''}`, { host, port });
  }
  return map;
}

export interface LoadedModel {
  load: LoadResult;
  model: RouteModel;
  /** load, validate and resolve findings, in that order */
  findings: Finding[];
  /** input could not be read or parsed (exit 2 for commands other than lint) */
  unusable: boolean;
}

export function buildModel(paths: string[], opts: InputOptions, io: IO): LoadedModel {
  const all = [...paths, ...(opts.filename ?? [])];
  if (all.length === 0) throw new UsageError('no input: give manifest files or directories (or "-" for stdin)');
  const namespace = opts.namespace || 'default';
  let defaultBackend: { namespace: string; service: string; port: number } | undefined;
  if (opts.defaultBackend !== undefined) {
    const b = parseBackendName(opts.defaultBackend, namespace);
    if (!b || typeof b.port !== 'number') throw new UsageError(`--default-backend must be [NAMESPACE/]SERVICE:PORT with a port number, not ${JSON.stringify(opts.defaultBackend)}`);
    defaultBackend = { namespace: b.namespace, service: b.service, port: b.port };
  }
  const upstreams = parseUpstreams(opts.upstream, namespace);
  const progress = startProgress(io.stderr);
  const load = loadInputs(all, { namespace, stdin: io.stdin, includeHidden: opts.includeHidden, progress: progress.read });
  const invalid = validateDocuments(load.documents);
  const model = resolve(load.documents, { ingressClass: opts.ingressClass, defaultBackend, upstreams, ...(opts.compat ? { compat: opts.compat } : {}), ...(opts.gatewayClass ? { gatewayClass: opts.gatewayClass } : {}) });
  progress.routes(model.hosts.reduce((n, h) => n + h.routes.length, 0));
  progress.clear();
  noteClassFilter(model.unselected, opts.ingressClass, io);
  return { load, model, findings: [...load.findings, ...invalid, ...model.findings], unusable: hasErrors(load.findings) };
}
