// ingressctl diff OLD NEW: how routing changes between two sets of manifests.
import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { load as loadYaml } from 'js-yaml';
import type { OutcomeChange } from '../../diff/behaviour.js';
import type { GatewayModel, RouteModel } from '../../model/types.js';
import type { RouteChange } from '../../diff/route-diff.js';
import type { Request } from '../../model/match.js';
import { EXIT, UsageError } from '../exit.js';
import { findingLines } from '../findings-text.js';
import { useColor, type IO } from '../io.js';
import { addInputOptions, buildModel, type InputOptions } from '../options.js';
import { table } from '../table.js';
import { parseRequestUrl } from './explain.js';
import { markdownCell, markdownCode } from '../../util/markdown.js';
import { fsErrorCode, fsErrorText } from '../../util/fs-error.js';

// Loaded when the command runs, not at the start-up of every command.
/* eslint-disable @typescript-eslint/no-require-imports */
const graphLib = () => require('../../graph/index.js') as typeof import('../../graph/index.js');
const gatewayDiffLib = () => require('../../gateway/diff.js') as typeof import('../../gateway/diff.js');
const routeDiffLib = () => require('../../diff/route-diff.js') as typeof import('../../diff/route-diff.js');
const verifyLib = () => require('../../emit/gateway-api/verify.js') as typeof import('../../emit/gateway-api/verify.js');
const probesLib = () => require('../../diff/probes.js') as typeof import('../../diff/probes.js');
const behaviourLib = () => require('../../diff/behaviour.js') as typeof import('../../diff/behaviour.js');
/* eslint-enable @typescript-eslint/no-require-imports */

interface DiffOptions extends InputOptions {
  output: 'table' | 'json' | 'markdown';
  requests?: string;
  exitCode?: boolean;
  oldCompat?: 'ingress-nginx';
  fromCompat?: 'ingress-nginx';
}

export function diffCommand(io: IO, done: (code: number) => void): Command {
  const cmd = new Command('diff')
    .description('show how routing changes from OLD to NEW manifests: routes changed, and every probe request whose outcome differs')
    .argument('[old]', 'manifests before (file or directory; or -f OLD)')
    .argument('[new]', 'manifests after (file or directory; or a second -f NEW); not with --from-compat')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .option('--requests <file>', 'YAML list of extra requests to compare (URLs, or {url, method, headers})')
    .option('--exit-code', 'exit 1 when any request outcome differs')
    .addOption(new Option('--from-compat <controller>', 'one set of manifests: how that controller routed them (OLD) against how the Ingress specification routes them: the changes a migration will bring').choices(['ingress-nginx']))
    .addOption(new Option('--old-compat <controller>', 'read OLD as that controller did (ingress-nginx): with OLD and NEW the same files, what changes when leaving it').choices(['ingress-nginx']));
  addInputOptions(cmd).action((oldArg: string | undefined, newArg: string | undefined, opts: DiffOptions) => {
    // OLD and NEW as positionals or as -f OLD -f NEW (kubectl habit), in that order
    const sets = [oldArg, newArg, ...(opts.filename ?? [])].filter((p): p is string => p !== undefined);
    if (opts.fromCompat && sets.length !== 1) throw new UsageError('--from-compat takes one set of manifests: diff --from-compat ingress-nginx PATHS');
    if (!opts.fromCompat && sets.length !== 2) throw new UsageError(`diff needs OLD and NEW manifests (diff OLD NEW, or -f OLD -f NEW), not ${sets.length} (or --from-compat CONTROLLER with one set)`);
    const [oldPath, newPath = oldPath] = sets;
    const oldCompat = opts.fromCompat ?? opts.oldCompat;
    const single = { ...opts, filename: [] };
    const before = buildModel([oldPath], { ...single, ...(oldCompat ? { compat: oldCompat } : {}) }, io);
    const after = buildModel([newPath], single, io);
    // each side's errors once, labelled with the side (the same finding on both sides is said twice, as OLD: and NEW:)
    const color = useColor(io.stderr, io.env, opts.color);
    const side = (label: string, built: typeof before) => labelled(label, findingLines(built.findings.filter((f) => f.severity === 'error'), color));
    io.stderr.write(side('OLD', before) + side('NEW', after));
    if (before.unusable || after.unusable) return done(EXIT.USAGE);
    const extra = opts.requests ? readRequests(opts.requests) : [];
    const migration = migrationGateway(before.model, after.model);
    // Ingresses → their Gateway API conversion: the same requests through each side's own semantics (render --target gateway-api --verify)
    const routes = migration ? [] : [...routeDiffLib().diffRoutes(before.model, after.model), ...gatewayDiffLib().diffGatewayRoutes(before.model, after.model)];
    const outcomes = migration
      ? verifyLib().verifyGateway(before.model, migration, [], extra).changes
      : [...behaviourLib().diffBehaviour(before.model, after.model, [...probesLib().probeRequests(before.model, after.model), ...extra]), ...gatewayDiffLib().diffGatewayBehaviour(before.model, after.model)];
    if (migration) io.stderr.write(`ingressctl: OLD has only Ingresses and NEW only Gateway ${migration.namespace}/${migration.name}: comparing how each routes the same requests\n`);
    // the picture draws the Ingress routes (Gateway API routes are not drawn yet)
    if (opts.output === 'markdown') io.stdout.write(diffMarkdown(routes, outcomes) + picture(before.model, after.model, outcomes));
    else io.stdout.write((opts.output === 'json' ? diffJson : diffTable)(routes, outcomes));
    // as lint would: error-level findings in what is about to be applied fail; --exit-code adds changed outcomes
    const newErrors = after.findings.some((f) => f.severity === 'error');
    done(newErrors || (opts.exitCode && outcomes.length) ? EXIT.FINDINGS : EXIT.OK);
  });
  return cmd;
}

