// diff for Gateway API input: the routes of every Gateway listener, paired by hostname and
// match (path, method, headers, query), compared by filters and weighted backends.
import { outcomeText, requestText, type OutcomeChange } from '../diff/behaviour.js';
import type { RouteChange } from '../diff/route-diff.js';
import { formatBackend } from '../model/backends.js';
import type { Decision } from '../model/match.js';
import { GatewayMatcher, type GatewayRequest } from './match.js';
import type { Origin, Route, RouteModel } from '../model/types.js';
import { conditionsText, grpcText } from './routes.js';
import { backendsText, filtersText } from './table.js';

const where = (o: Origin) => `${o.namespace}/${o.name} ${o.file}:${o.line}`;

interface Entry {
  scope: string;
  what: string;
  route: Route;
}

function entries(model: RouteModel): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const g of model.gateways ?? []) {
    for (const l of g.listeners) {
      for (const v of l.hosts) {
        for (const r of v.routes) {
          const scope = `${g.namespace}/${g.name} ${l.name}:${l.port} ${v.host || '*'}`;
          const cond = [r.grpc ? grpcText(r.grpc) : '', conditionsText(r.conditions)].filter(Boolean).join(', ');
          const what = `${r.match.pathType} ${r.match.value}${cond ? ` (${cond})` : ''}`;
          const key = `${scope}\u0000${what}`;
          // identical matches of several routes: the first (the one that answers) counts
          if (!out.has(key)) out.set(key, { scope, what, route: r });
        }
      }
    }
  }
  return out;
}

export function diffGatewayRoutes(before: RouteModel, after: RouteModel): RouteChange[] {
  const a = entries(before);
  const b = entries(after);
  const changes: RouteChange[] = [];
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(key);
    const y = b.get(key);
    if (!x || !y) {
      const e = (x ?? y)!;
      changes.push({ change: x ? 'removed' : 'added', host: e.scope, what: `${e.what} → ${backendsText(e.route)}`, origin: where(e.route.origin) });
      continue;
    }
    const pairs: [string, string, string][] = [
      ['backends', backendsText(x.route), backendsText(y.route)],
      ['filters', filtersText(x.route.filters) || '-', filtersText(y.route.filters) || '-'],
      ['route', `${x.route.origin.namespace}/${x.route.origin.name}`, `${y.route.origin.namespace}/${y.route.origin.name}`],
    ];
    for (const [field, p, q] of pairs) if (p !== q) changes.push({ change: 'changed', host: y.scope, what: `${y.what} ${field}`, before: p, after: q, origin: where(y.route.origin) });
  }
  return changes;
}

/** One request per Gateway route of either model (its host, path, method, headers, query), on its listener's port. */
function probes(before: RouteModel, after: RouteModel): { gateway: string; req: GatewayRequest }[] {
  const out = new Map<string, { gateway: string; req: GatewayRequest }>();
  for (const m of [before, after]) {
    for (const g of m.gateways ?? []) {
      for (const l of g.listeners) {
        for (const v of l.hosts) {
          const host = v.kind === 'exact' ? v.host : v.kind === 'wildcard' ? `probe${v.host.slice(1)}` : l.hostname?.replace(/^\*/, 'probe') || 'probe.example';
          for (const r of v.routes) {
            if (r.match.kind === 'RegularExpression') continue; // no path to write down for a regex
            const c = r.conditions ?? {};
            const headers = Object.fromEntries((c.headers ?? []).filter((h) => h.type === 'Exact').map((h) => [h.name, h.value]));
            const query = (c.query ?? []).filter((q) => q.type === 'Exact').map((q) => `${encodeURIComponent(q.name)}=${encodeURIComponent(q.value)}`).join('&');
            const req: GatewayRequest = { scheme: l.protocol === 'HTTPS' ? 'https' : 'http', host, target: r.match.value + (query ? `?${query}` : ''), method: c.method ?? 'GET', headers, port: l.port };
            const gateway = `${g.namespace}/${g.name}`;
            out.set(`${gateway} ${l.port} ${JSON.stringify(req)}`, { gateway, req });
          }
        }
      }
    }
  }
  return [...out.values()];
}

/** Probe requests whose outcome changes between the two models, per Gateway. */
export function diffGatewayBehaviour(before: RouteModel, after: RouteModel): OutcomeChange[] {
  const changes: OutcomeChange[] = [];
  const matcher = (m: RouteModel, id: string) => {
    const g = m.gateways?.find((x) => `${x.namespace}/${x.name}` === id);
    return g ? new GatewayMatcher(g) : undefined;
  };
  for (const { gateway, req } of probes(before, after)) {
    const a = matcher(before, gateway);
    const b = matcher(after, gateway);
    const text = (m: GatewayMatcher | undefined) => (m ? gatewayOutcome(m.match(req)) : `no Gateway ${gateway}`);
    const x = text(a);
    const y = text(b);
    const headers = Object.entries(req.headers ?? {}).map(([k, v]) => ` -H '${k}: ${v}'`).join('');
    if (x !== y) changes.push({ request: `${requestText(req).replace(`://${req.host}`, `://${req.host}:${req.port}`)}${headers} (Gateway ${gateway})`, before: x, after: y });
  }
  return changes;
}

function gatewayOutcome(d: Decision): string {
  if (d.status === 200 && d.weights) return d.weights.map((w) => `${w.backend && !w.invalid ? formatBackend(w.backend) : '500'} ×${w.weight}`).join(', ');
  if (d.status === 200 && d.upstream && d.route?.filters?.rewrite) return `${outcomeText(d)} (upstream ${d.upstream.host}${d.upstream.path})`;
  return outcomeText(d);
}
