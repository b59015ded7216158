// explain for Gateway API input: which Gateway (--gateway, else the only one), the port a
// client connects to, and the JSON the decision adds (listener, rule, upstream request).
import { UsageError } from '../cli/exit.js';
import type { Decision } from '../model/match.js';
import type { GatewayModel, RouteModel } from '../model/types.js';
import type { GatewayDecision } from './match.js';

/**
 * The Gateway a request reaches: --gateway NS/NAME; else the only Gateway when the input
 * has no Ingress routes; undefined for Ingress input. Several and none named: exit 2, listing them.
 */
export function chooseGateway(model: RouteModel, wanted: string | undefined, namespace: string): GatewayModel | undefined {
  const gws = model.gateways ?? [];
  const names = gws.map((g) => `${g.namespace}/${g.name}`);
  if (wanted !== undefined) {
    const id = wanted.includes('/') ? wanted : `${namespace}/${wanted}`;
    const g = gws.find((x) => `${x.namespace}/${x.name}` === id);
    if (!g) throw new UsageError(`--gateway ${wanted}: no such Gateway in the input${names.length ? ` (there are: ${names.join(', ')})` : ''}`);
    return g;
  }
  if (!gws.length || model.hosts.length || model.defaultBackend) return undefined;
  if (gws.length > 1) throw new UsageError(`the input has ${gws.length} Gateways: name one with --gateway (${names.join(', ')})`);
  return gws[0];
}

/**
 * A gRPC call written as grpc://HOST[:PORT]/SERVICE/METHOD (grpcs:// over TLS): the HTTP/2
 * request gRPC sends, POST /SERVICE/METHOD with content-type application/grpc.
 */
export function grpcCall(url: string): { url: string; method: string; headers: Record<string, string> } | undefined {
  const m = /^grpc(s?):\/\/(.*)$/i.exec(url);
  if (!m) return undefined;
  return { url: `http${m[1].toLowerCase()}://${m[2]}`, method: 'POST', headers: { 'content-type': 'application/grpc', te: 'trailers' } };
}

/** The URL's port, else 80/443 by scheme: the listener port a client connects to. */
export function urlPort(url: string, scheme: 'http' | 'https'): number {
  const m = /^(?:(?:https?|grpcs?):\/\/)?[^/?#]*?:(\d{1,5})(?:[/?#]|$)/i.exec(url);
  return m ? Number(m[1]) : scheme === 'https' ? 443 : 80;
}

/** The URL's host name (the SNI an HTTPS client sends). */
export function urlHost(url: string): string {
  const m = /^(?:(?:https?|grpcs?):\/\/)?([^/?#:]*)/i.exec(url);
  return (m?.[1] ?? '').toLowerCase();
}

/** The Ingress JSON of a decision, plus what a Gateway decision adds. */
export function gatewayDecisionJson(d: Decision | GatewayDecision, base: Record<string, unknown>): Record<string, unknown> {
  if (!('gateway' in d)) return base;
  const route = 'route' in d && d.route ? d.route : undefined;
  const ok = d.status === 200 ? d : undefined;
  return {
    ...base,
    gateway: `${d.gateway.namespace}/${d.gateway.name}`,
    listener: d.listener ? { name: d.listener.name, port: d.listener.port, protocol: d.listener.protocol, hostname: d.listener.hostname ?? null } : null,
    ...(route ? { rule: { route: `${route.origin.namespace}/${route.origin.name}`, field: route.origin.field, file: route.origin.file, line: route.origin.line, ...(route.conditions ? { conditions: route.conditions } : {}) } } : {}),
    ...(route?.filters ? { filters: route.filters } : {}),
    ...(ok?.upstream ? { upstream: ok.upstream } : {}),
    ...(ok?.responseHeaders ? { responseHeaders: ok.responseHeaders } : {}),
    ...(ok?.weights ? { weights: ok.weights.map((w) => ({ backend: w.backend ? { namespace: w.backend.namespace, service: w.backend.service, port: w.backend.port } : null, ...(w.invalid ? { invalid: w.invalid } : {}), weight: w.weight })) } : {}),
  };
}
