// --verify: the Ingress model (OLD) and the Gateway model read back from the rendered
// objects (NEW) answer the same probe requests alike, except where a reported loss says
// they may not. OLD goes through the Ingress Matcher, NEW through the Gateway's listeners
// (port 80 for http, 443 for https: the ports the listeners are rendered on).
import { probeRequests } from '../../diff/probes.js';
import { requestText } from '../../diff/behaviour.js';
import { formatBackend } from '../../model/backends.js';
import { isRedirect, Matcher, type Decision, type Request } from '../../model/match.js';
import { upstreamPath } from '../../model/rewrite.js';
import type { Backend, GatewayModel, RouteModel } from '../../model/types.js';
import { GatewayMatcher } from '../../gateway/match.js';
import { requestHost } from '../../model/hosts.js';
import type { Loss, LossScope } from './translate.js';

export interface VerifyChange {
  request: string;
  before: string;
  after: string;
  /** the loss that explains it, when one does */
  explainedBy?: string;
}

/** A backend and, when it is not plain HTTP, how it is spoken to (a gRPC backend must stay gRPC). */
const backendName = (b: Backend) => `${formatBackend(b)}${b.protocol === 'http' ? '' : ` (${b.protocol})`}`;

const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
const share = (w: number, total: number) => (w === total ? '' : ` ×${w / gcd(w, total)}/${total / gcd(w, total)}`);

function shares(list: { name: string; weight: number }[]): string {
  const total = list.reduce((s, x) => s + x.weight, 0);
  const merged = new Map<string, number>();
  for (const x of list) if (x.weight > 0) merged.set(x.name, (merged.get(x.name) ?? 0) + x.weight);
  return [...merged].sort((a, b) => a[0].localeCompare(b[0])).map(([n, w]) => `${n}${share(w, total)}`).join(', ');
}

/** OLD's answer in terms both models can state: status, backends with shares, upstream path and Host, or the redirect. */
/** The CORS headers of an answer, lists compared as sets of items. */
function corsText(d: Decision): string {
  const h = d.headers ?? {};
  const keys = Object.keys(h).filter((k) => k.startsWith('access-control-')).sort();
  if (!keys.length) return '';
  const norm = (v: string) => v.split(',').map((x) => x.trim()).filter(Boolean).sort().join(',');
  return ` [${keys.map((k) => `${k}: ${norm(h[k])}`).join('; ')}]`;
}

export function ingressOutcome(d: Decision, req: Request): string {
  return ingressAnswer(d, req) + corsText(d);
}

export function gatewayOutcome(d: Decision, req: Request): string {
  return gatewayAnswer(d, req) + corsText(d);
}

function ingressAnswer(d: Decision, req: Request): string {
  if (isRedirect(d)) return `${d.status} → ${d.location}`;
  if (d.status !== 200) return String(d.status);
  const list = d.split
    ? [{ name: backendName(d.backend), weight: d.split.total - d.split.weight }, { name: backendName(d.split.canary), weight: d.split.weight }]
    : [{ name: backendName(d.backend), weight: 1 }];
  const path = upstreamPath(d.route, d.path, d.path);
  const host = d.policy?.upstreamHost ?? req.host;
  const xfp = d.policy?.forwardedPrefix;
  return `${shares(list)} (upstream ${host}${path}${xfp !== undefined ? `, x-forwarded-prefix ${xfp}` : ''})`;
}

function gatewayAnswer(d: Decision, req: Request): string {
  if (isRedirect(d)) return `${d.status} → ${d.location}`;
  if (d.status !== 200) return String(d.status);
  const list = d.weights ? d.weights.map((w) => ({ name: w.backend && !w.invalid ? backendName(w.backend) : '500', weight: w.weight })) : [{ name: backendName(d.backend), weight: 1 }];
  const up = d.upstream;
  const path = up ? up.path.replace(/\?.*$/, '') : d.path;
  const xfp = up?.headers['x-forwarded-prefix'];
  return `${shares(list)} (upstream ${up?.host ?? req.host}${path}${xfp !== undefined ? `, x-forwarded-prefix ${xfp}` : ''})`;
}

/** Which loss, if any, excuses a change of this request answered (on the OLD side) by `ingress`. */
function excuse(losses: readonly Loss[], req: Request, answeredBy: Set<string>, tlsHosts: readonly string[]): Loss | undefined {
  // a loss is scoped to a host name: the Host header's port takes no part (as in host matching)
  const host = requestHost(req.host) ?? req.host.toLowerCase();
  const applies = (s: LossScope) => {
    if (s.scheme && s.scheme !== req.scheme) return false;
    if (s.deeperThan) return host.endsWith(s.deeperThan.slice(1)) && host.slice(0, -s.deeperThan.length + 1).includes('.');
    // host "" with a scheme: a request no TLS host of the Ingress side covers
    if (s.host === '' && s.scheme) return !tlsHosts.some((h) => h === host || (h.startsWith('*.') && host.endsWith(h.slice(1))));
    if (s.host !== undefined && s.host !== host && !(s.host.startsWith('*.') && host.endsWith(s.host.slice(1)))) return false;
    return answeredBy.has(s.ingress) || (s.host !== undefined && s.scheme !== undefined);
  };
  return losses.find((l) => applies(l.scope));
}

function answeredBy(d: Decision, model: RouteModel): Set<string> {
  const out = new Set<string>();
  const add = (o?: { namespace: string; name: string }) => o && out.add(`${o.namespace}/${o.name}`);
  if ('via' in d && d.via === 'catch-all') add(model.defaultBackend?.origin);
  if ('route' in d && d.route) add(d.route.origin), add(d.route.canary?.origin);
  if ('vhost' in d && d.vhost) {
    add(d.vhost.defaultBackend?.origin);
    add(d.vhost.appRoot?.origin);
    for (const r of d.vhost.routes) add(r.origin);
  }
  return out;
}

export function verifyGateway(old: RouteModel, gateway: GatewayModel, losses: readonly Loss[], extra: readonly Request[] = []): { changes: VerifyChange[]; requests: number } {
  const m1 = new Matcher(old);
  const m2 = new GatewayMatcher(gateway);
  const requests = [...probeRequests(old), ...extra];
  const changes: VerifyChange[] = [];
  for (const req of requests) {
    const d1 = m1.match(req);
    const a = ingressOutcome(d1, req);
    const b = gatewayOutcome(m2.match({ ...req, port: req.scheme === 'https' ? 443 : 80 }), req);
    if (a === b) continue;
    const loss = excuse(losses, req, answeredBy(d1, old), old.hosts.filter((v) => v.tls).map((v) => v.host));
    const headers = Object.entries(req.headers ?? {}).map(([k, v]) => ` -H '${k}: ${v}'`).join('');
    changes.push({ request: requestText(req) + headers, before: a, after: b, ...(loss ? { explainedBy: `${loss.finding.file}:${loss.finding.line} ${loss.finding.message}` } : {}) });
  }
  return { changes, requests: requests.length };
}
