// ingressctl lint: API-server parity, cross-object and annotation checks, in the formats CI reads.
import { existsSync } from 'node:fs';
import { basename, resolve as resolvePath, relative, sep } from 'node:path';
import { Command, Option } from 'commander';
import { loadInputs } from '../../load/index.js';
import { CONFIG_NAMES, findConfig, loadConfig, emptyConfig, type LintConfig } from '../../lint/config.js';
import { GATEWAY_API_CHANNEL, GATEWAY_API_VERSION, SUPPORTED_VERSIONS } from '../../gateway/kinds.js';
import { FORMATTERS } from '../../lint/formatters/index.js';
import { writeJson } from '../../lint/formatters/json.js';
import { writeBatched } from '../../util/batched.js';
import { globToRegExp, matchesAny } from '../../lint/glob.js';
import { LATEST_KUBERNETES } from '../../lint/k8s/api-versions.js';
import { parsePortRange } from '../../lint/k8s/node-ports.js';
import type { LintOptions, LintReport, Target } from '../../lint/types.js';
import { checkEmptyInput, noteClassFilter } from '../empty-input.js';
import { EXIT, UsageError } from '../exit.js';
import { useColor, type IO } from '../io.js';
import { addInputOptions, type InputOptions } from '../options.js';
import { startProgress } from '../progress.js';

// Loaded when the command runs, not at the start-up of every command.
/* eslint-disable @typescript-eslint/no-require-imports */
const engineLib = () => require('../../lint/engine.js') as typeof import('../../lint/engine.js');
/* eslint-enable @typescript-eslint/no-require-imports */

