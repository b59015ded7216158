// Decisions every target and the Matcher take the same way, in one place each.
import type { RoutePolicy } from './policy.js';
import type { Backend, VirtualHost } from './types.js';

/**
 * Plain HTTP is redirected to HTTPS (308): on a host with TLS unless ssl-redirect is
 * "false", or anywhere with force-ssl-redirect. Only where a route or a host's default
 * backend answers (never for the catch-all): the callers pass no host for it.
 */
export function redirectsToHttps(vhost: Pick<VirtualHost, 'tls'> | undefined, policy: RoutePolicy): boolean {
  if (!vhost) return false;
  return (Boolean(vhost.tls) && policy.sslRedirect) || policy.forceSslRedirect;
}

/** default-backend: a backend with nowhere to send requests is replaced by the policy's fallback. */
export function effectiveBackend(backend: Backend, policy: RoutePolicy): Backend {
  return backend.upstream.kind === 'unresolved' && policy.fallbackBackend ? policy.fallbackBackend : backend;
}
