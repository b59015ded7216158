// The route model: the single source of truth every emitter, `explain` and `serve` read.
import type { Finding } from '../findings/finding.js';
import type { RoutePolicy } from './policy.js';

export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';
/**
 * How a path matches: Exact and Prefix per the Ingress spec; Regex as ingress-nginx
 * (case-insensitive, anchored at the start); StringPrefix, only with --compat
 * ingress-nginx, is ingress-nginx's ImplementationSpecific: a plain, case-sensitive string
 * prefix (`/foo` also matches `/foobar`).
 */
export type MatchKind = 'Exact' | 'Prefix' | 'Regex' | 'StringPrefix';

export interface PathMatch {
  kind: MatchKind;
  /** the path as written in the Ingress */
  value: string;
  pathType: PathType;
}

/** Where a route or backend was defined. */
export interface Origin {
  kind: string;
  namespace: string;
  name: string;
  file: string;
  line: number;
  column: number;
  /** API field path, e.g. spec.rules[0].http.paths[1] */
  field: string;
  creationTimestamp?: string;
}

export interface Endpoint {
  ip: string;
  port: number;
}

/** Where traffic for a backend goes, decided once so every target agrees. */
export type Upstream =
  /** source: 'override' for a --upstream address (a real local server), 'endpoints' for addresses from Endpoints/EndpointSlices */
  | { kind: 'endpoints'; endpoints: Endpoint[]; source: 'override' | 'endpoints' }
  /** an ExternalName Service, or the Service's cluster DNS name: resolved by the proxy at run time */
  | { kind: 'dns'; host: string; port: number }
  /** the Service port is named and the Service is unknown: nowhere to send traffic */
  | { kind: 'unresolved'; reason: string };

export type BackendProtocol = 'http' | 'https' | 'grpc' | 'grpcs';

export interface Backend {
  namespace: string;
  service: string;
  /** the Service port number (resolved from a name when the Service is known); null when unknown */
  port: number | null;
  portName?: string;
  protocol: BackendProtocol;
  upstream: Upstream;
}

/** How a canary request is recognised by a header (canary-by-header, -value, -pattern). */
export type CanaryHeader =
  /** "always" sends to the canary, "never" to the main backend, anything else falls through */
  | { name: string; kind: 'always-never' }
  /** this exact value (case-sensitive) sends to the canary; anything else falls through */
  | { name: string; kind: 'value'; value: string }
  /** a match of this regex anywhere in the value (case-sensitive) sends to the canary */
  | { name: string; kind: 'pattern'; pattern: string };

/**
 * The canary Ingress for this route (same host, path and pathType, `canary: "true"`): an
 * alternative backend. Decided in ingress-nginx's order: header, then cookie ("always" /
 * "never"), then a random `weight` in `weightTotal`. The route's own policy applies to both.
 */
export interface Canary {
  backend: Backend;
  header?: CanaryHeader;
  /** canary-by-cookie: the cookie's name; "always" / "never" decide, anything else falls through */
  cookie?: string;
  /** 0…weightTotal */
  weight: number;
  weightTotal: number;
  /** the canary Ingress's path */
  origin: Origin;
}

export interface Route {
  /** stable id: "<host> <kind> <path>" */
  id: string;
  match: PathMatch;
  backend: Backend;
  policy: RoutePolicy;
  origin: Origin;
  canary?: Canary;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** DNS names the certificate covers (SANs, else the CN) */
  dnsNames: string[];
  validFrom: string;
  validTo: string;
  fingerprint256: string;
  selfSigned: boolean;
}

export interface TlsConfig {
  secretNamespace: string;
  secretName: string;
  /** false when the Secret is missing or unusable: targets serve a generated self-signed certificate, as ingress-nginx does */
  usable: boolean;
  certificate?: CertificateInfo;
  /** PEM texts for emitters and serve; never printed */
  certPem?: string;
  keyPem?: string;
  origin: Origin;
}

export type HostKind = 'exact' | 'wildcard' | 'any';

export interface VirtualHost {
  /** lower-case host; "*.example.com" for wildcards; "" for rules without a host */
  host: string;
  kind: HostKind;
  tls?: TlsConfig;
  /** in precedence order: the first route that matches wins */
  routes: Route[];
  /** the spec.defaultBackend of the Ingress that defines this host */
  defaultBackend?: { backend: Backend; origin: Origin; policy: RoutePolicy };
  /** app-root: a request for exactly "/" on this host is redirected (302) to this path (the oldest Ingress's) */
  appRoot?: { path: string; origin: Origin };
}

/**
 * from-to-www-redirect: a host no rule names, answered with a redirect to the host that
 * asked for it (www.foo.com → foo.com or back). An exact host name: it ranks with the
 * exact virtual hosts, before wildcards.
 */
export interface HostRedirect {
  host: string;
  to: string;
  /** ingress-nginx's http-redirect-code */
  code: 308;
  origin: Origin;
}

export interface RouteModel {
  hosts: VirtualHost[];
  /** from-to-www-redirect hosts, sorted by host */
  hostRedirects?: HostRedirect[];
  /** the catch-all: the defaultBackend of an Ingress without rules, else --default-backend */
  defaultBackend?: { backend: Backend; origin?: Origin; policy: RoutePolicy };
  findings: Finding[];
}
