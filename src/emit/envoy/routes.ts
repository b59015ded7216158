// The model's virtual hosts → one Envoy route configuration per listener (HTTP, HTTPS).
//
// Envoy picks a virtual host by domain (exact, then the longest "*.suffix", then "*")
// and then takes the FIRST route that matches, so routes are emitted in the model's
// precedence order and each virtual host ends with its own default. Where Envoy and
// the Ingress spec disagree, this file bridges the gap:
// - "*.foo.com" matches any number of labels in Envoy but exactly one in the spec: the
//   wildcard's own routes also require a one-label :authority, and after them the
//   host-less rules follow for deeper names (which the model sends there).
// - a trailing dot in the Host ("foo.com.") is the same host: each domain is listed
//   with and without it.
import { formatBackend } from '../../model/backends.js';
import type { RoutePolicy } from '../../model/policy.js';
import type { Backend, Origin, Route, RouteModel, VirtualHost } from '../../model/types.js';
import type { ClusterRef, Clusters } from './clusters.js';
import type { FindingSink } from './findings.js';
import { regexRewrite, routeMatch } from './paths.js';
import { re2Problem } from './re2.js';
import type { Duration, EnvoyRoute, EnvoyVirtualHost, HeaderMatcher, RouteConfiguration, TypedConfig } from './types.js';

export type Scheme = 'http' | 'https';

export const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const BUFFER_FILTER = 'envoy.filters.http.buffer';
/** Envoy's buffer limit is a uint32. */
const MAX_BUFFER = 0xffffffff;

export interface RouteContext {
  model: RouteModel;
  httpsPort: number;
  clusters: Clusters;
  sink: FindingSink;
  /**
   * the body limit of the buffer filter itself; forwarding routes that differ override it.
   * Redirects and direct answers keep it: nginx checks the limit before it redirects too.
   */
  defaultBodyLimit: number;
}

export function routeConfiguration(scheme: Scheme, ctx: RouteContext): RouteConfiguration {
  const hosts = ctx.model.hosts;
  const any = hosts.find((v) => v.kind === 'any');
  const virtualHosts: EnvoyVirtualHost[] = [];
  for (const v of hosts) {
    if (v.kind !== 'any' && !HOST.test(v.host)) {
      // the model validates hosts; this is a second line so nothing else can reach a domain
      ctx.sink.add('target-unsupported', 'error', `host ${JSON.stringify(v.host)} is not a DNS name; its routes are left out`, v.routes[0]?.origin);
      continue;
    }
    if (v.kind === 'exact') virtualHosts.push(virtualHost(v.host, [v.host, `${v.host}.`], hostRoutes(v, scheme, ctx)));
    else if (v.kind === 'wildcard') {
      const tooBig = re2Problem(oneLabelGuard(v.host).string_match.safe_regex!.regex);
      if (tooBig) {
        ctx.sink.add('target-unsupported', 'error', `the one-label check for ${v.host} cannot be given to Envoy: ${tooBig}; its routes are left out`, v.routes[0]?.origin ?? v.defaultBackend?.origin);
        continue;
      }
      const own = hostRoutes(v, scheme, ctx).map((r) => ({ ...r, match: { ...r.match, headers: [oneLabelGuard(v.host)] } }));
      virtualHosts.push(virtualHost(v.host, [v.host, `${v.host}.`], [...own, ...hostRoutes(any, scheme, ctx)]));
    }
  }
  virtualHosts.push(virtualHost('*', ['*'], hostRoutes(any, scheme, ctx)));
  return { name: scheme, virtual_hosts: virtualHosts };
}

function virtualHost(name: string, domains: string[], routes: EnvoyRoute[]): EnvoyVirtualHost {
  return { name, domains, routes: [rejectUnsafePath(), ...routes] };
}

/**
 * Envoy itself rejects %2F and %5C (path_with_escaped_slashes_action) and %00
 * (normalize_path); a backslash that survives normalisation is refused here, as the
 * model refuses it (400).
 */
function rejectUnsafePath(): EnvoyRoute {
  return { name: 'refuse-unsafe-path', match: { safe_regex: { regex: '.*(?:\\\\|%00|%2[Ff]|%5[Cc]).*' } }, direct_response: { status: 400 } };
}

/**
 * `*.foo.com` → the Host must be exactly one label in front of foo.com. Envoy chose this
 * virtual host because the Host ends in ".foo.com", so counting dots is enough: no
 * letters in the regex, which keeps its RE2 program small (Envoy limits its size).
 */
export function oneLabelGuard(wildcard: string): HeaderMatcher {
  const dots = wildcard.split('.').length - 1;
  return { name: ':authority', string_match: { safe_regex: { regex: `[^.]+(?:\\.[^.]+){${dots}}\\.?` } } };
}