/** Finding lines, each once, prefixed with the side they come from. */
/** NEW's one Gateway, when OLD is Ingresses only and NEW Gateway API only (a migration to compare request by request). */
function migrationGateway(before: RouteModel, after: RouteModel): GatewayModel | undefined {
  if (!before.hosts.length || before.gateways?.length) return undefined;
  if (after.hosts.length || after.gateways?.length !== 1) return undefined;
  return after.gateways[0];
}

function labelled(label: string, lines: string): string {
  const unique = [...new Set(lines.split('\n').filter(Boolean))];
  return unique.map((l) => `${label}: ${l}\n`).join('');
}

function readRequests(file: string): Request[] {
  let data: unknown;
  try {
    data = loadYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    if (fsErrorCode(err)) throw new UsageError(`--requests ${file}: ${fsErrorText(err)}`);
    // a YAML error at its file:line:col, as every other input's
    const { reason, mark } = err as { reason?: string; mark?: { line: number; column: number } };
    if (reason && mark) throw new UsageError(`--requests ${file}:${mark.line + 1}:${mark.column + 1}: ${reason}`);
    throw new UsageError(`--requests ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  const list = Array.isArray(data) ? data : (data as { requests?: unknown })?.requests;
  if (!Array.isArray(list)) throw new UsageError(`--requests ${file}: expected a list of requests (or "requests:" with a list)`);
  return list.map((item, i) => {
    if (typeof item === 'string') return parseRequestUrl(item, 'GET', {});
    const o = item as { url?: unknown; method?: unknown; headers?: Record<string, string> };
    if (!o || typeof o.url !== 'string') throw new UsageError(`--requests ${file}: item ${i + 1} needs a url`);
    const headers = Object.fromEntries(Object.entries(o.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    return parseRequestUrl(o.url, typeof o.method === 'string' ? o.method.toUpperCase() : 'GET', headers);
  });
}

/** The change as a Mermaid picture (graph --diff, without lint's findings), folded away in a pull-request comment. */
function picture(before: RouteModel, after: RouteModel, outcomes: OutcomeChange[]): string {
  const graph = graphLib().diffGraph(graphLib().buildGraph(before, { collapseAbove: 0, signatures: true }), graphLib().buildGraph(after, { collapseAbove: 0, signatures: true }), outcomes);
  return `\n<details><summary>Picture (ingressctl graph --diff)</summary>\n\n\`\`\`mermaid\n${graphLib().renderMermaid(graph)}\`\`\`\n\n</details>\n`;
}

function diffJson(routes: RouteChange[], outcomes: OutcomeChange[]): string {
  return JSON.stringify({ routes, outcomes }, null, 2) + '\n';
}

function routeRows(routes: RouteChange[]): string[][] {
  return routes.map((c) => [c.change, c.host, c.what, c.change === 'changed' ? `${c.before} → ${c.after}` : '', c.origin]);
}

function diffTable(routes: RouteChange[], outcomes: OutcomeChange[]): string {
  let out = routes.length ? 'Route changes:\n' + table(['CHANGE', 'HOST', 'ROUTE', 'BEFORE → AFTER', 'ORIGIN'], routeRows(routes)) : 'No route changes.\n';
  out += outcomes.length
    ? `\nRequests whose outcome changes (${outcomes.length}):\n` + table(['REQUEST', 'BEFORE', 'AFTER'], outcomes.map((o) => [o.request, o.before, o.after]))
    : '\nNo request changes its outcome.\n';
  return out;
}


function diffMarkdown(routes: RouteChange[], outcomes: OutcomeChange[]): string {
  const lines = ['### Ingress routing changes', ''];
  if (routes.length) {
    lines.push('| change | host | route | before → after | origin |', '| --- | --- | --- | --- | --- |');
    for (const r of routeRows(routes)) lines.push(`| ${r.map(markdownCell).join(' | ')} |`);
  } else lines.push('No route changes.');
  lines.push('', `#### Requests whose outcome changes: ${outcomes.length}`, '');
  if (outcomes.length) {
    lines.push('| request | before | after |', '| --- | --- | --- |');
    for (const o of outcomes) lines.push(`| ${markdownCode(o.request)} | ${markdownCell(o.before)} | ${markdownCell(o.after)} |`);
  } else lines.push('No request changes its outcome.');
  return lines.join('\n') + '\n';
}
