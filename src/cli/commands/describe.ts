// ingressctl describe: each Ingress as `kubectl describe ingress` shows it (Name, Labels,
// Namespace, Address, Ingress Class, Default backend, TLS, Rules with each backend's
// endpoints, Annotations, Events), built from the route model, offline.
import { Command } from 'commander';
import type { Document } from '../../load/document.js';
import { formatFieldPath, hasErrors } from '../../findings/finding.js';
import { isIngress, readIngress, type BackendRef } from '../../model/ingress-shape.js';
import type { Backend, RouteModel } from '../../model/types.js';
import { checkEmptyInput } from '../empty-input.js';
import { EXIT } from '../exit.js';
import { findingLines } from '../findings-text.js';
import { useColor, type IO } from '../io.js';
import { addInputOptions, buildModel, type InputOptions } from '../options.js';
import { tabbed } from '../tabwriter.js';
import { describeGatewayApi } from '../../gateway/describe.js';
import { terminalText } from '../terminal.js';

export function describeCommand(io: IO, done: (code: number) => void): Command {
  const cmd = new Command('describe')
    .description('show each Ingress as `kubectl describe ingress` does: class, default backend, TLS, rules with their endpoints, annotations; each Gateway and route with its computed status conditions')
    .argument('[paths...]', 'manifest files or directories ("-" for stdin)');
  addInputOptions(cmd).action((paths: string[], opts: InputOptions) => {
    const { load, model, findings, unusable } = buildModel(paths, opts, io);
    const empty = unusable ? undefined : checkEmptyInput(load, [...paths, ...(opts.filename ?? [])], io);
    if (empty !== undefined) return done(empty);
    const ingresses = describeIngresses(load.documents, model);
    const gateway = describeGatewayApi(model);
    io.stdout.write(terminalText([ingresses, gateway].filter(Boolean).join('\n\n')));
    io.stderr.write(findingLines(findings, useColor(io.stderr, io.env, opts.color)));
    done(unusable ? EXIT.USAGE : hasErrors(findings) ? EXIT.FINDINGS : EXIT.OK);
  });
  return cmd;
}

/** Every Ingress of the input, in input order, separated as kubectl separates them. */
export function describeIngresses(documents: readonly Document[], model: RouteModel): string {
  const backends = backendsByField(model);
  return documents
    .filter(isIngress)
    .map((doc) => describeIngress(doc, backends))
    .join('\n\n');
}

/** The model's backend of each Ingress field (namespace/name + field path). */
function backendsByField(model: RouteModel): Map<string, Backend> {
  const out = new Map<string, Backend>();
  const key = (o: { namespace: string; name: string; field: string }) => `${o.namespace}/${o.name}|${o.field}`;
  for (const v of model.hosts) {
    for (const r of v.routes) out.set(key(r.origin), r.backend);
    if (v.defaultBackend) out.set(key(v.defaultBackend.origin), v.defaultBackend.backend);
  }
  if (model.defaultBackend?.origin) out.set(key(model.defaultBackend.origin), model.defaultBackend.backend);
  return out;
}

function describeIngress(doc: Document, backends: Map<string, Backend>): string {
  const ing = readIngress(doc);
  /** `field`: where the model's origin points (a path entry, or the default backend itself) */
  const backendText = (ref: BackendRef | undefined, field: readonly (string | number)[]): string => {
    if (!ref) return '';
    if (ref.resource) return `APIGroup: ${ref.resource.apiGroup ?? '<none>'}, Kind: ${ref.resource.kind ?? ''}, Name: ${ref.resource.name ?? ''}`;
    if (!ref.service) return '';
    const port = ref.service.port.number ?? ref.service.port.name ?? '';
    const resolved = backends.get(`${doc.namespace}/${doc.name}|${formatFieldPath(field)}`);
    return `${ref.service.name}:${port} (${endpointsText(resolved)})`;
  };
  const lines: string[] = [];
  lines.push(`Name:\t${doc.name}`);
  lines.push(...multiline('Labels', stringMap(doc.obj.metadata?.labels), '='));
  lines.push(`Namespace:\t${doc.namespace}`);
  lines.push('Address:\t'); // no load balancer status offline
  lines.push(`Ingress Class:\t${ing.className ?? '<none>'}`);
  const def = ing.defaultBackend ? backendText(ing.defaultBackend, ing.defaultBackend.path) : '<default>';
  lines.push(`Default backend:\t${def}`);
  if (ing.tls.length) {
    lines.push('TLS:');
    for (const t of ing.tls) lines.push(t.secretName ? `  ${t.secretName} terminates ${t.hosts.join(',')}` : `  SNI routes ${t.hosts.join(',')}`);
  }
  lines.push('Rules:', '  Host\tPath\tBackends', '  ----\t----\t--------');
  let withHttp = 0;
  for (const rule of ing.rules) {
    if (!rule.hasHttp) continue;
    withHttp++;
    lines.push(`  ${rule.host || '*'}\t`);
    for (const p of rule.paths) lines.push(`    \t${p.path} \t${backendText(p.backend, p.fieldPath)}`);
  }
  if (!withHttp) lines.push(`  *\t*\t${def}`);
  lines.push(...multiline('Annotations', stringMap(doc.obj.metadata?.annotations), ': '));
  lines.push('Events:\t<none>');
  return tabbed(lines.join('\n')) + '\n';
}

/** What kubectl lists for a backend: its endpoints (three at most), else <none>. */
function endpointsText(b: Backend | undefined): string {
  const u = b?.upstream;
  if (!u) return '<none>';
  if (u.kind === 'endpoints') {
    const all = u.endpoints.map((e) => `${e.ip.includes(':') ? `[${e.ip}]` : e.ip}:${e.port}`);
    return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
  }
  return '<none>';
}

function stringMap(v: unknown): [string, string][] {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return [];
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]): [string, string] => [k, typeof x === 'string' ? x : JSON.stringify(x)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** "Title:\tfirst" then "\tnext" per further entry, or "Title:\t<none>" (kubectl's multi-line maps). */
function multiline(title: string, entries: [string, string][], sep: string): string[] {
  if (!entries.length) return [`${title}:\t<none>`];
  return entries.map(([k, v], i) => `${i === 0 ? `${title}:` : ''}\t${k}${sep}${v}`);
}
