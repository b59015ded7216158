// What the conformance harness checks on one answer, shared by the model, serve and real-engine runs.
import type { GatewayModel } from '../../src/model/types.js';

export interface Seen {
  status: number;
  backend?: { namespace: string; service: string };
  location?: string;
  upstream?: { path: string; host: string; headers: Record<string, string>; method?: string };
  headers: Record<string, string>;
}

/** What the conformance harness checks, on one answer; [] when it passes. */
export function check(c: any, seen: Seen): string[] {
  const e = c.expect;
  const why: string[] = [];
  const statuses: number[] = e.statuses ?? [200];
  if (!statuses.includes(seen.status)) why.push(`status ${seen.status}, expected ${statuses.join('/')}`);
  // routedTo: the Service the route sends to, where the pods that answer (backend) are another Service's
  const want = e.routedTo ?? e.backend;
  if (seen.status === 200 && want && !e.weights && (seen.backend?.service !== want.service || seen.backend?.namespace !== want.namespace)) why.push(`backend ${seen.backend?.namespace}/${seen.backend?.service}`);
  if (seen.status === 200 && e.upstream && seen.upstream) {
    const u = seen.upstream;
    if (e.upstream.path && u.path !== e.upstream.path) why.push(`upstream path ${u.path}`);
    if (e.upstream.host && u.host !== e.upstream.host) why.push(`upstream host ${u.host}`);
    for (const [k, v] of Object.entries(e.upstream.headers ?? {})) if (u.headers[k.toLowerCase()] !== v) why.push(`upstream ${k}: ${u.headers[k.toLowerCase()]}`);
    for (const k of e.upstream.absentHeaders ?? []) if (u.headers[k.toLowerCase()] !== undefined) why.push(`upstream ${k} present`);
  }
  if (e.redirect) {
    const m = /^(\w+):\/\/([^/:]+)(?::(\d+))?([^?]*)/.exec(seen.location ?? '');
    if (!m) why.push(`no Location (${seen.location})`);
    else {
      if (e.redirect.scheme && m[1] !== e.redirect.scheme) why.push(`redirect scheme ${m[1]}`);
      if (e.redirect.host && m[2] !== e.redirect.host) why.push(`redirect host ${m[2]}`);
      const wellKnown = (m[1] === 'http' && m[3] === '80') || (m[1] === 'https' && m[3] === '443');
      if (e.redirect.port ? m[3] !== e.redirect.port && !(wellKnown && !m[3]) : m[3] && !wellKnown) why.push(`redirect port ${m[3]}`);
      if (e.redirect.path && m[4] !== e.redirect.path) why.push(`redirect path ${m[4]}`);
    }
  }
  const h = seen.headers;
  for (const [k, v] of Object.entries(e.responseHeaders ?? {})) if (h[k.toLowerCase()] !== v) why.push(`response ${k}: ${h[k.toLowerCase()]}`);
  for (const [k, vs] of Object.entries(e.responseHeaderOneOf ?? {}) as [string, string[]][]) {
    const got = (h[k.toLowerCase()] ?? '').replace(/\s/g, '');
    if (!vs.some((v) => v.replace(/\s/g, '') === got)) why.push(`response ${k}: ${h[k.toLowerCase()]}`);
  }
  for (const k of e.absentResponseHeaders ?? []) if (h[k.toLowerCase()] !== undefined) why.push(`response ${k} present`);
  return why;
}

/** The listener port a case connects to: the data's, else the Host's port when a listener has it, else the scheme's, else the first listener of the protocol. */
export function portOf(c: any, g: GatewayModel): number {
  if (typeof c.port === 'number') return c.port;
  const hp = /:(\d+)$/.exec(c.request.host ?? '');
  if (hp && g.listeners.some((l) => l.port === Number(hp[1]))) return Number(hp[1]);
  const dflt = c.scheme === 'https' ? 443 : 80;
  if (g.listeners.some((l) => l.port === dflt)) return dflt;
  return g.listeners.find((l) => l.protocol === (c.scheme === 'https' ? 'HTTPS' : 'HTTP'))?.port ?? dflt;
}

export const headersOf = (c: any) => Object.fromEntries(Object.entries((c.request.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));

