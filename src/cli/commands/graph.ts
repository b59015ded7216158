// ingressctl graph: the route model as a picture — Mermaid (default), DOT, SVG or HTML —
// with lint's findings drawn on the routes they concern; --diff OLD NEW draws a change.
import { Command, Option } from 'commander';
import { COLLAPSE_ABOVE } from '../../graph/collapse.js';
import type { Graph, GraphOptions } from '../../graph/index.js';
import type { LintConfig } from '../../lint/config.js';
import { LATEST_KUBERNETES } from '../../lint/k8s/api-versions.js';
import { hasErrors } from '../../findings/finding.js';
import { EXIT, UsageError } from '../exit.js';
import { checkEmptyInput } from '../empty-input.js';
import { findingLines } from '../findings-text.js';
import { useColor, type IO } from '../io.js';
import { addInputOptions, buildModel, type InputOptions, type LoadedModel } from '../options.js';

// What drawing needs (the graph modules with the layout, lint and its rules, the probes) is
// loaded when graph runs, not at the start-up of every command.
/* eslint-disable @typescript-eslint/no-require-imports */
const graphLib = () => require('../../graph/index.js') as typeof import('../../graph/index.js');
const lintLib = () => ({ ...(require('../../lint/engine.js') as typeof import('../../lint/engine.js')), ...(require('../../lint/config.js') as typeof import('../../lint/config.js')), ...(require('../../lint/rules/index.js') as typeof import('../../lint/rules/index.js')) });
const diffLib = () => ({ ...(require('../../diff/behaviour.js') as typeof import('../../diff/behaviour.js')), ...(require('../../diff/probes.js') as typeof import('../../diff/probes.js')) });
/* eslint-enable @typescript-eslint/no-require-imports */

type Format = 'mermaid' | 'dot' | 'svg' | 'html';

interface GraphFlags extends InputOptions {
  output: Format;
  onlyFindings?: boolean;
  diff?: boolean;
  collapseAbove: number;
  expand?: string[];
  now?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function count(flag: string) {
  return (v: string): number => {
    if (!/^\d+$/.test(v)) throw new UsageError(`${flag} must be a whole number, not ${JSON.stringify(v)}`);
    return Number(v);
  };
}

export function graphCommand(io: IO, done: (code: number) => void): Command {
  const cmd = new Command('graph')
    .description('draw the route model: hosts (TLS, certificate expiry), routes, backends and default backends, with findings on the routes they concern')
    .argument('[paths...]', 'manifest files or directories ("-" for stdin); with --diff, OLD and NEW')
    .addOption(new Option('-o, --output <format>', 'mermaid (GitHub/GitLab Markdown), dot (Graphviz), svg (self-contained), html (the SVG with a search box)').choices(['mermaid', 'dot', 'svg', 'html']).default('mermaid'))
    .option('--only-findings', 'draw only routes with findings or missing backends, with their hosts and backends')
    .option('--diff', 'two sets of manifests, OLD and NEW: their union, added/removed/changed coloured, and the probe requests whose outcome changes')
    .option('--collapse-above <routes>', `large inputs: while more than this many routes would be drawn, draw whole namespaces as one node each, largest first (0: never collapse)`, count('--collapse-above'), COLLAPSE_ABOVE)
    .option('--expand <namespace>', 'never collapse this namespace (repeatable)', collect)
    .option('--now <time>', 'judge certificate expiry at this RFC 3339 time (default: now)');
  addInputOptions(cmd).action((paths: string[], flags: GraphFlags) => {
    const now = parseNow(flags.now);
    const shape = { collapseAbove: flags.collapseAbove, expand: flags.expand ?? [] };
    const lintWith = { now, cwd: io.cwd, ingressClass: flags.ingressClass, onlyFindings: flags.onlyFindings };
    const color = useColor(io.stderr, io.env, flags.color);
    let graph: Graph;
    let code: number;
    if (flags.diff) {
      if (paths.length !== 2 || flags.filename?.length) throw new UsageError('graph --diff takes two sets of manifests: graph --diff OLD NEW');
      const before = buildModel([paths[0]], flags, io);
      const after = buildModel([paths[1]], flags, io);
      const errors = [...before.findings, ...after.findings].filter((f) => f.severity === 'error');
      io.stderr.write(findingLines(errors, color));
      if (before.unusable || after.unusable) return done(EXIT.USAGE);
      const { diffBehaviour, probeRequests } = diffLib();
      const outcomes = diffBehaviour(before.model, after.model, probeRequests(before.model, after.model));
      const whole = { ...lintWith, collapseAbove: 0, signatures: true };
      graph = graphLib().diffGraph(draw(before, whole), draw(after, whole), outcomes, shape);
      code = EXIT.OK;
    } else {
      const built = buildModel(paths, flags, io);
      io.stderr.write(findingLines(built.findings, color));
      if (built.unusable) return done(EXIT.USAGE);
      const empty = checkEmptyInput(built.load, [...paths, ...(flags.filename ?? [])], io);
      if (empty !== undefined) return done(empty);
      graph = draw(built, { ...lintWith, ...shape });
      // an empty picture says why it is empty
      if (!graph.nodes.length) graph.nodes.push({ key: 'note empty', kind: 'note', lines: [flags.onlyFindings ? 'No route has a finding or a missing backend.' : 'No routes.'], group: '', problem: false, findings: [] });
      code = hasErrors(built.findings) ? EXIT.FINDINGS : EXIT.OK;
    }
    const { renderMermaid, renderDot, renderSvg, renderHtml } = graphLib();
    const render = { mermaid: renderMermaid, dot: renderDot, svg: renderSvg, html: renderHtml }[flags.output];
    io.stdout.write(render(graph));
    done(code);
  });
  return cmd;
}

/** Lint's rules about routes, hosts, backends and TLS (the ones a picture can place); the others are not run. */
function routeRules(cwd: string): LintConfig {
  const { emptyConfig, RULES } = lintLib();
  const config = emptyConfig(cwd);
  // the model's own findings (rules without a check) stay: they are about routes too
  for (const r of RULES) if (r.check && r.meta.category !== 'cross-object' && r.meta.category !== 'paths') config.rules[r.meta.id] = 'off';
  return config;
}

/** The graph of one model, with lint's findings (default severities) drawn on it. */
function draw(built: LoadedModel, o: { now: Date; cwd: string; ingressClass?: string } & Omit<GraphOptions, 'findings' | 'documents'>): Graph {
  const { now, cwd, ingressClass, ...shape } = o;
  const report = lintLib().lint(built.load, { now, kubernetesVersion: LATEST_KUBERNETES, allowSnippets: false, ingressClass }, routeRules(cwd), built.model);
  return graphLib().buildGraph(built.model, { findings: report.findings, documents: built.load.documents, ...shape });
}

function parseNow(text: string | undefined): Date {
  if (text === undefined) return new Date();
  if (!RFC3339.test(text) || Number.isNaN(Date.parse(text))) throw new UsageError(`--now must be an RFC 3339 time such as 2025-01-31T12:00:00Z, not ${JSON.stringify(text)}`);
  return new Date(text);
}
