// Hostile values for every annotation whose value a target copies into a header (or, for
// rewrite-target, into the upstream request line), each on a host of its own, with the
// requests that reach it and what its answer must and must not show. Used by the fast
// runtime checks (a fixed set), the slow randomized run, and Envoy's structural check.
import type { RouteModel, VirtualHost } from '../../src/model/types.js';
import { fixedLocation } from '../../src/model/redirect.js';
import { ingress, modelOf } from '../helpers.js';
import { answerProblems, cookieAttributes, PROBE_HEADER, PROBE_HOST, PROBE_VALUE, type RawAnswer } from './runtime.js';

const A = 'nginx.ingress.kubernetes.io/';

/** What each engine's syntax could read as more than text, and what ends a header or a cookie attribute. */
export const HOSTILE_SUFFIXES = [
  '$host',
  `$http_${PROBE_HEADER.replace(/-/g, '_')}`,
  `\${http_${PROBE_HEADER.replace(/-/g, '_')}}`,
  `%[req.hdr(${PROBE_HEADER})]`,
  `%{+Q}[req.hdr(${PROBE_HEADER})]`,
  `%REQ(${PROBE_HEADER})%`,
  ';Domain=evil.example',
  '%0d%0aX-Injected:%201',
  '\r\nX-Injected: 1',
  '"; X-Injected: 1',
  ' X-Injected',
  '\\',
];

export type Kind = 'session-cookie-path' | 'x-forwarded-prefix' | 'app-root' | 'permanent-redirect' | 'temporal-redirect' | 'cors-allow-origin' | 'upstream-vhost' | 'rewrite-target';
export const KINDS: Kind[] = ['session-cookie-path', 'x-forwarded-prefix', 'app-root', 'permanent-redirect', 'temporal-redirect', 'cors-allow-origin', 'upstream-vhost', 'rewrite-target'];

const BASE: Record<Kind, string> = {
  'session-cookie-path': '/c',
  'x-forwarded-prefix': '/p',
  'app-root': '/a',
  'permanent-redirect': 'https://r.example/',
  'temporal-redirect': 'https://r.example/t',
  'cors-allow-origin': 'https://o.example',
  'upstream-vhost': 'in.example',
  'rewrite-target': '/r/$1',
};

export interface Case {
  kind: Kind;
  value: string;
  host: string;
}

/** One case per (kind, value): each its own Ingress and host. */
export function annotationCases(kinds: readonly Kind[], values: (kind: Kind) => readonly string[]): Case[] {
  const out: Case[] = [];
  for (const kind of kinds) for (const v of values(kind)) out.push({ kind, value: v, host: `c${out.length}.${PROBE_HOST}` });
  return out;
}

export const fixedValues = (kind: Kind) => [BASE[kind], ...HOSTILE_SUFFIXES.map((s) => BASE[kind] + s)];

function caseYaml(c: Case, i: number): string {
  const ann: Record<string, string> = { [A + c.kind]: c.value };
  if (c.kind === 'session-cookie-path') ann[A + 'affinity'] = 'cookie';
  if (c.kind === 'cors-allow-origin') ann[A + 'enable-cors'] = 'true';
  const path: [string, string, string] = c.kind === 'rewrite-target' ? ['/w(.*)', 'ImplementationSpecific', 'app'] : ['/', 'Prefix', 'app'];
  return ingress(`case${i}`, c.host, [path], { annotations: ann });
}

export function casesModel(cases: readonly Case[]): RouteModel {
  return modelOf(cases.map(caseYaml).join(''));
}

