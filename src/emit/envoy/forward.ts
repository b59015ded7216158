// A request sent on to a backend: the cluster (or 503 when there is none), timeouts,
// rewrite-target, the request body limit, and what the route's policy adds for the
// upstream (upstream-vhost, x-forwarded-prefix, affinity).
import { formatBackend } from '../../model/backends.js';
import { oneServerTimeout, timeoutsDiffer } from '../../model/policy.js';
import type { Backend, Origin, RouteModel } from '../../model/types.js';
import type { PlannedDecision, TargetPlan } from '../plan.js';
import { header } from './access.js';
import type { Clusters } from './clusters.js';
import type { FindingSink } from './findings.js';
import { regexRewrite } from './paths.js';
import { constant } from './quote.js';
import type { Duration, EnvoyRoute, RouteAction, TypedConfig } from './types.js';

export const BUFFER_FILTER = 'envoy.filters.http.buffer';
/** Envoy's buffer limit is a uint32. */
const MAX_BUFFER = 0xffffffff;

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
  /** the decisions every target shares (src/emit/plan.ts) */
  plan: TargetPlan;
}

export type Forward = Pick<EnvoyRoute, 'route' | 'direct_response' | 'typed_per_filter_config' | 'request_headers_to_add'>;

/**
 * Sends to `backend` (the decision's, or its canary's) under the decision's policy; rewrite-target needs its route.
 * `once`: the answer goes into one Envoy route only, so its parts may be shared constants (an
 * answer used by several routes, canary or CORS variants, is one object there: written with an anchor).
 */
export function forward(backend: Backend, d: PlannedDecision, origin: Origin | undefined, scheme: 'http' | 'https', ctx: RouteContext, once = false): Forward {
  const { policy, route } = d;
  const ref = ctx.clusters.refFor(backend, policy, origin, Boolean(d.affinity));
  if ('status' in ref) return { direct_response: { status: ref.status } };
  const { read, send } = policy.timeouts;
  const idle = oneServerTimeout(policy.timeouts);
  if (timeoutsDiffer(policy.timeouts)) {
    ctx.sink.add('target-approximate', 'warning', `proxy-read-timeout (${read}s) and proxy-send-timeout (${send}s) differ; Envoy has one idle timeout for both directions, set to ${idle}s`, origin);
  }
  if (read === 0 || send === 0) ctx.sink.add('target-approximate', 'warning', 'a timeout of 0 means no timeout in Envoy', origin);
  const rewrite = route && d.rewriteTarget !== undefined ? regexRewrite(d.rewriteRegex !== undefined ? { ...route.match, kind: 'Regex', value: d.rewriteRegex } : route.match, d.rewriteTarget) : undefined;
  const extras = d.headers.upstreamHost !== undefined || d.headers.forwardedPrefix !== undefined || d.affinity !== undefined;
  const action: RouteAction =
    rewrite || extras || !once
      ? { cluster: ref.cluster, timeout: '0s', idle_timeout: `${idle}s` as Duration, ...(rewrite ? { regex_rewrite: rewrite } : {}) }
      : plainAction(ctx.clusters, ref.cluster, idle);
  if (route && d.rewriteTarget?.includes('?')) {
    ctx.sink.add('target-approximate', 'warning', `rewrite-target ${JSON.stringify(d.rewriteTarget)} has a query string; Envoy keeps the request's query and puts the "?" into the path`, origin);
  }
  const out: Forward = { route: action };
  if (extras) upstreamExtras(d, scheme, out);
  let limit = bodyLimit(policy.bodySizeLimit, origin, ctx.sink);
  if ((backend.protocol === 'grpc' || backend.protocol === 'grpcs') && limit !== 0) {
    // the buffer filter holds the whole request: gRPC streams must pass unbuffered
    ctx.sink.add('target-approximate', 'warning', `the request body limit (${policy.bodySizeLimit} bytes) is not enforced for the gRPC backend ${formatBackend(backend)}: Envoy could only do it by buffering whole streams`, origin);
    limit = 0;
  }
  if (limit !== ctx.defaultBodyLimit) out.typed_per_filter_config = once ? bufferFilterConfig(limit) : { [BUFFER_FILTER]: bufferPerRoute(limit) };
  return out;
}

/** by cluster and idle timeout, per render (its Clusters): the same for every route that adds nothing to it */
const PLAIN_ACTIONS = new WeakMap<Clusters, Map<string, Map<number, RouteAction>>>();
function plainAction(clusters: Clusters, cluster: string, idle: number): RouteAction {
  let byCluster = PLAIN_ACTIONS.get(clusters);
  if (!byCluster) PLAIN_ACTIONS.set(clusters, (byCluster = new Map()));
  let byIdle = byCluster.get(cluster);
  if (!byIdle) byCluster.set(cluster, (byIdle = new Map()));
  let a = byIdle.get(idle);
  if (!a) byIdle.set(idle, (a = constant<RouteAction>({ cluster, timeout: '0s', idle_timeout: `${idle}s` as Duration })));
  return a;
}

/** by limit: the same for every route with that limit */
const BUFFER_CONFIGS = new Map<number, Record<string, TypedConfig>>();
function bufferFilterConfig(limit: number): Record<string, TypedConfig> {
  let c = BUFFER_CONFIGS.get(limit);
  if (!c) BUFFER_CONFIGS.set(limit, (c = constant({ [BUFFER_FILTER]: bufferPerRoute(limit) })));
  return c;
}

/** upstream-vhost, x-forwarded-prefix, the affinity cookie (Secure over HTTPS, as the model's cookie): as the plan validated them. */
function upstreamExtras(d: PlannedDecision, scheme: 'http' | 'https', out: Forward): void {
  const action = out.route!;
  if (d.headers.upstreamHost !== undefined) action.host_rewrite_literal = d.headers.upstreamHost;
  if (d.headers.forwardedPrefix !== undefined) out.request_headers_to_add = [header('x-forwarded-prefix', d.headers.forwardedPrefix)];
  const a = d.affinity;
  if (a) {
    const secure = scheme === 'https' ? { attributes: [{ name: 'Secure' }] } : {};
    action.hash_policy = [{ cookie: { name: a.cookieName, ttl: `${a.maxAge ?? 0}s` as Duration, path: a.path, ...secure } }];
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
