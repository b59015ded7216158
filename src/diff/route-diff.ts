// Route-level change between two models: virtual hosts and routes added, removed or changed.
import { formatBackend } from '../model/backends.js';
import type { Origin, Route, RouteModel, VirtualHost } from '../model/types.js';


export type RouteChange =
  | { change: 'added' | 'removed'; host: string; what: string; origin: string }
  | { change: 'changed'; host: string; what: string; before: string; after: string; origin: string };

const where = (o: Origin) => `${o.namespace}/${o.name} ${o.file}:${o.line}`;
const hostLabel = (h: string) => h || '*';
/**
 * Routes of one host are paired by path; a path that holds both an Exact and a Prefix
 * route on either side pairs by match kind too, so a pathType change shows as a change.
 */
function routeKeys(a: readonly Route[], b: readonly Route[]): [Map<string, Route>, Map<string, Route>] {
  // a Prefix rule's trailing slash is ignored: /api and /api/ are the same route
  const path = (r: Route) => (r.match.kind === 'Prefix' ? r.match.value.replace(/\/+$/, '') || '/' : r.match.value);
  const ambiguous = (v: string) => a.filter((r) => path(r) === v).length > 1 || b.filter((r) => path(r) === v).length > 1;
  const key = (r: Route) => (ambiguous(path(r)) ? `${path(r)} ${r.match.kind}` : path(r));
  return [new Map(a.map((r) => [key(r), r])), new Map(b.map((r) => [key(r), r]))];
}
const tlsText = (v: VirtualHost) => (v.tls ? `TLS ${v.tls.secretNamespace}/${v.tls.secretName}${v.tls.usable ? '' : ' (self-signed)'}` : 'no TLS');
const policyText = (r: Route) => JSON.stringify(r.policy);
/** the redirect and rewrite annotations (and a Gateway rule's filters) */
const filtersText = (r: Route) => JSON.stringify(r.filters ?? {});

export function diffRoutes(before: RouteModel, after: RouteModel): RouteChange[] {
  const changes: RouteChange[] = [];
  const oldHosts = new Map(before.hosts.map((v) => [v.host, v]));
  const newHosts = new Map(after.hosts.map((v) => [v.host, v]));
  const hosts = [...new Set([...oldHosts.keys(), ...newHosts.keys()])].sort();
  for (const host of hosts) {
    const a = oldHosts.get(host);
    const b = newHosts.get(host);
    if (!a || !b) {
      const v = (a ?? b)!;
      const origin = v.routes[0]?.origin ?? v.defaultBackend?.origin;
      changes.push({ change: a ? 'removed' : 'added', host: hostLabel(host), what: `virtual host (${v.routes.length} routes, ${tlsText(v)})`, origin: origin ? where(origin) : '' });
      continue;
    }
    if (tlsText(a) !== tlsText(b)) changes.push({ change: 'changed', host: hostLabel(host), what: 'TLS', before: tlsText(a), after: tlsText(b), origin: b.tls ? where(b.tls.origin) : a.tls ? where(a.tls.origin) : '' });
    const [oldRoutes, newRoutes] = routeKeys(a.routes, b.routes);
    for (const k of [...new Set([...oldRoutes.keys(), ...newRoutes.keys()])].sort()) {
      const r1 = oldRoutes.get(k);
      const r2 = newRoutes.get(k);
      if (!r1 || !r2) {
        const r = (r1 ?? r2)!;
        changes.push({ change: r1 ? 'removed' : 'added', host: hostLabel(host), what: `${r.match.kind} ${r.match.value} → ${formatBackend(r.backend)}`, origin: where(r.origin) });
        continue;
      }
      const what = `${r2.match.kind} ${r2.match.value}`;
      if (formatBackend(r1.backend) !== formatBackend(r2.backend)) changes.push({ change: 'changed', host: hostLabel(host), what: `${what} backend`, before: formatBackend(r1.backend), after: formatBackend(r2.backend), origin: where(r2.origin) });
      if (r1.match.pathType !== r2.match.pathType || r1.match.kind !== r2.match.kind) changes.push({ change: 'changed', host: hostLabel(host), what: `${r2.match.value} match`, before: `${r1.match.pathType} (${r1.match.kind})`, after: `${r2.match.pathType} (${r2.match.kind})`, origin: where(r2.origin) });
      if (policyText(r1) !== policyText(r2)) changes.push({ change: 'changed', host: hostLabel(host), what: `${what} policy`, before: policyText(r1), after: policyText(r2), origin: where(r2.origin) });
      if (filtersText(r1) !== filtersText(r2)) changes.push({ change: 'changed', host: hostLabel(host), what: `${what} filters`, before: filtersText(r1), after: filtersText(r2), origin: where(r2.origin) });
    }
    const d1 = a.defaultBackend ? formatBackend(a.defaultBackend.backend) : 'none';
    const d2 = b.defaultBackend ? formatBackend(b.defaultBackend.backend) : 'none';
    if (d1 !== d2) changes.push({ change: 'changed', host: hostLabel(host), what: 'default backend', before: d1, after: d2, origin: b.defaultBackend ? where(b.defaultBackend.origin) : '' });
  }
  const c1 = before.defaultBackend ? formatBackend(before.defaultBackend.backend) : 'none';
  const c2 = after.defaultBackend ? formatBackend(after.defaultBackend.backend) : 'none';
  if (c1 !== c2) changes.push({ change: 'changed', host: '(catch-all)', what: 'default backend', before: c1, after: c2, origin: after.defaultBackend?.origin ? where(after.defaultBackend.origin) : '' });
  return changes;
}