/** The routes of one model virtual host (or of none), ending with what answers when no path matches. */
function hostRoutes(v: VirtualHost | undefined, scheme: Scheme, ctx: RouteContext): EnvoyRoute[] {
  const out: EnvoyRoute[] = [];
  for (const r of v?.routes ?? []) {
    const translated = routeMatch(r.match);
    if ('problem' in translated) {
      ctx.sink.add('target-unsupported', 'error', `${translated.problem}; the route ${r.id} is left out`, r.origin, 'Use regex syntax common to RE2 and JavaScript: groups (…) and (?:…), classes, quantifiers, anchors, \\d \\w \\s \\b and escaped punctuation.');
      continue;
    }
    out.push({ name: r.id, match: translated.match, ...action(r.backend, r.policy, r.origin, scheme, v!, r, ctx) });
  }
  const tail: EnvoyRoute = { name: `${v ? v.host || '*' : '*'} (no path matched)`, match: { prefix: '/' } };
  if (v?.defaultBackend) {
    const d = v.defaultBackend;
    out.push({ ...tail, ...action(d.backend, d.policy, d.origin, scheme, v, undefined, ctx) });
  } else if (ctx.model.defaultBackend) {
    // the catch-all never redirects (the model redirects only for a host's own routes and default)
    const d = ctx.model.defaultBackend;
    out.push({ ...tail, ...action(d.backend, d.policy, d.origin, scheme, undefined, undefined, ctx) });
  } else out.push({ ...tail, direct_response: { status: 404 } });
  return out;
}

type Action = Pick<EnvoyRoute, 'route' | 'redirect' | 'direct_response' | 'typed_per_filter_config'>;

function action(backend: Backend, policy: RoutePolicy, origin: Origin | undefined, scheme: Scheme, v: VirtualHost | undefined, route: Route | undefined, ctx: RouteContext): Action {
  if (scheme === 'http' && v && ((v.tls && policy.sslRedirect) || policy.forceSslRedirect)) {
    return {
      redirect: { https_redirect: true, response_code: 'PERMANENT_REDIRECT', ...(ctx.httpsPort !== 443 ? { port_redirect: ctx.httpsPort } : {}) },
    };
  }
  // access the Envoy output cannot enforce yet: closed, never open (see docs/annotations.md)
  const guard = policy.denied ? 'it is closed by the model (an annotation guarding access could not be applied)' : policy.basicAuth ? 'basic auth (auth-type) is not rendered for Envoy' : policy.sourceRanges ? 'source ranges (allowlist-/denylist-source-range) are not rendered for Envoy' : undefined;
  if (guard) {
    ctx.sink.add('target-unsupported', 'error', `${guard}; the route answers 503 instead of going unprotected`, origin, 'Serve this Ingress with nginx or serve, or remove the annotation.');
    return { direct_response: { status: 503 } };
  }
  const ref: ClusterRef = ctx.clusters.refFor(backend, policy, origin);
  if ('status' in ref) return { direct_response: { status: ref.status } };
  const { read, send } = policy.timeouts;
  if (read !== send) {
    ctx.sink.add('target-approximate', 'warning', `proxy-read-timeout (${read}s) and proxy-send-timeout (${send}s) differ; Envoy has one idle timeout for both directions, set to ${Math.max(read, send)}s`, origin);
  }
  if (read === 0 || send === 0) ctx.sink.add('target-approximate', 'warning', 'a timeout of 0 means no timeout in Envoy', origin);
  const out: Action = {
    route: {
      cluster: ref.cluster,
      timeout: '0s',
      idle_timeout: `${Math.max(read, send)}s` as Duration,
      ...(route && policy.rewriteTarget !== undefined ? { regex_rewrite: regexRewrite(route.match, policy.rewriteTarget) } : {}),
    },
  };
  if (route && policy.rewriteTarget?.includes('?')) {
    ctx.sink.add('target-approximate', 'warning', `rewrite-target ${JSON.stringify(policy.rewriteTarget)} has a query string; Envoy keeps the request's query and puts the "?" into the path`, origin);
  }
  let limit = bodyLimit(policy.bodySizeLimit, origin, ctx);
  if ((backend.protocol === 'grpc' || backend.protocol === 'grpcs') && limit !== 0) {
    // the buffer filter holds the whole request: gRPC streams must pass unbuffered
    ctx.sink.add('target-approximate', 'warning', `the request body limit (${policy.bodySizeLimit} bytes) is not enforced for the gRPC backend ${formatBackend(backend)}: Envoy could only do it by buffering whole streams`, origin);
    limit = 0;
  }
  if (limit !== ctx.defaultBodyLimit) out.typed_per_filter_config = { [BUFFER_FILTER]: bufferPerRoute(limit) };
  return out;
}

export function bodyLimit(bytes: number, origin: Origin | undefined, ctx: Pick<RouteContext, 'sink'>): number {
  if (bytes > MAX_BUFFER) {
    ctx.sink.add('target-approximate', 'warning', `a request body limit of ${bytes} bytes is above Envoy's largest (${MAX_BUFFER}); that is used instead`, origin);
    return MAX_BUFFER;
  }
  return bytes;
}

function bufferPerRoute(limit: number): TypedConfig {
  return limit === 0
    ? { '@type': 'type.googleapis.com/envoy.extensions.filters.http.buffer.v3.BufferPerRoute', disabled: true }
    : { '@type': 'type.googleapis.com/envoy.extensions.filters.http.buffer.v3.BufferPerRoute', buffer: { max_request_bytes: limit } };
}