/** The requests that exercise a case: [path, extra headers]. */
export function requestsFor(c: Case): [string, Record<string, string>][] {
  const probe = { [PROBE_HEADER]: PROBE_VALUE };
  switch (c.kind) {
    case 'app-root':
      return [['/', probe]];
    case 'cors-allow-origin':
      return [['/x', { ...probe, origin: 'https://o.example' }], ['/x', { ...probe, origin: 'https://o.example.evil.example' }]];
    case 'rewrite-target':
      return [['/w/%0d%0aX-Injected:%201', probe], ['/w/$http_x_probe', probe], ['/w/%25REQ(x-probe)%25', probe], ['/w/%25[req.hdr(x-probe)]', probe]];
    default:
      return [['/x', probe]];
  }
}

function vhostOf(model: RouteModel, host: string): VirtualHost | undefined {
  return model.hosts.find((v) => v.host === host);
}

/** What the model made of a case's value: the value it applies, or undefined when it refused it (with a finding). */
export function applied(model: RouteModel, c: Case): string | undefined {
  const v = vhostOf(model, c.host);
  const p = v?.routes[0]?.policy;
  switch (c.kind) {
    case 'session-cookie-path':
      return p?.affinity?.path;
    case 'x-forwarded-prefix':
      return p?.forwardedPrefix;
    case 'app-root':
      return v?.appRoot?.path;
    case 'permanent-redirect':
    case 'temporal-redirect':
      return v?.routes[0]?.filters?.redirect && fixedLocation(v.routes[0].filters.redirect);
    case 'cors-allow-origin':
      return p?.cors && p.cors.origins !== '*' && p.cors.origins.length ? c.value.toLowerCase() : undefined;
    case 'upstream-vhost':
      return p?.upstreamHost;
    case 'rewrite-target':
      return v?.routes[0]?.filters?.rewrite?.path?.value;
  }
}

/** Problems with one answer to one request of a case. */
export function caseProblems(model: RouteModel, c: Case, a: RawAnswer): string[] {
  const problems = answerProblems(a);
  const value = applied(model, c);
  const header = (n: string) => a.headers.filter(([k]) => k === n).map(([, v]) => v);
  if (value === undefined) {
    if (!model.findings.some((f) => f.path?.includes(A + c.kind) || f.message.includes(c.kind))) problems.push(`${c.kind} ${JSON.stringify(c.value)} was neither applied nor reported`);
    return problems;
  }
  switch (c.kind) {
    case 'session-cookie-path':
      for (const line of header('set-cookie')) {
        // the last Path attribute is the one a browser keeps (RFC 6265 5.3; HAProxy writes its own "path=/" first)
        const path = cookieAttributes(line).attributes.filter(([n]) => n.toLowerCase() === 'path').pop()?.[1];
        if (path !== value) problems.push(`cookie Path ${JSON.stringify(path)}, not ${JSON.stringify(value)}`);
      }
      break;
    case 'x-forwarded-prefix':
      if (a.echo && a.echo.headers['x-forwarded-prefix'] !== value) problems.push(`X-Forwarded-Prefix ${JSON.stringify(a.echo.headers['x-forwarded-prefix'])}, not ${JSON.stringify(value)}`);
      break;
    case 'app-root':
      for (const l of header('location')) if (!l.endsWith(value)) problems.push(`Location ${JSON.stringify(l)} does not end with ${JSON.stringify(value)}`);
      break;
    case 'permanent-redirect':
    case 'temporal-redirect':
      for (const l of header('location')) if (l !== value) problems.push(`Location ${JSON.stringify(l)}, not ${JSON.stringify(value)}`);
      break;
    case 'upstream-vhost':
      if (a.echo && a.echo.host !== value) problems.push(`upstream Host ${JSON.stringify(a.echo.host)}, not ${JSON.stringify(value)}`);
      break;
    case 'cors-allow-origin':
      for (const o of header('access-control-allow-origin')) if (o !== 'https://o.example') problems.push(`Access-Control-Allow-Origin ${JSON.stringify(o)}`);
      break;
    case 'rewrite-target':
      if (a.echo && /[\r\n]/.test(a.echo.path)) problems.push(`a line break in the upstream path ${JSON.stringify(a.echo.path)}`);
      break;
  }
  return problems;
}
