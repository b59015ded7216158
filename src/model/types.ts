// The route model: the single source of truth every emitter, `explain` and `serve` read.
import type { Finding } from './findings.js';
import type { RoutePolicy } from './policy.js';

export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';
/** How a path matches: Exact and Prefix per the Ingress spec; Regex as ingress-nginx (case-insensitive, anchored at the start). */
export type MatchKind = 'Exact' | 'Prefix' | 'Regex';

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

export interface Route {
  /** stable id: "<host> <kind> <path>" */
  id: string;
  match: PathMatch;
  backend: Backend;
  policy: RoutePolicy;
  origin: Origin;
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
}

export interface ModelDefaults {
  httpPort: number;
  httpsPort: number;
}

export interface RouteModel {
  hosts: VirtualHost[];
  /** the catch-all: the defaultBackend of an Ingress without rules, else --default-backend */
  defaultBackend?: { backend: Backend; origin?: Origin; policy: RoutePolicy };
  findings: Finding[];
}
