// The x-ingressctl-route value: which rule answered, "<namespace>/<ingress> <route id>".
// One place for serve's proxy and for the engines' rendered header, so both say the same.
import type { Route, RouteModel, VirtualHost } from './types.js';

export const ROUTE_HEADER = 'x-ingressctl-route';

export function routeLabel(route: Route): string {
  return `${route.origin.namespace}/${route.origin.name} ${route.id}`;
}

/** A host's default backend (an Ingress's rules without paths for that host). */
export function hostDefaultLabel(v: VirtualHost): string | undefined {
  const o = v.defaultBackend?.origin;
  return o ? `${o.namespace}/${o.name} ${v.host || '*'} (default backend)` : undefined;
}

/** The catch-all: an Ingress's spec.defaultBackend, or --default-backend. */
export function catchAllLabel(model: Pick<RouteModel, 'defaultBackend'>): string {
  const o = model.defaultBackend?.origin;
  return `${o ? `${o.namespace}/${o.name}` : '--default-backend'} (catch-all)`;
}
