// ingressctl routes: the normalized route model.
import { Command, Option } from 'commander';
import { palette } from '../palette.js';
import { formatBackend } from '../../model/backends.js';
import { hasErrors } from '../../findings/finding.js';
import { defaultPolicy, type RoutePolicy } from '../../model/policy.js';
import type { Backend, RouteFilters, RouteModel, VirtualHost } from '../../model/types.js';
import { EXIT } from '../exit.js';
import { checkEmptyInput } from '../empty-input.js';
import { findingLines } from '../findings-text.js';
import { useColor, type IO } from '../io.js';
import { addInputOptions, buildModel, type InputOptions } from '../options.js';
import { table } from '../table.js';
import { writeBatched } from '../../util/batched.js';
import { GATEWAY_HEADERS, gatewayRows } from '../../gateway/table.js';

// Loaded when the command runs, not at the start-up of every command.
/* eslint-disable @typescript-eslint/no-require-imports */
const modelOutputLib = () => require('../model-output.js') as typeof import('../model-output.js');
/* eslint-enable @typescript-eslint/no-require-imports */

export function routesCommand(io: IO, done: (code: number) => void): Command {
  const cmd = new Command('routes')
    .description('show the normalized route model: hosts, TLS, paths, match kinds, backends and where each came from')
    .argument('[paths...]', 'manifest files or directories ("-" for stdin)')
    .addOption(new Option('-o, --output <format>', 'output format (wide: the table plus TLS Secret, upstream address and policy summary)').choices(['table', 'wide', 'json', 'yaml']).default('table'));
  addInputOptions(cmd).action((paths: string[], opts: InputOptions & { output: string }) => {
    const { load, model, findings, unusable } = buildModel(paths, opts, io);
    const empty = unusable ? undefined : checkEmptyInput(load, [...paths, ...(opts.filename ?? [])], io);
    if (empty !== undefined) return done(empty);
    const color = useColor(io.stdout, io.env, opts.color);
    if (opts.output === 'json') writeBatched((write) => modelOutputLib().writeModelJson(model, write), (text) => io.stdout.write(text));
    else if (opts.output === 'yaml') writeBatched((write) => modelOutputLib().writeModelYaml(model, write), (text) => io.stdout.write(text));
    else io.stdout.write(routesTable(model, color, opts.output === 'wide'));
    io.stderr.write(findingLines(findings, useColor(io.stderr, io.env, opts.color)));
    done(unusable ? EXIT.USAGE : hasErrors(findings) ? EXIT.FINDINGS : EXIT.OK);
  });
  return cmd;
}

function upstreamText(b: Backend): string {
  const u = b.upstream;
  if (u.kind === 'endpoints') return u.endpoints.map((e) => `${e.ip.includes(':') ? `[${e.ip}]` : e.ip}:${e.port}`).join(',');
  if (u.kind === 'dns') return `${u.host}:${u.port}`;
  return `(unresolved)`;
}

/** What a route does besides routing, in a few words: the -o wide POLICY column. */
export function policySummary(p: RoutePolicy, canary: boolean, filters?: RouteFilters): string {
  const d = defaultPolicy();
  const parts: string[] = [];
  if (p.denied) parts.push('denied (503)');
  if (filters?.redirect) parts.push(`redirect ${filters.redirect.statusCode}`);
  if (!p.sslRedirect) parts.push('no https redirect');
  if (p.forceSslRedirect) parts.push('force https');
  const rewrite = filters?.rewrite?.path;
  if (rewrite) parts.push(`rewrite ${rewrite.value}`);
  if (p.bodySizeLimit !== d.bodySizeLimit) parts.push(`body ${p.bodySizeLimit === 0 ? 'unlimited' : `${p.bodySizeLimit}B`}`);
  const t = p.timeouts;
  if (t.connect !== d.timeouts.connect || t.read !== d.timeouts.read || t.send !== d.timeouts.send) parts.push(`timeouts ${t.connect}/${t.read}/${t.send}s`);
  if (p.upstreamHost) parts.push(`upstream host ${p.upstreamHost}`);
  if (p.sourceRanges) parts.push('source ranges');
  if (p.basicAuth) parts.push('basic auth');
  if (p.cors) parts.push('cors');
  if (p.affinity) parts.push('cookie affinity');
  if (p.rateLimit) parts.push('rate limit');
  if (canary) parts.push('canary');
  return parts.join(', ') || '-';
}

/**
 * The routes as a table. Like kubectl's, the default is narrow (TLS as yes/no); `wide` adds
 * the TLS Secret, the upstream address and a policy summary.
 */
export function routesTable(model: RouteModel, color: boolean, wide = false): string {
  const c = palette(color);
  const rows: string[][] = [];
  const origin = (o: { namespace: string; name: string; file: string; line: number }) => `${o.namespace}/${o.name} ${o.file}:${o.line}`;
  // one row: the columns every table has, with the wide ones in their place
  const row = (host: string, tls: VirtualHost['tls'], path: string, kind: string, backend: Backend, extra: () => [string, string], from: string) => {
    const tlsCell = !tls ? '-' : wide ? (tls.usable ? tls.secretName : `${tls.secretName} (self-signed)`) : tls.usable ? 'yes' : 'self-signed';
    const [upstream, policy] = wide ? extra() : ['', ''];
    rows.push([host, tlsCell, path, kind, formatBackend(backend), ...(wide ? [upstream, policy] : []), from]);
  };
  for (const v of model.hosts) {
    const host = c.bold(v.host || '*');
    for (const r of v.routes) row(host, v.tls, r.match.value, r.match.kind, r.backend, () => [upstreamText(r.backend), policySummary(r.policy, !!r.canary, r.filters)], origin(r.origin));
    const d = v.defaultBackend;
    if (d) row(host, v.tls, c.dim('(default)'), '-', d.backend, () => [upstreamText(d.backend), policySummary(d.policy, false, d.filters)], origin(d.origin));
  }
  const d = model.defaultBackend;
  if (d) row(c.dim('(catch-all)'), undefined, '-', '-', d.backend, () => [upstreamText(d.backend), policySummary(d.policy, false, d.filters)], d.origin ? origin(d.origin) : '--default-backend');
  const headers = ['HOST', wide ? 'TLS SECRET' : 'TLS', 'PATH', 'MATCH', 'BACKEND', ...(wide ? ['UPSTREAM', 'POLICY'] : []), 'ORIGIN'];
  // Gateway API input: its own table, grouped by Gateway and listener
  const gw = gatewayRows(model);
  if (gw.length) return (rows.length ? table(headers, rows, c.bold) + '\n' : '') + table(GATEWAY_HEADERS, gw, c.bold);
  if (!rows.length) return model.gateways?.length ? 'No routes attached to the Gateways.\n' : 'No routes.\n';
  return table(headers, rows, c.bold);
}
