// What an Ingress asks of its routes beyond matching, parsed and validated once from
// annotations (src/model/annotations/). Emitters and serve read only this.

export interface Timeouts {
  /** seconds */
  connect: number;
  read: number;
  send: number;
}

export interface RoutePolicy {
  /** plain HTTP to a TLS host is redirected to HTTPS */
  sslRedirect: boolean;
  /** redirect to HTTPS even when the host has no TLS */
  forceSslRedirect: boolean;
  /** status of the HTTPS redirect */
  redirectCode: 308;
  /** rewrite the upstream path (regex routes: with $1… from the match) */
  rewriteTarget?: string;
  /** request body limit in bytes; 0 means no limit */
  bodySizeLimit: number;
  timeouts: Timeouts;
  /** HTTP version to upstreams */
  upstreamHttpVersion: '1.1';
  /** the client's Host header is passed upstream */
  passHost: true;
}

/** ingress-nginx's defaults, used wherever an Ingress says nothing. */
export function defaultPolicy(): RoutePolicy {
  return {
    sslRedirect: true,
    forceSslRedirect: false,
    redirectCode: 308,
    bodySizeLimit: 1024 * 1024,
    timeouts: { connect: 5, read: 60, send: 60 },
    upstreamHttpVersion: '1.1',
    passHost: true,
  };
}