interface LintFlags extends InputOptions {
  format: string;
  config?: string;
  maxWarnings?: string;
  strict?: boolean;
  quiet?: boolean;
  kubernetesVersion?: string;
  target?: Target;
  now?: string;
  serviceNodePortRange?: string;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export function lintCommand(io: IO, done: (code: number) => void): Command {
  const cmd = new Command('lint')
    .description('check manifests as the API server would, then across objects and annotations; exit 1 on error-level findings')
    .argument('[paths...]', 'manifest files or directories ("-" for stdin)')
    .addOption(new Option('--format <format>', 'report format').choices(Object.keys(FORMATTERS)).default('stylish'))
    .option('--config <file>', 'lint configuration (default: .ingressctl.yaml found from the working directory upward)')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this')
    .option('--strict', 'exit 1 on any warning')
    .option('--quiet', 'report errors only')
    .option('--kubernetes-version <x.y>', `Kubernetes release whose API versions are served (default: ${LATEST_KUBERNETES.join('.')})`)
    .addOption(new Option('--target <target>', 'also report annotations this target cannot honour').choices(['nginx', 'haproxy', 'envoy', 'traefik']))
    .option('--now <time>', 'judge certificate expiry at this RFC 3339 time (default: now)')
    .option('--service-node-port-range <min-max>', "the cluster's NodePort range, as the API server's flag; unless given, serviceNodePortRange in .ingressctl.yaml (default: 30000-32767)")
    .addHelpText('after', gatewayApiHelp());
  addInputOptions(cmd);
  // backend overrides and --compat change where traffic goes, not what lint checks
  for (const o of cmd.options) if (o.long === '--default-backend' || o.long === '--upstream' || o.long === '--compat') o.hideHelp();
  cmd.action((paths: string[], flags: LintFlags) => {
    const options = lintOptions(flags);
    const maxWarnings = flags.maxWarnings === undefined ? undefined : parseCount(flags.maxWarnings);
    const format = FORMATTERS[flags.format];
    const all = [...paths, ...(flags.filename ?? [])];
    if (all.length === 0) throw new UsageError('no input: give manifest files or directories (or "-" for stdin)');
    const config = readConfig(flags.config, io);
    options.allowSnippets = config.allowSnippets;
    options.nodePortRange ??= config.serviceNodePortRange;

    const progress = startProgress(io.stderr);
    const load = loadInputs(all, { namespace: flags.namespace || 'default', stdin: io.stdin, includeHidden: flags.includeHidden, accept: acceptFile(config, io.cwd), progress: progress.read });
    progress.clear();
    // every file left out by ignorePaths is not empty input: there was nothing to lint
    const empty = load.files.length ? checkEmptyInput(load, all, io) : undefined;
    if (empty !== undefined) return done(empty);
    const report = engineLib().lint(load, options, config);
    noteClassFilter(report.unselected, flags.ingressClass, io);

    const errors = report.findings.filter((f) => f.severity === 'error').length;
    const warnings = report.findings.filter((f) => f.severity === 'warning').length;
    const shown: LintReport = flags.quiet ? { ...report, findings: report.findings.filter((f) => f.severity === 'error') } : report;
    // json is written finding by finding; the other formats are small or need the whole report
    if (flags.format === 'json') writeBatched((write) => writeJson(shown, write), (text) => io.stdout.write(text));
    else io.stdout.write(format(shown, { color: useColor(io.stdout, io.env, flags.color), cwd: io.cwd }));
    let code: number = errors ? EXIT.FINDINGS : EXIT.OK;
    if (!errors && flags.strict && warnings) code = EXIT.FINDINGS;
    if (!errors && maxWarnings !== undefined && warnings > maxWarnings) {
      io.stderr.write(`ingressctl: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
      code = EXIT.FINDINGS;
    }
    done(code);
  });
  return cmd;
}

/** Which Gateway API release and channel the CRD schemas and CEL rules come from. */
function gatewayApiHelp(): string {
  const kinds = Object.entries(SUPPORTED_VERSIONS).map(([k, v]) => `${k} (${v.join(', ')})`).join(', ');
  return `\nGateway API: objects are checked against the CRDs of Gateway API ${GATEWAY_API_VERSION}, ${GATEWAY_API_CHANNEL} channel
(OpenAPI schema after defaulting, and the CEL rules): ${kinds}.
Other Gateway API kinds and versions are reported as not supported (gateway-unsupported).`;
}

function lintOptions(flags: LintFlags): LintOptions {
  let now = new Date();
  if (flags.now !== undefined) {
    if (!RFC3339.test(flags.now) || Number.isNaN(Date.parse(flags.now))) throw new UsageError(`--now must be an RFC 3339 time such as 2025-01-31T12:00:00Z, not ${JSON.stringify(flags.now)}`);
    now = new Date(flags.now);
  }
  let kubernetesVersion = LATEST_KUBERNETES;
  if (flags.kubernetesVersion !== undefined) {
    const m = /^v?1\.(\d{1,2})$/.exec(flags.kubernetesVersion);
    if (!m) throw new UsageError(`--kubernetes-version must be a release such as 1.30, not ${JSON.stringify(flags.kubernetesVersion)}`);
    kubernetesVersion = [1, Number(m[1])];
  }
  let nodePortRange: LintOptions['nodePortRange'];
  if (flags.serviceNodePortRange !== undefined) {
    nodePortRange = parsePortRange(flags.serviceNodePortRange);
    if (!nodePortRange) throw new UsageError(`--service-node-port-range must be a port range such as 30000-32767, not ${JSON.stringify(flags.serviceNodePortRange)}`);
  }
  return { now, kubernetesVersion, target: flags.target, allowSnippets: false, ingressClass: flags.ingressClass, ...(nodePortRange ? { nodePortRange } : {}) };
}

function parseCount(v: string): number {
  if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings must be a whole number, not ${JSON.stringify(v)}`);
  return Number(v);
}

function readConfig(file: string | undefined, io: IO): LintConfig {
  const ids = [...engineLib().ruleMap().keys()];
  if (file !== undefined) {
    const full = resolvePath(io.cwd, file);
    if (!existsSync(full)) throw new UsageError(`--config ${file}: no such file`);
    return loadConfig(full, ids);
  }
  const found = findConfig(io.cwd);
  return found ? loadConfig(found, ids) : emptyConfig(io.cwd);
}

/** Leaves out lint's own config files and files matching the config's ignorePaths (relative to the config's directory). */
function acceptFile(config: LintConfig, cwd: string): (file: string) => boolean {
  const globs = config.ignorePaths.map(globToRegExp);
  // no ignorePaths: no path to make relative for each file
  if (!globs.length) return (f) => !CONFIG_NAMES.includes(basename(f));
  return (f) => !CONFIG_NAMES.includes(basename(f)) && !matchesAny(relative(config.baseDir, resolvePath(cwd, f)).split(sep).join('/'), globs);
}
