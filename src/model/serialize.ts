// The model as plain data for `routes -o json|yaml` (stable key order; no key material).
import type { RoutePolicy } from './policy.js';
import type { Backend, GatewayModel, Origin, Route, RouteModel, Upstream, VirtualHost } from './types.js';

/** The JSON contract predates `source` (which only serve reads): it stays out. */
function upstreamJson(u: Upstream) {
  if (u.kind !== 'endpoints') return u;
  return { kind: u.kind, endpoints: u.endpoints };
}

export function backendJson(b: Backend) {
  return {
    namespace: b.namespace,
    service: b.service,
    port: b.port,
    ...(b.portName ? { portName: b.portName } : {}),
    protocol: b.protocol,
    upstream: upstreamJson(b.upstream),
  };
}

export function originJson(o: Origin) {
  return { kind: o.kind, namespace: o.namespace, name: o.name, file: o.file, line: o.line, column: o.column, field: o.field };
}

/** The policy without password hashes (users by name and hash format only). */
export function policyJson(p: RoutePolicy) {
  const { basicAuth, fallbackBackend, ...rest } = p;
  return {
    ...rest,
    ...(basicAuth ? { basicAuth: { realm: basicAuth.realm, secret: basicAuth.secret, users: basicAuth.users.map((u) => ({ name: u.name, format: u.format })), origin: originJson(basicAuth.origin) } } : {}),
    ...(fallbackBackend ? { fallbackBackend: backendJson(fallbackBackend) } : {}),
  };
}

export function routeJson(r: Route) {
  return {
    id: r.id,
    match: r.match,
    backend: backendJson(r.backend),
    policy: policyJson(r.policy),
    ...(r.canary ? { canary: { ...r.canary, backend: backendJson(r.canary.backend), origin: originJson(r.canary.origin) } } : {}),
    ...(r.conditions ? { conditions: r.conditions } : {}),
    ...(r.filters ? { filters: r.filters } : {}),
    ...(r.backends ? { backends: r.backends.map((b) => ({ ...(b.backend ? { backend: backendJson(b.backend) } : {}), ...(b.invalid ? { invalid: b.invalid } : {}), weight: b.weight, ...(b.filters ? { filters: b.filters } : {}), origin: originJson(b.origin) })) } : {}),
    origin: originJson(r.origin),
  };
}

export function gatewayJson(g: GatewayModel) {
  return {
    namespace: g.namespace,
    name: g.name,
    className: g.className,
    conditions: g.conditions,
    listeners: g.listeners.map((l) => ({
      name: l.name,
      port: l.port,
      protocol: l.protocol,
      hostname: l.hostname ?? null,
      tls: l.tls ? { secret: `${l.tls.secretNamespace}/${l.tls.secretName}`, usable: l.tls.usable, origin: originJson(l.tls.origin) } : null,
      conditions: l.conditions,
      hosts: l.hosts.map(vhostJson),
      origin: originJson(l.origin),
    })),
    origin: originJson(g.origin),
  };
}

export function vhostJson(v: VirtualHost) {
  return {
    host: v.host,
    kind: v.kind,
    tls: v.tls
      ? {
          secret: `${v.tls.secretNamespace}/${v.tls.secretName}`,
          usable: v.tls.usable,
          ...(v.tls.certificate ? { certificate: v.tls.certificate } : {}),
          origin: originJson(v.tls.origin),
        }
      : null,
    ...(v.appRoot ? { appRoot: { path: v.appRoot.path, origin: originJson(v.appRoot.origin) } } : {}),
    routes: v.routes.map(routeJson),
    defaultBackend: v.defaultBackend ? { backend: backendJson(v.defaultBackend.backend), origin: originJson(v.defaultBackend.origin) } : null,
  };
}

export function modelJson(m: RouteModel) {
  return { hosts: m.hosts.map(vhostJson), ...modelTailJson(m) };
}

/** What follows `hosts` in modelJson (written after the hosts when they are streamed). */
export function modelTailJson(m: RouteModel) {
  return {
    ...(m.hostRedirects?.length ? { hostRedirects: m.hostRedirects.map((r) => ({ host: r.host, to: r.to, code: r.code, origin: originJson(r.origin) })) } : {}),
    defaultBackend: m.defaultBackend
      ? { backend: backendJson(m.defaultBackend.backend), origin: m.defaultBackend.origin ? originJson(m.defaultBackend.origin) : null }
      : null,
    ...(m.gateways ? { gateways: m.gateways.map(gatewayJson) } : {}),
    ...(m.routeStatus ? { routeStatus: m.routeStatus.map((s) => ({ kind: s.kind, namespace: s.namespace, name: s.name, parents: s.parents, origin: originJson(s.origin) })) } : {}),
  };
}
