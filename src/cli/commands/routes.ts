// ingressctl routes: the normalized route model.
import { Command, Option } from 'commander';
import { Chalk } from 'chalk';
import { formatBackend } from '../../model/backends.js';
import { hasErrors } from '../../model/findings.js';
import type { Backend, RouteModel } from '../../model/types.js';
import { EXIT } from '../exit.js';
import { findingLines } from '../findings-text.js';
import { useColor, type IO } from '../io.js';
import { addInputOptions, buildModel, type InputOptions } from '../options.js';
import { table } from '../table.js';
import { writeModelJson, writeModelYaml } from '../model-output.js';
import { writeBatched } from '../../util/batched.js';

export function routesCommand(io: IO, done: (code: number) => void): Command {
  const cmd = new Command('routes')
    .description('show the normalized route model: hosts, TLS, paths, match kinds, backends and where each came from')
    .argument('[paths...]', 'manifest files or directories ("-" for stdin)')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['table', 'json', 'yaml']).default('table'));
  addInputOptions(cmd).action((paths: string[], opts: InputOptions & { output: string }) => {
    const { model, findings, unusable } = buildModel(paths, opts, io);
    const color = useColor(io.stdout, io.env, opts.color);
    if (opts.output === 'json') writeBatched((write) => writeModelJson(model, write), (text) => io.stdout.write(text));
    else if (opts.output === 'yaml') writeBatched((write) => writeModelYaml(model, write), (text) => io.stdout.write(text));
    else io.stdout.write(routesTable(model, color));
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

export function routesTable(model: RouteModel, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const rows: string[][] = [];
  for (const v of model.hosts) {
    const host = v.host || '*';
    const tls = v.tls ? (v.tls.usable ? v.tls.secretName : `${v.tls.secretName} (self-signed)`) : '-';
    for (const r of v.routes) {
      rows.push([c.bold(host), tls, r.match.value, r.match.kind, formatBackend(r.backend), upstreamText(r.backend), `${r.origin.namespace}/${r.origin.name} ${r.origin.file}:${r.origin.line}`]);
    }
    if (v.defaultBackend) {
      const d = v.defaultBackend;
      rows.push([c.bold(host), tls, c.dim('(default)'), '-', formatBackend(d.backend), upstreamText(d.backend), `${d.origin.namespace}/${d.origin.name} ${d.origin.file}:${d.origin.line}`]);
    }
  }
  if (model.defaultBackend) {
    const d = model.defaultBackend;
    rows.push([c.dim('(catch-all)'), '-', '-', '-', formatBackend(d.backend), upstreamText(d.backend), d.origin ? `${d.origin.namespace}/${d.origin.name} ${d.origin.file}:${d.origin.line}` : '--default-backend']);
  }
  if (!rows.length) return 'No routes.\n';
  return table(['HOST', 'TLS', 'PATH', 'MATCH', 'BACKEND', 'UPSTREAM', 'ORIGIN'], rows, c.bold);
}
