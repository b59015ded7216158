// Access annotations as per-route configs of HTTP filters, which run in the Matcher's
// order: local rate limit (503), RBAC (source ranges, 403), basic auth (401). The
// connection manager lists a filter only when some route configures it, in that order;
// none of them acts on a route that does not.
import type { BasicAuth, Cidr, RateLimit, SourceRanges } from '../../model/policy.js';
import type { Origin } from '../../model/types.js';
import { annotationOrigin } from '../../model/origin.js';
import type { FindingSink } from './findings.js';
import type { HeaderValueOption, TypedConfig } from './types.js';

const at = (origin: Origin | undefined, name: string): Origin | undefined => origin && annotationOrigin(origin, name);

export const RATE_LIMIT_FILTER = 'envoy.filters.http.local_ratelimit';
export const RBAC_FILTER = 'envoy.filters.http.rbac';
export const BASIC_AUTH_FILTER = 'envoy.filters.http.basic_auth';

const T = 'type.googleapis.com/';
const RATE_LIMIT = `${T}envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit` as const;
const RBAC = `${T}envoy.extensions.filters.http.rbac.v3.RBAC` as const;
const RBAC_PER_ROUTE = `${T}envoy.extensions.filters.http.rbac.v3.RBACPerRoute` as const;
const BASIC_AUTH = `${T}envoy.extensions.filters.http.basic_auth.v3.BasicAuth` as const;
const BASIC_AUTH_PER_ROUTE = `${T}envoy.extensions.filters.http.basic_auth.v3.BasicAuthPerRoute` as const;
const FILTER_CONFIG = `${T}envoy.config.route.v3.FilterConfig` as const;

/** The filter entries of the connection manager for the filters `used` names, in the Matcher's order. */
export function accessFilters(used: ReadonlySet<string>): { name: string; typed_config: TypedConfig; disabled?: true }[] {
  const out: { name: string; typed_config: TypedConfig; disabled?: true }[] = [];
  // without a token bucket and filter_enabled the filter does nothing until a route configures it
  if (used.has(RATE_LIMIT_FILTER)) out.push({ name: RATE_LIMIT_FILTER, typed_config: { '@type': RATE_LIMIT, stat_prefix: 'ingress_rate_limit' } });
  // without rules RBAC enforces nothing; routes bring their own
  if (used.has(RBAC_FILTER)) out.push({ name: RBAC_FILTER, typed_config: { '@type': RBAC } });
  // a basic_auth filter without users would refuse everyone: off unless a route enables it
  if (used.has(BASIC_AUTH_FILTER)) out.push({ name: BASIC_AUTH_FILTER, typed_config: { '@type': BASIC_AUTH }, disabled: true });
  return out;
}

const hundred = { numerator: 100, denominator: 'HUNDRED' };

/**
 * limit-rps as a token bucket of burst + 1 tokens, refilled at rps (in steps of at least
 * 50 ms, Envoy's smallest fill interval). Envoy has no per-client bucket: it is counted
 * per downstream connection, the closest that never limits one client for another's traffic.
 */
export function rateLimitPerRoute(limit: RateLimit, origin: Origin | undefined, sink: FindingSink): TypedConfig | undefined {
  if (limit.connections) {
    sink.add('target-unsupported', 'warning', `limit-connections ${limit.connections} is not rendered: Envoy has no per-client limit of requests in progress`, at(origin, 'limit-connections'), 'Limit concurrency in the upstream, or use the nginx or HAProxy target.');
  }
  if (!limit.rps || limit.burst === undefined) return undefined;
  const intervalMs = Math.max(50, Math.round(1000 / limit.rps));
  const perFill = Math.max(1, Math.round((limit.rps * intervalMs) / 1000));
  sink.add('target-approximate', 'warning', `limit-rps ${limit.rps} (burst ${limit.burst}) is counted per connection and per route, not per client address: Envoy's local rate limit has no per-client bucket, so a client with more connections gets more`, at(origin, 'limit-rps'));
  return {
    '@type': RATE_LIMIT,
    stat_prefix: 'ingress_rate_limit',
    status: { code: limit.status === 503 ? 'ServiceUnavailable' : 'TooManyRequests' },
    token_bucket: { max_tokens: limit.burst + 1, tokens_per_fill: perFill, fill_interval: `${intervalMs / 1000}s` },
    filter_enabled: { runtime_key: 'ingress_rate_limit_enabled', default_value: hundred },
    filter_enforced: { runtime_key: 'ingress_rate_limit_enforced', default_value: hundred },
    local_rate_limit_per_downstream_connection: true,
  };
}

