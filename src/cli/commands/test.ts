// ingressctl test SPEC [paths]: prove routing — the requests of a spec, on the model
// and on real engines, with the expected and actual outcome side by side.
import { Command, Option } from 'commander';
import { hasErrors } from '../../findings/finding.js';
import type { CaseResult, Engine } from '../../spec/types.js';
import { EXIT } from '../exit.js';
import { findingLines } from '../findings-text.js';
import { useColor, type IO } from '../io.js';
import { checkEmptyInput } from '../empty-input.js';
import { addInputOptions, buildModel, parsePort, type InputOptions } from '../options.js';
import type { RouteModel } from '../../model/types.js';
import type { GatewayModel } from '../../model/types.js';

const ENGINES = ['model', 'nginx', 'haproxy', 'traefik', 'serve'] as const;
type EngineName = (typeof ENGINES)[number];

interface TestOptions extends InputOptions {
  gateway?: string;
  engine: EngineName | 'all';
  format: 'text' | 'json' | 'junit' | 'tap';
  httpsPort: number;
}

// The engines that start proxies are loaded when a run needs them: node:http, http2, tls,
// child_process… are not part of every command's start-up.
/* eslint-disable @typescript-eslint/no-require-imports */
const gatewayExplainLib = () => require('../../gateway/explain.js') as typeof import('../../gateway/explain.js');
const reportLib = () => require('../../spec/report.js') as typeof import('../../spec/report.js');
const readSpecLib = () => require('../../spec/read.js') as typeof import('../../spec/read.js');
const modelEngineLib = () => require('../../spec/model-engine.js') as typeof import('../../spec/model-engine.js');
const evaluateLib = () => require('../../spec/evaluate.js') as typeof import('../../spec/evaluate.js');
const serveEngines = () => require('../../serve/spec-engine.js') as typeof import('../../serve/spec-engine.js');
const realEngine = () => require('../../engines/real-engine.js') as typeof import('../../engines/real-engine.js');
const gatewaySpecEngines = () => require('../../gateway/spec-engines.js') as typeof import('../../gateway/spec-engines.js');
const gatewayRealEngine = () => require('../../gateway/real-engine.js') as typeof import('../../gateway/real-engine.js');
/* eslint-enable @typescript-eslint/no-require-imports */

/** Engines that run real proxies register here (name → start); absent ones are reported as skipped. */
export const realEngines: Partial<Record<EngineName, (model: RouteModel, options: { httpsPort: number }) => Promise<Engine | { skip: string }>>> = {
  serve: (model, options) => serveEngines().serveEngine(model, options),
  nginx: (model, options) => realEngine().startRealEngine('nginx', model, options),
  haproxy: (model, options) => realEngine().startRealEngine('haproxy', model, options),
  traefik: (model, options) => realEngine().startRealEngine('traefik', model, options),
};

/** Engines for a Gateway: the model, serve, and nginx / HAProxy rendered from it (src/gateway/real-engine.ts); Traefik does not render Gateway routes yet. */
function gatewayEngines(model: RouteModel, gateway: GatewayModel): Record<EngineName, () => Promise<Engine | { skip: string }>> {
  const notRendered = async () => ({ skip: 'Gateway API routes are not rendered for this engine yet' });
  return { model: async () => gatewaySpecEngines().gatewayModelEngine(gateway), serve: () => gatewaySpecEngines().gatewayServeEngine(gateway), nginx: () => gatewayRealEngine().startGatewayEngine('nginx', model, gateway), haproxy: () => gatewayRealEngine().startGatewayEngine('haproxy', model, gateway), traefik: notRendered };
}

export function testCommand(io: IO, done: (code: number) => void): Command {
  const cmd = new Command('test')
    .description('send the requests of a spec file to the model or real engines and check what happens')
    .argument('<spec>', 'test spec (YAML): tests: [{request, expect}]')
    .argument('[paths...]', 'manifest files or directories')
    .addOption(new Option('--engine <engine>', 'where to send the requests').choices([...ENGINES, 'all']).default('model'))
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json', 'junit', 'tap']).default('text'))
    .option('--https-port <port>', 'HTTPS port for redirect locations (model engine)', parsePort('--https-port'), 443)
    .option('--gateway <namespace/name>', 'Gateway API input: the Gateway the requests reach (default: the only one); a request URL\'s port is the listener port');
  addInputOptions(cmd).action(async (specFile: string, paths: string[], opts: TestOptions) => {
    const namespace = opts.namespace || 'default';
    const spec = readSpecLib().readSpec(specFile, namespace, io.stdin);
    const { load, model, findings, unusable } = buildModel(paths, opts, io);
    const color = useColor(io.stderr, io.env, opts.color);
    if (spec.findings.length) {
      io.stderr.write(findingLines(spec.findings, color));
      return done(EXIT.USAGE);
    }
    io.stderr.write(findingLines(findings.filter((f) => f.severity === 'error'), color));
    if (unusable) return done(EXIT.USAGE);
    const empty = checkEmptyInput(load, [...paths, ...(opts.filename ?? [])], io);
    if (empty !== undefined) return done(empty);
    const engines: EngineName[] = opts.engine === 'all' ? [...ENGINES] : [opts.engine];
    const gateway = gatewayExplainLib().chooseGateway(model, opts.gateway, namespace);
    const results: CaseResult[] = [];
    for (const name of engines) {
      const start = gateway ? gatewayEngines(model, gateway)[name] : name === 'model' ? async () => modelEngineLib().modelEngine(model, { httpsPort: opts.httpsPort }) : realEngines[name];
      let engine: Engine | { skip: string };
      try {
        engine = start ? await start(model, { httpsPort: opts.httpsPort }) : { skip: `the ${name} engine is not available in this build` };
      } catch (err) {
        // an engine that fails to start fails every case, with the reason
        const note = `the ${name} engine did not start: ${(err as Error).message}`;
        results.push(...spec.cases.map((c): CaseResult => ({ case: c, engine: name, outcome: 'fail', mismatches: [], unchecked: [], note })));
        continue;
      }
      if ('skip' in engine) {
        results.push(...spec.cases.map((c): CaseResult => ({ case: c, engine: name, outcome: 'skip', mismatches: [], unchecked: [], note: engine.skip })));
        continue;
      }
      try {
        results.push(...(await evaluateLib().runCases(spec.cases, engine)));
      } finally {
        await engine.close();
      }
    }
    const out = opts.format === 'json' ? reportLib().reportJson(results) : opts.format === 'junit' ? reportLib().reportJunit(results, engines) : opts.format === 'tap' ? reportLib().reportTap(results) : reportLib().reportText(results, engines, useColor(io.stdout, io.env, opts.color));
    io.stdout.write(out);
    done(reportLib().summary(results).failed || hasErrors(findings) ? EXIT.FINDINGS : EXIT.OK);
  });
  return cmd;
}
