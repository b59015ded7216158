// The values of a policy that every target and serve copy into headers, validated once
// here (src/model/validate-values.ts): the annotation parsers accept only such values, so
// this refuses only what bypassed them; a refused value is never sent (the caller reports
// it, or, for serve, leaves the header as the client's).
import type { RoutePolicy } from './policy.js';
import type { CheckedRedirect } from './redirect.js';
import { isHostHeader, isPlainPath } from './validate-values.js';

/** Values copied into headers, validated; absent when the policy sets none or the value was refused. */
export interface HeaderValues {
  /** upstream-vhost: the Host header the upstream receives */
  upstreamHost?: string;
  /** x-forwarded-prefix */
  forwardedPrefix?: string;
  /**
   * permanent-/temporal-redirect: the Location (and status) every request of the route is
   * answered with; set by the plan from the route's fixed redirect filter (src/model/redirect.ts)
   */
  redirect?: CheckedRedirect;
  /** the redirect's URL or code was refused: the route answers 503 (closed rather than sent on) */
  redirectRefused?: true;
}

export interface RefusedValue {
  /** the annotation it came from, after the nginx.ingress.kubernetes.io/ prefix */
  annotation: string;
  message: string;
}

interface Known {
  /** the inputs the result was computed from: a policy changed since is computed again */
  from: [string | undefined, string | undefined];
  values: HeaderValues;
  refused: RefusedValue[];
}

const cache = new WeakMap<RoutePolicy, Known>();

/** The policy's header values (computed once per policy: serve asks for every request). */
export function headerValues(policy: RoutePolicy): { values: HeaderValues; refused: RefusedValue[] } {
  let known = cache.get(policy);
  if (known && known.from[0] === policy.upstreamHost && known.from[1] === policy.forwardedPrefix) return known; // (no array made per request)
  const from: Known['from'] = [policy.upstreamHost, policy.forwardedPrefix];
  const values: HeaderValues = {};
  const refused: RefusedValue[] = [];
  if (policy.upstreamHost !== undefined) {
    if (isHostHeader(policy.upstreamHost)) values.upstreamHost = policy.upstreamHost;
    else refused.push({ annotation: 'upstream-vhost', message: `upstream-vhost ${JSON.stringify(policy.upstreamHost)} is not a host name; the client's Host is passed on` });
  }
  if (policy.forwardedPrefix !== undefined) {
    if (isPlainPath(policy.forwardedPrefix)) values.forwardedPrefix = policy.forwardedPrefix;
    else refused.push({ annotation: 'x-forwarded-prefix', message: `x-forwarded-prefix ${JSON.stringify(policy.forwardedPrefix)} is not a plain path; not sent` });
  }
  known = { from, values, refused };
  cache.set(policy, known);
  return known;
}
