// explain as a library: which route a request for a URL takes and why, as plain data.
// `ingressctl explain` prints it; serve's page (--ui) answers its explain box with it.
import { formatCidr } from './cidr.js';
import { isRedirect, Matcher, type Decision, type Request } from './match.js';
import type { RoutePolicy } from './policy.js';
import { requestFromUrl } from './request-url.js';
import { originJson } from './serialize.js';
import type { RouteModel } from './types.js';

/** A URL that cannot be read (a line break in it). */
export class RequestUrlError extends Error {}

export function decisionJson(d: Decision) {
  const route = 'route' in d && d.route ? d.route : undefined;
  const backend = d.status === 200 ? d.backend : undefined;
  return {
    status: d.status,
    backend: backend ? { namespace: backend.namespace, service: backend.service, port: backend.port } : null,
    route: route ? { id: route.id, host: 'vhost' in d && d.vhost ? d.vhost.host : '', match: route.match, origin: originJson(route.origin) } : null,
    ...(isRedirect(d) ? { location: d.location, redirect: d.redirect } : {}),
    ...(d.status === 200 ? { via: d.via } : {}),
    ...(d.status === 200 && d.canary ? { canary: d.canary } : {}),
    ...(d.status === 200 && d.split ? { split: { canary: { namespace: d.split.canary.namespace, service: d.split.canary.service, port: d.split.canary.port }, weight: d.split.weight, total: d.split.total, reason: d.split.reason } } : {}),
    ...(d.headers ? { headers: d.headers } : {}),
    reason: d.reason,
    ...(d.policy && policyNotes(d.policy, d).length ? { notes: policyNotes(d.policy, d) } : {}),
    candidates: d.candidates.map((c) => ({ route: c.route.id, matched: c.matched, reason: c.reason })),
  };
}

/** What else the policy does that this one request does not show. */
export function policyNotes(p: RoutePolicy, d: Decision): string[] {
  const notes: string[] = [];
  const r = p.sourceRanges;
  if (r && d.status === 200) {
    const from = [r.allow.length ? `only from ${r.allow.map(formatCidr).join(', ')}` : '', r.deny.length ? `never from ${r.deny.map(formatCidr).join(', ')}` : ''].filter(Boolean).join(', ');
    notes.push(`source ranges: ${from} (403 otherwise; --client-ip judges one address)`);
  }
  if (p.basicAuth && d.status === 200) notes.push(`basic auth (realm ${JSON.stringify(p.basicAuth.realm)}): the credentials were accepted`);
  if (p.rateLimit) notes.push(`rate limits per client address: ${[p.rateLimit.rps ? `${p.rateLimit.rps} requests/s (burst ${p.rateLimit.burst})` : '', p.rateLimit.connections ? `${p.rateLimit.connections} at once` : ''].filter(Boolean).join(', ')}; ${p.rateLimit.status} beyond`);
  if (p.affinity && d.status === 200) notes.push(`affinity: cookie ${p.affinity.cookieName} keeps a client on one endpoint`);
  return notes;
}

export interface ExplainInput {
  url: string;
  method?: string;
  /** lower-case names */
  headers?: Record<string, string>;
  clientIp?: string;
  /** the HTTPS port named in redirect locations (default 443) */
  httpsPort?: number;
}

/** The request a URL stands for, and the model's decision on it. */
export function explainUrl(model: RouteModel, input: ExplainInput): { request: Request; decision: Decision } {
  const parsed = requestFromUrl(input.url, (input.method ?? 'GET').toUpperCase(), input.headers ?? {});
  if ('problem' in parsed) throw new RequestUrlError(`cannot read URL ${JSON.stringify(input.url)}: ${parsed.problem}`);
  const request: Request = { ...parsed, ...(input.clientIp ? { clientIp: input.clientIp } : {}) };
  const decision = new Matcher(model, { httpsPort: input.httpsPort ?? 443 }).match(request, true);
  return { request, decision };
}
