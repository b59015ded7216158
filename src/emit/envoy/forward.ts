// A request sent on to a backend: the cluster (or 503 when there is none), timeouts,
// rewrite-target, the request body limit, and what the route's policy adds for the
// upstream (upstream-vhost, x-forwarded-prefix, affinity).
import { formatBackend } from '../../model/backends.js';
import { annotationOrigin } from '../../model/origin.js';
import { oneServerTimeout, timeoutsDiffer, type RoutePolicy } from '../../model/policy.js';
import type { Backend, Origin, Route, RouteModel } from '../../model/types.js';
import { safeAffinityPath } from '../policy-values.js';
import { header } from './access.js';
import type { Clusters } from './clusters.js';
import type { FindingSink } from './findings.js';
import { regexRewrite } from './paths.js';
import type { Duration, EnvoyRoute, RouteAction, TypedConfig } from './types.js';

export const BUFFER_FILTER = 'envoy.filters.http.buffer';
/** Envoy's buffer limit is a uint32. */
const MAX_BUFFER = 0xffffffff;
const HOST = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:\d{1,5})?$/;
const PATH = /^\/(?:[A-Za-z0-9\-._~/]|%[0-9A-Fa-f]{2})*$/;

export interface RouteContext {
  model: RouteModel;
  httpsPort: number;
  httpPort: number;
  clusters: Clusters;
  sink: FindingSink;
  /**
   * the body limit of the buffer filter itself; forwarding routes that differ override it.
   * Redirects and direct answers keep it: nginx checks the limit before it redirects too.
   */
  defaultBodyLimit: number;
}

export type Forward = Pick<EnvoyRoute, 'route' | 'direct_response' | 'typed_per_filter_config' | 'request_headers_to_add'>;

/** Sends to `backend` under `policy`; `route` when a route answers (rewrite-target and affinity need its path). */
export function forward(backend: Backend, policy: RoutePolicy, origin: Origin | undefined, route: Route | undefined, scheme: 'http' | 'https', ctx: RouteContext): Forward {
  const ref = ctx.clusters.refFor(backend, policy, origin, Boolean(policy.affinity));
  if ('status' in ref) return { direct_response: { status: ref.status } };
  const { read, send } = policy.timeouts;
  const idle = oneServerTimeout(policy.timeouts);
  if (timeoutsDiffer(policy.timeouts)) {
    ctx.sink.add('target-approximate', 'warning', `proxy-read-timeout (${read}s) and proxy-send-timeout (${send}s) differ; Envoy has one idle timeout for both directions, set to ${idle}s`, origin);
  }
  if (read === 0 || send === 0) ctx.sink.add('target-approximate', 'warning', 'a timeout of 0 means no timeout in Envoy', origin);
  const action: RouteAction = {
    cluster: ref.cluster,
    timeout: '0s',
    idle_timeout: `${idle}s` as Duration,
    ...(route && policy.rewriteTarget !== undefined ? { regex_rewrite: regexRewrite(route.match, policy.rewriteTarget) } : {}),
  };
  if (route && policy.rewriteTarget?.includes('?')) {
    ctx.sink.add('target-approximate', 'warning', `rewrite-target ${JSON.stringify(policy.rewriteTarget)} has a query string; Envoy keeps the request's query and puts the "?" into the path`, origin);
  }
  const out: Forward = { route: action };
  upstreamExtras(policy, route, origin, scheme, out, ctx.sink);
  let limit = bodyLimit(policy.bodySizeLimit, origin, ctx.sink);
  if ((backend.protocol === 'grpc' || backend.protocol === 'grpcs') && limit !== 0) {
    // the buffer filter holds the whole request: gRPC streams must pass unbuffered
    ctx.sink.add('target-approximate', 'warning', `the request body limit (${policy.bodySizeLimit} bytes) is not enforced for the gRPC backend ${formatBackend(backend)}: Envoy could only do it by buffering whole streams`, origin);
    limit = 0;
  }
  if (limit !== ctx.defaultBodyLimit) out.typed_per_filter_config = { [BUFFER_FILTER]: bufferPerRoute(limit) };
  return out;
}

/** upstream-vhost, x-forwarded-prefix, the affinity cookie (its Path the route's; Secure over HTTPS, as the model's cookie). */
function upstreamExtras(p: RoutePolicy, route: Route | undefined, origin: Origin | undefined, scheme: 'http' | 'https', out: Forward, sink: FindingSink): void {
  const at = (name: string) => origin && annotationOrigin(origin, name);
  const action = out.route!;
  if (p.upstreamHost !== undefined) {
    if (HOST.test(p.upstreamHost)) action.host_rewrite_literal = p.upstreamHost;
    else sink.add('target-unsupported', 'error', `upstream-vhost ${JSON.stringify(p.upstreamHost)} is not a host name; the client's Host is passed on`, at('upstream-vhost'));
  }
  if (p.forwardedPrefix !== undefined) {
    if (PATH.test(p.forwardedPrefix)) out.request_headers_to_add = [header('x-forwarded-prefix', p.forwardedPrefix)];
    else sink.add('target-unsupported', 'error', `x-forwarded-prefix ${JSON.stringify(p.forwardedPrefix)} is not a plain path; not sent`, at('x-forwarded-prefix'));
  }
  const a = p.affinity;
  if (a) {
    const { path, note } = safeAffinityPath(a, route);
    if (note) sink.add('target-unsupported', 'warning', note, at(a.path === undefined ? 'affinity' : 'session-cookie-path'));
    const secure = scheme === 'https' ? { attributes: [{ name: 'Secure' }] } : {};
    if (/^[A-Za-z0-9_.-]{1,64}$/.test(a.cookieName)) action.hash_policy = [{ cookie: { name: a.cookieName, ttl: `${a.maxAge ?? 0}s` as Duration, path, ...secure } }];
    else sink.add('target-unsupported', 'error', `session-cookie-name ${JSON.stringify(a.cookieName)} is not a cookie name; no affinity`, at('session-cookie-name'));
  }
}

export function bodyLimit(bytes: number, origin: Origin | undefined, sink: FindingSink): number {
  if (bytes > MAX_BUFFER) {
    sink.add('target-approximate', 'warning', `a request body limit of ${bytes} bytes is above Envoy's largest (${MAX_BUFFER}); that is used instead`, origin);
    return MAX_BUFFER;
  }
  return bytes;
}

function bufferPerRoute(limit: number): TypedConfig {
  return limit === 0
    ? { '@type': 'type.googleapis.com/envoy.extensions.filters.http.buffer.v3.BufferPerRoute', disabled: true }
    : { '@type': 'type.googleapis.com/envoy.extensions.filters.http.buffer.v3.BufferPerRoute', buffer: { max_request_bytes: limit } };
}
