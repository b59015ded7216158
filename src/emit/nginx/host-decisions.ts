// What the server blocks of one host need, decided once per host before its locations are
// written, from the plan's decisions (src/emit/plan.ts): each route's decision by its place
// in the host's routes (no lookup per location), what answers when no route matches, and
// whether plain HTTP gets a server of its own (some route or the default backend redirects
// to HTTPS). The writers in server.ts read these instead of deciding again per route.
import type { RouteModel, VirtualHost } from '../../model/types.js';
import type { PlannedDecision, TargetPlan } from '../plan.js';

export interface HostDecisions {
  /** the host; undefined for the server of requests no host claims */
  vhost: VirtualHost | undefined;
  /** the decision of each route, in the order of vhost.routes (Place.index) */
  routes: readonly PlannedDecision[];
  /**
   * No route matched: 'host-default' (the host's default backend), else 'catch-all' (the
   * model's default backend), else 'none' (404)
   */
  fallbackKind: 'host-default' | 'catch-all' | 'none';
  /** the decision of the fallback, when there is one */
  fallback: PlannedDecision | undefined;
  /** plain HTTP is redirected to HTTPS for some route or for the default backend: the host has a plain-HTTP server of its own */
  splitHttp: boolean;
}

const NO_ROUTES: readonly PlannedDecision[] = Object.freeze([]);

/** The decisions of host number `index` of the model (undefined: the server for requests no host claims). */
export function hostDecisions(plan: TargetPlan, model: RouteModel, index: number | undefined): HostDecisions {
  const v = index === undefined ? undefined : model.hosts[index];
  const routes = index === undefined ? NO_ROUTES : plan.hostRoutes[index];
  const own = v?.defaultBackend ? plan.hostDefaults.get(v) : undefined;
  const fallbackKind = own ? 'host-default' : plan.catchAll ? 'catch-all' : 'none';
  const fallback = own ?? plan.catchAll;
  let splitHttp = false;
  if (v) {
    for (let i = 0; i < routes.length && !splitHttp; i++) splitHttp = routes[i].httpsRedirect;
    if (!splitHttp && own) splitHttp = own.httpsRedirect;
  }
  return { vhost: v, routes, fallbackKind, fallback, splitHttp };
}
