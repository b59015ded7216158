// Values the HAProxy and Envoy emitters derive from a policy the same way: the backend a
// request really reaches (default-backend) and the CORS origin list as one regex (the
// affinity cookie's Path is the model's: src/model/affinity.ts). Each emitter quotes them in its own syntax.
import type { CorsOrigin, RoutePolicy } from '../model/policy.js';
import type { Backend } from '../model/types.js';

/** default-backend: a backend with nowhere to send requests is replaced by the route's fallback, as the Matcher does. */
export function reachableBackend(backend: Backend, policy: RoutePolicy): Backend {
  return backend.upstream.kind === 'unresolved' && policy.fallbackBackend ? policy.fallbackBackend : backend;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The allowed origins as one alternation, to be matched whole and case-insensitively
 * (callers anchor it and add their flag): scheme, host and port as the model compares
 * them, a "*." host taking exactly one label.
 */
export function originAlternation(origins: readonly CorsOrigin[]): string {
  const one = (o: CorsOrigin) => {
    const host = o.host.startsWith('*.') ? `[a-z0-9-]+${escapeRegex(o.host.slice(1))}` : escapeRegex(o.host);
    return `${o.scheme}://${host}${o.port === undefined ? '' : `:${o.port}`}`;
  };
  return `(?:${origins.map(one).join('|')})`;
}
