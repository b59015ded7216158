// render --target gateway-api [-o DIR] [--verify]: the Ingresses as Gateway API objects,
// every loss at its file:line, and with --verify the proof that nothing else changed.
import { BundleError, writeBundle } from '../../emit/bundle.js';
import { hasErrors } from '../../findings/finding.js';
import { EXIT, UsageError } from '../exit.js';
import { findingLines } from '../findings-text.js';
import type { IO } from '../io.js';
import type { InputOptions } from '../options.js';
import { noteOldBundle, protectedPaths, renderInput } from './render-input.js';

// Loaded when the command runs, not at the start-up of every command.
/* eslint-disable @typescript-eslint/no-require-imports */
const gatewayApiLib = () => require('../../emit/gateway-api/index.js') as typeof import('../../emit/gateway-api/index.js');
/* eslint-enable @typescript-eslint/no-require-imports */

export const GATEWAY_API_TARGET = 'gateway-api';

export interface GatewayApiFlags {
  gatewayName: string;
  gatewayNamespace?: string;
  verify?: boolean;
}

interface Options extends InputOptions, GatewayApiFlags {
  outputDir?: string;
  force?: boolean;
  strict?: boolean;
  allowSnippets?: boolean;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function renderGatewayApiCommand(paths: string[], opts: Options, io: IO, done: (code: number) => void): void {
  if (opts.allowSnippets) throw new UsageError('--allow-snippets is for --target nginx only; snippets are never copied into Gateway API objects');
  if (!DNS_LABEL.test(opts.gatewayName)) throw new UsageError(`--gateway-name must be a DNS label (lower-case letters, digits, "-"), not ${JSON.stringify(opts.gatewayName)}`);
  if (opts.gatewayNamespace !== undefined && !DNS_LABEL.test(opts.gatewayNamespace)) throw new UsageError(`--gateway-namespace must be a DNS label, not ${JSON.stringify(opts.gatewayNamespace)}`);
  const input = renderInput(paths, opts, io);
  if (!input) return done(EXIT.USAGE);
  const { load, model, findings, color } = input;
  const out = gatewayApiLib().renderGatewayApi(load.documents, model, {
    gatewayName: opts.gatewayName,
    ...(opts.gatewayNamespace ? { gatewayNamespace: opts.gatewayNamespace } : {}),
    ...(opts.gatewayClass ? { gatewayClass: opts.gatewayClass } : {}),
  });
  if (opts.outputDir !== undefined) {
    try {
      noteOldBundle(opts.outputDir, writeBundle(opts.outputDir, out.files, { force: opts.force, protect: protectedPaths(paths, opts, io) }), io);
    } catch (err) {
      if (err instanceof BundleError) throw new UsageError(err.message);
      throw err;
    }
    io.stderr.write(`wrote ${opts.outputDir} (${out.files.length} files); apply: kubectl apply -f ${opts.outputDir.replace(/\/+$/, '')}/\n`);
  } else io.stdout.write(out.stream);
  const lost = out.losses.map((l) => l.finding);
  if (lost.length) io.stderr.write(`not expressed in Gateway API (${lost.length}):\n${findingLines(lost, color)}`);
  let unexplained = 0;
  if (opts.verify) {
    const back = gatewayApiLib().readBack(load.documents, out.stream, out.gateway);
    const problems = back.findings.filter((f) => f.severity === 'error');
    if (!back.gateway || problems.length) {
      io.stderr.write(`verify: the output does not read back${problems.length ? `:\n${findingLines(problems, color)}` : ''}\n`);
      return done(EXIT.FINDINGS);
    }
    const { changes, requests } = gatewayApiLib().verifyGateway(model, back.gateway, out.losses);
    const bad = changes.filter((c) => !c.explainedBy);
    unexplained = bad.length;
    for (const c of changes) io.stderr.write(`verify: ${c.explainedBy ? 'lost' : 'CHANGED'} ${c.request}: ${c.before} → ${c.after}${c.explainedBy ? ` (${c.explainedBy})` : ''}\n`);
    io.stderr.write(`verify: ${requests} requests, ${changes.length - bad.length} changed by a reported loss, ${bad.length} changed otherwise\n`);
  }
  const failed = hasErrors(findings) || unexplained > 0 || (opts.strict && lost.length > 0);
  done(failed ? EXIT.FINDINGS : EXIT.OK);
}