const CIDR_ADDRESS = /^[0-9a-f.:]+$/;
const cidrRange = (c: Cidr) => ({ direct_remote_ip: { address_prefix: c.address, prefix_len: c.prefix } });

/** Source ranges: allowed when not denied and (no allow-list or in it), by the connection's own address. */
export function rbacPerRoute(ranges: SourceRanges, origin: Origin | undefined, sink: FindingSink): TypedConfig {
  const bad = [...ranges.allow, ...ranges.deny].find((c) => !CIDR_ADDRESS.test(c.address) || c.prefix < 0 || c.prefix > (c.family === 4 ? 32 : 128));
  const ids: unknown[] = [];
  if (bad) {
    sink.add('target-unsafe-value', 'error', `source range ${JSON.stringify(`${bad.address}/${bad.prefix}`)} is not a network; the route answers 403 to everyone`, at(origin, 'allowlist-source-range'));
    ids.push({ not_id: { any: true } });
  } else {
    if (ranges.allow.length) ids.push({ or_ids: { ids: ranges.allow.map(cidrRange) } });
    if (ranges.deny.length) ids.push({ not_id: { or_ids: { ids: ranges.deny.map(cidrRange) } } });
  }
  const principal = ids.length === 1 ? ids[0] : { and_ids: { ids } };
  return { '@type': RBAC_PER_ROUTE, rbac: { rules: { action: 'ALLOW', policies: { source_ranges: { permissions: [{ any: true }], principals: [principal] } } } } };
}

/** A password Envoy's basic_auth checks: SHA-1 ({SHA}) only. */
const SHA1 = /^\{SHA\}[A-Za-z0-9+/]{27}=$/;
const USER = /^[\x21-\x39\x3b-\x7e]+$/; // printable, no ":"

/**
 * auth-type: basic → the {SHA} users of the Secret, or, when none is left, a direct 401
 * (closed rather than open). Envoy's own 401 does not carry auth-realm.
 */
export function basicAuthPerRoute(auth: BasicAuth, origin: Origin | undefined, sink: FindingSink): { config: TypedConfig } | { closed: HeaderValueOption[] } {
  const kept = auth.users.filter((u) => u.format === 'sha1' && SHA1.test(u.hash) && USER.test(u.name));
  const lost = auth.users.filter((u) => !kept.includes(u));
  if (lost.length) {
    const none = kept.length ? '' : '; no user can log in, every request is answered 401';
    sink.add('target-unsupported', 'warning', `Envoy's basic_auth checks {SHA} password hashes only: user${lost.length > 1 ? 's' : ''} ${lost.map((u) => `${u.name} (${u.format})`).join(', ')} of Secret ${auth.secret.namespace}/${auth.secret.name} cannot log in${none}`, auth.origin, 'Hash the passwords with htpasswd -s ({SHA}) for Envoy, knowing SHA-1 is weak.');
  }
  const challenge = `Basic realm="${auth.realm.replace(/["\\]/g, '')}"`;
  if (!kept.length) return { closed: [header('www-authenticate', challenge)] };
  const users = kept.map((u) => `${u.name}:${u.hash}`).join('\n') + '\n';
  return { config: { '@type': FILTER_CONFIG, config: { '@type': BASIC_AUTH_PER_ROUTE, users: { inline_string: users } } } };
}

/** Envoy header values are formatter strings: "%" is written "%%". */
export function header(key: string, value: string): HeaderValueOption {
  return formatted(key, value.replace(/%/g, '%%'));
}

/** A header whose value is a formatter string already (e.g. "%REQ(origin)%"). */
export function formatted(key: string, value: string): HeaderValueOption {
  return { header: { key, value }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' };
}
