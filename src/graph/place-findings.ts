// Findings drawn where they belong: on the route (or canary, TLS section, default backend)
// whose manifest field they point at. A finding about a route the model left out (the
// loser of a duplicate) is drawn on the route that won the same host and path.
import type { Document } from '../load/document.js';
import type { Finding } from '../findings/finding.js';
import type { RouteModel } from '../model/types.js';

/** What a finding can be drawn on: a node key, and for a route whether it is about its canary. */
export interface Placement {
  node: string;
  canary?: boolean;
}

const MISSING = new Set(['service-not-found', 'service-port-not-found', 'service-port-unresolved']);
/** the rule ids that mean "this backend is not there" */
export const isMissingBackend = (f: Finding) => MISSING.has(f.ruleId);

const within = (path: string, field: string) => path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);

/** /v1/ and /v1 are one Prefix route (the loser and the winner of a duplicate may differ so) */
const trimSlash = (p: string) => p.replace(/\/+$/, '') || '/';

export const hostKey = (host: string) => `host ${host}`;
export const routeKey = (id: string) => `route ${id}`;

/**
 * Places each finding with a file, an object and a field path. Returns the placements
 * by finding, and the findings that concern no drawn thing (annotations, metadata).
 */
export function placeFindings(model: RouteModel, findings: readonly Finding[], documents: readonly Document[]): { placed: Map<Finding, Placement>; unplaced: Finding[] } {
  const owners = new Map<string, { field: string; at: Placement }[]>();
  const own = (o: { kind: string; namespace: string; name: string; file: string; field: string }, at: Placement) => {
    const k = `${o.file}\u0000${o.kind} ${o.namespace}/${o.name}`;
    const list = owners.get(k) ?? [];
    list.push({ field: o.field, at });
    owners.set(k, list);
  };
  const routeByHostPath = new Map<string, string>();
  for (const v of model.hosts) {
    const h = hostKey(v.host);
    if (v.tls) own(v.tls.origin, { node: h });
    if (v.defaultBackend) own(v.defaultBackend.origin, { node: h });
    for (const r of v.routes) {
      own(r.origin, { node: routeKey(r.id) });
      if (r.canary) own(r.canary.origin, { node: routeKey(r.id), canary: true });
      routeByHostPath.set(`${v.host}\u0000${trimSlash(r.match.value)}`, routeKey(r.id));
    }
  }
  const docs = new Map(documents.map((d) => [`${d.file}\u0000${d.label}`, d]));
  const placed = new Map<Finding, Placement>();
  const unplaced: Finding[] = [];
  for (const f of findings) {
    if (!f.file || !f.object || !f.path) {
      unplaced.push(f);
      continue;
    }
    const k = `${f.file}\u0000${f.object}`;
    const best = (owners.get(k) ?? []).filter((o) => within(f.path!, o.field)).sort((a, b) => b.field.length - a.field.length)[0];
    const at = best?.at ?? lostRoute(f, docs.get(k), routeByHostPath);
    if (at) placed.set(f, at);
    else unplaced.push(f);
  }
  return { placed, unplaced };
}

/** spec.rules[i].http.paths[j] of a route the model does not hold: the route that won its host and path. */
function lostRoute(f: Finding, doc: Document | undefined, routes: Map<string, string>): Placement | undefined {
  const m = /^spec\.rules\[(\d+)\]\.http\.paths\[(\d+)\]/.exec(f.path ?? '');
  if (!m || !doc) return undefined;
  const rule = (doc.obj.spec as { rules?: { host?: unknown; http?: { paths?: { path?: unknown }[] } }[] } | undefined)?.rules?.[Number(m[1])];
  const path = rule?.http?.paths?.[Number(m[2])]?.path;
  const host = typeof rule?.host === 'string' ? rule.host.toLowerCase() : '';
  const node = typeof path === 'string' ? routes.get(`${host}\u0000${trimSlash(path)}`) : undefined;
  return node ? { node } : undefined;
}
