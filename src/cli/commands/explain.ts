// ingressctl explain URL: which route a request takes, and why each other candidate lost.
import { Command, Option } from 'commander';
import { palette } from '../palette.js';
import { formatBackend } from '../../model/backends.js';
import { hasErrors } from '../../findings/finding.js';
import { ipBytes } from '../../model/cidr.js';
import type { Decision, Request } from '../../model/match.js';
import { EXIT, UsageError } from '../exit.js';
import { checkEmptyInput } from '../empty-input.js';
import { findingLines } from '../findings-text.js';
import { useColor, type IO } from '../io.js';
import { addInputOptions, buildModel, parsePort, type InputOptions } from '../options.js';

// Loaded when the command runs, not at the start-up of every command.
/* eslint-disable @typescript-eslint/no-require-imports */
const gatewayMatchLib = () => require('../../gateway/match.js') as typeof import('../../gateway/match.js');
const gatewayExplainLib = () => require('../../gateway/explain.js') as typeof import('../../gateway/explain.js');
const requestUrlLib = () => require('../../model/request-url.js') as typeof import('../../model/request-url.js');
const matchLib = () => require('../../model/match.js') as typeof import('../../model/match.js');
const explainLib = () => require('../../model/explain.js') as typeof import('../../model/explain.js');
/* eslint-enable @typescript-eslint/no-require-imports */

