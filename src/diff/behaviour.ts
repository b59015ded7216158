// Behavioural change: requests whose outcome (status, backend, redirect) differs between two models.
import { formatBackend } from '../model/backends.js';
import { isRedirect, Matcher, type Decision, type Request } from '../model/match.js';
import type { RouteModel } from '../model/types.js';

export interface OutcomeChange {
  request: string;
  before: string;
  after: string;
}

export function outcomeText(d: Decision, scheme?: 'http' | 'https'): string {
  if (d.status === 200) {
    if (d.split) return `${formatBackend(d.backend)}, ${d.split.weight}/${d.split.total} to ${formatBackend(d.split.canary)}`;
    // over HTTPS, which certificate answers is part of the outcome (a removed TLS section changes it)
    const v = d.vhost;
    const cert = scheme === 'https' ? ` [${v?.tls ? `certificate ${v.tls.secretNamespace}/${v.tls.secretName}${v.tls.usable ? '' : ', self-signed'}` : 'default certificate'}]` : '';
    return formatBackend(d.backend) + cert;
  }
  if (isRedirect(d)) return `${d.status} → ${d.location}`;
  return String(d.status);
}

export function requestText(r: Request): string {
  return `${r.method && r.method !== 'GET' ? `${r.method} ` : ''}${r.scheme}://${r.host}${r.target}`;
}

export function diffBehaviour(before: RouteModel, after: RouteModel, requests: readonly Request[]): OutcomeChange[] {
  const m1 = new Matcher(before);
  const m2 = new Matcher(after);
  const changes: OutcomeChange[] = [];
  for (const r of requests) {
    const a = outcomeText(m1.match(r), r.scheme);
    const b = outcomeText(m2.match(r), r.scheme);
    if (a !== b) changes.push({ request: requestText(r), before: a, after: b });
  }
  return changes;
}
