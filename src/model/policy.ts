// What an Ingress asks of its routes beyond matching, parsed and validated once from
// annotations (src/model/annotations/). Emitters and serve read only this.
//
// The order in which a request meets these (the Matcher's order, which is ingress-nginx's
// nginx phase order) is: host-level redirects (HostRedirect, VirtualHost.appRoot) → the
// HTTPS redirect → `denied` (503) → a CORS preflight (204) → the fixed redirect (permanent-/temporal-redirect,
// the route's `filters.redirect`) → rate limits
// (503, serve only) → `sourceRanges` (403) → `basicAuth` (401) → the backend (canary,
// `fallbackBackend`). Every target must keep that order or report that it cannot.
import type { Backend, Origin } from './types.js';

export interface Timeouts {
  /** seconds */
  connect: number;
  read: number;
  send: number;
  /** which of read and send an annotation set (the others are the defaults) */
  given?: { read?: true; send?: true };
}

/**
 * The one upstream inactivity timeout of a target that has one for both directions (HAProxy's
 * `timeout server`, Envoy's idle timeout): the one the Ingress set when it set only
 * proxy-read-timeout or only proxy-send-timeout, else the larger of the two.
 */
export function oneServerTimeout(t: Timeouts): number {
  if (t.given?.read && !t.given.send) return t.read;
  if (t.given?.send && !t.given.read) return t.send;
  return Math.max(t.read, t.send);
}

/** Both were set, to different values: a single server timeout cannot honour both. */
export function timeoutsDiffer(t: Timeouts): boolean {
  return !!t.given?.read && !!t.given.send && t.read !== t.send;
}

/** An IPv4 or IPv6 network: the address is the network's own (host bits cleared), canonical text. */
export interface Cidr {
  family: 4 | 6;
  address: string;
  prefix: number;
}

/** allowlist-source-range (whitelist-source-range) and denylist-source-range: 403 for other clients. */
export interface SourceRanges {
  /** empty: every address not denied is allowed */
  allow: Cidr[];
  /** checked first: a denied address is refused even when also allowed */
  deny: Cidr[];
}

/** How a password hash in an htpasswd file is written; targets verify different sets (see the support matrix). */
export type HashFormat = 'apr1' | 'md5-crypt' | 'sha256-crypt' | 'sha512-crypt' | 'bcrypt' | 'des-crypt' | 'sha1' | 'ssha' | 'plain';

export interface HtpasswdUser {
  name: string;
  format: HashFormat;
  /** the hash as written in the file; never printed */
  hash: string;
}

/** auth-type: basic with auth-secret (htpasswd in the Secret's `auth` key) and auth-realm. */
export interface BasicAuth {
  realm: string;
  secret: { namespace: string; name: string };
  /** users whose hash format the model recognises, in file order (the first entry of a name counts) */
  users: HtpasswdUser[];
  /** the auth-secret annotation */
  origin: Origin;
}

/** enable-cors and the cors-* annotations, with ingress-nginx's defaults filled in. */
export interface CorsPolicy {
  /** allowed origins: '*' (any), or scheme://host[:port] entries, a host may start with "*." (one label; Gateway API: one or more, and "*" alone is any host) */
  origins: '*' | CorsOrigin[];
  /** as written after normalising separators: "GET, PUT" */
  methods: string;
  headers: string;
  exposeHeaders: string;
  credentials: boolean;
  /** seconds */
  maxAge: number;
  /**
   * Gateway API CORS filter semantics (src/model/cors.ts): an origin wildcard matches one or
   * more labels, a port-less origin the default port too; with credentials a "*" origin,
   * method or header list answers with the request's own values; empty lists send no header.
   */
  gatewayApi?: true;
}

export interface CorsOrigin {
  scheme: 'http' | 'https';
  /** lower-case host; "*.example.com" matches exactly one more label (Gateway API: one or more; "*" any host) */
  host: string;
  port?: number;
}

/** affinity: cookie. A client that brings the cookie goes back to the endpoint that set it. */
export interface CookieAffinity {
  cookieName: string;
  /** Max-Age attribute in seconds; none: a session cookie */
  maxAge?: number;
  /** Path attribute; none: the route's own path (ingress-nginx's location path) */
  path?: string;
}

/** limit-rps / limit-connections, counted per client address, shared by all routes of one Ingress (its zone). */
export interface RateLimit {
  /** "namespace/name" of the Ingress: routes with the same zone share counters */
  zone: string;
  /** requests per second; a burst of `burst` more is accepted at once (nginx limit_req nodelay) */
  rps?: number;
  burst?: number;
  /** concurrent requests */
  connections?: number;
  /** status when over a limit: 503 (ingress-nginx's limit-req-status-code / limit-conn-status-code) */
  status: 503;
}

export interface RoutePolicy {
  /** plain HTTP to a TLS host is redirected to HTTPS */
  sslRedirect: boolean;
  /** redirect to HTTPS even when the host has no TLS section */
  forceSslRedirect: boolean;
  /** status of the HTTPS redirect */
  redirectCode: 308;
  /** request body limit in bytes; 0 means no limit */
  bodySizeLimit: number;
  timeouts: Timeouts;
  /** HTTP version to upstreams */
  upstreamHttpVersion: '1.1';
  /** the client's Host header is passed upstream (unless `upstreamHost` replaces it) */
  passHost: true;
  /** upstream-vhost: the Host header the upstream receives instead of the client's */
  upstreamHost?: string;
  /** x-forwarded-prefix: the X-Forwarded-Prefix header sent upstream */
  forwardedPrefix?: string;
  /** service-upstream: the Service address is used instead of its endpoints (already applied to the route's backend) */
  serviceUpstream: boolean;
  /**
   * Why the route answers 503 instead of anything else: an annotation that guards access
   * could not be applied (a missing auth Secret, an invalid source range), so the route is
   * closed rather than opened, as ingress-nginx's "location denied".
   */
  denied?: string;
  sourceRanges?: SourceRanges;
  basicAuth?: BasicAuth;
  cors?: CorsPolicy;
  affinity?: CookieAffinity;
  rateLimit?: RateLimit;
  /** default-backend: where the route's requests go when its own backend has nowhere to send them */
  fallbackBackend?: Backend;
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
    serviceUpstream: false,
  };
}