interface ExplainOptions extends InputOptions {
  gateway?: string;
  output: 'text' | 'json';
  request?: string;
  header?: string[];
  httpsPort: number;
  clientIp?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Parses the URL by hand: WHATWG URL would normalise the path before the model sees it. */
export function parseRequestUrl(url: string, method: string, headers: Record<string, string>): Request {
  const request = requestUrlLib().requestFromUrl(url, method, headers);
  if ('problem' in request) throw new UsageError(`cannot read URL ${JSON.stringify(url)}: ${request.problem}`);
  return request;
}

export function explainCommand(io: IO, done: (code: number) => void): Command {
  const cmd = new Command('explain')
    .description('show which route a request takes, and why the other candidates lost')
    .argument('<url>', 'e.g. https://cafe.example.com/tea (or a path with -H "Host: …"); a gRPC call as grpc://HOST/SERVICE/METHOD (grpcs:// over TLS)')
    .argument('[paths...]', 'manifest files or directories')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-X, --request <method>', 'request method', 'GET')
    .option('-H, --header <header>', "request header 'Name: value' (repeatable)", collect)
    .option('--https-port <port>', 'HTTPS port for redirect locations', parsePort('--https-port'), 443)
    .option('--gateway <namespace/name>', 'Gateway API input: the Gateway the request reaches (default: the only one); the URL\'s port is the listener port (80/443 by scheme)')
    .option('--client-ip <address>', 'the client address source ranges are judged on (default: not judged, only listed)', (v: string) => {
      if (!ipBytes(v)) throw new UsageError(`--client-ip must be an IPv4 or IPv6 address, not ${JSON.stringify(v)}`);
      return v;
    });
  addInputOptions(cmd).action((url: string, paths: string[], opts: ExplainOptions) => {
    const headers: Record<string, string> = {};
    for (const h of opts.header ?? []) {
      const i = h.indexOf(':');
      if (i <= 0) throw new UsageError(`-H must be 'Name: value', not ${JSON.stringify(h)}`);
      headers[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
    }
    const { load, model, findings, unusable } = buildModel(paths, opts, io);
    const empty = unusable ? undefined : checkEmptyInput(load, [...paths, ...(opts.filename ?? [])], io);
    if (empty !== undefined) return done(empty);
    const grpc = gatewayExplainLib().grpcCall(url);
    if (grpc) url = grpc.url;
    const method = grpc ? grpc.method : (opts.request ?? 'GET').toUpperCase();
    const req = { ...parseRequestUrl(url, method, grpc ? { ...grpc.headers, ...headers } : headers), ...(opts.clientIp ? { clientIp: opts.clientIp } : {}) };
    const gateway = gatewayExplainLib().chooseGateway(model, opts.gateway, opts.namespace || 'default');
    if (!req.host) {
      const hosts = gateway ? gateway.listeners.flatMap((l) => l.hosts.map((v) => v.host)).filter((h) => h && !h.startsWith('*')) : model.hosts.map((v) => v.host).filter(Boolean);
      const example = hosts[0] ?? 'HOST';
      io.stderr.write(
        `ingressctl: note: the URL names no host, so only rules without a host can match; give one in the URL (explain http://${example}${req.target} …) or as a header (-H 'Host: ${example}')${hosts.length ? `; hosts in the input: ${hosts.slice(0, 5).join(', ')}${hosts.length > 5 ? ', …' : ''}` : ''}\n`,
      );
    }
    const decision = gateway ? new (gatewayMatchLib().GatewayMatcher)(gateway).match({ ...req, port: gatewayExplainLib().urlPort(url, req.scheme), ...(req.scheme === 'https' ? { sni: gatewayExplainLib().urlHost(url) } : {}) }, true) : new (matchLib().Matcher)(model, { httpsPort: opts.httpsPort }).match(req, true);
    if (opts.output === 'json') io.stdout.write(JSON.stringify(gatewayExplainLib().gatewayDecisionJson(decision, explainLib().decisionJson(decision)), null, 2) + '\n');
    else io.stdout.write(decisionText(req, decision, useColor(io.stdout, io.env, opts.color)));
    io.stderr.write(findingLines(findings, useColor(io.stderr, io.env, opts.color)));
    done(unusable ? EXIT.USAGE : hasErrors(findings) ? EXIT.FINDINGS : EXIT.OK);
  });
  return cmd;
}


function decisionText(req: Request, d: Decision, color: boolean): string {
  const c = palette(color);
  const lines: string[] = [];
  lines.push(`${c.bold(`${req.method ?? 'GET'} ${req.scheme}://${req.host || '(no host)'}${req.target}`)}`);
  const via = d.status === 200 ? (d.via === 'route' ? d.route!.id : d.via) : '';
  if (d.status === 200 && d.split) {
    const pct = (n: number) => `${Math.round((n * 10000) / d.split!.total) / 100}%`;
    lines.push(`  → ${c.green(formatBackend(d.backend))} ${pct(d.split.total - d.split.weight)} / ${c.green(formatBackend(d.split.canary))} ${pct(d.split.weight)} (canary) (${via})`);
  } else if (d.status === 200) lines.push(`  → ${c.green(formatBackend(d.backend))} (${via})`);
  else if (matchLib().isRedirect(d)) lines.push(`  → ${c.yellow(`${d.status} redirect to ${d.location}`)}`);
  else if (d.status === 204) lines.push(`  → ${c.yellow('204: CORS preflight answered by the proxy')}`);
  else lines.push(`  → ${c.red(String(d.status))}`);
  lines.push(`  why: ${d.reason}`);
  for (const [k, v] of Object.entries(d.headers ?? {})) lines.push(`  header: ${k}: ${v}`);
  if (d.status === 200 && d.upstream) lines.push(`  upstream: ${d.upstream.host}${d.upstream.path}${Object.keys(d.upstream.headers).length ? ` with ${Object.entries(d.upstream.headers).map(([k, v]) => `${k}: ${v}`).join(', ')}` : ''}`);
  for (const m of d.status === 200 ? d.responseHeaders ?? [] : []) lines.push(`  response headers: ${[...m.set.map((h) => `set ${h.name}: ${h.value}`), ...m.add.map((h) => `add ${h.name}: ${h.value}`), ...m.remove.map((n) => `remove ${n}`)].join(', ')}`);
  if (d.status === 200 && d.weights) lines.push(`  split by weight: ${d.weights.map((w) => `${w.backend && !w.invalid ? formatBackend(w.backend) : `500 (${w.invalid})`} ${w.weight}`).join(', ')}`);
  for (const n of d.policy ? explainLib().policyNotes(d.policy, d) : []) lines.push(`  note: ${n}`);
  if ('route' in d && d.route) lines.push(`  rule: ${d.route.origin.namespace}/${d.route.origin.name} ${d.route.origin.field} (${d.route.origin.file}:${d.route.origin.line})`);
  if (d.candidates.length) {
    lines.push('  candidates, in precedence order:');
    for (const cand of d.candidates) lines.push(`    ${cand.matched ? c.green('✓') : c.dim('✗')} ${cand.route.id} → ${formatBackend(cand.route.backend)}: ${cand.reason}`);
  }
  return lines.join('\n') + '\n';
}

