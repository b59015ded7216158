// The route model: the single source of truth every emitter, `explain` and `serve` read.
import type { Finding } from '../findings/finding.js';
import type { RoutePolicy } from './policy.js';

/** Ingress pathTypes, and Gateway API's PathPrefix and RegularExpression. */
export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific' | 'PathPrefix' | 'RegularExpression';
/**
 * How a path matches: Exact and Prefix per the Ingress spec; Regex as ingress-nginx
 * (case-insensitive, anchored at the start); StringPrefix, only with --compat
 * ingress-nginx, is ingress-nginx's ImplementationSpecific: a plain, case-sensitive string
 * prefix (`/foo` also matches `/foobar`).
 */
export type MatchKind = 'Exact' | 'Prefix' | 'Regex' | 'StringPrefix' | 'RegularExpression';

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
 * alternative backend, in ingress-nginx's order: header, then cookie ("always" / "never"),
 * then a random `weight` in `weightTotal`. The route's own policy applies to both. This is
 * the compact record of what the annotations say; what it does is defined once, as the
 * HTTPRoute features it stands for (canaryFeatures, src/model/canary-features.ts: sibling
 * routes with header/cookie conditions, weighted backends on the route), and the Matcher
 * and the Gateway API output both read those.
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

/** A header or query parameter condition (Gateway API). Header names compare case-insensitively (stored lower-case); query names exactly. */
export interface ValueMatch {
  name: string;
  /** RegularExpression: the whole value must match, case-sensitively */
  type: 'Exact' | 'RegularExpression';
  value: string;
}

/** What a request must also carry for a route to match, besides its path: every field must hold (AND). */
export interface RequestConditions {
  method?: string;
  headers?: ValueMatch[];
  query?: ValueMatch[];
  /**
   * Not in Gateway API (ingress-nginx's canary-by-cookie): the first value of each named
   * cookie of the Cookie header; names compare exactly. The Gateway API output reports it.
   */
  cookies?: ValueMatch[];
}

export interface HeaderValue {
  name: string;
  value: string;
}

/** Request/ResponseHeaderModifier: set replaces, add appends (joined with ","), remove drops; names as written. */
export interface HeaderModifier {
  set: HeaderValue[];
  add: HeaderValue[];
  remove: string[];
}

/** How a redirect or rewrite changes the path: the whole path, or the part the route's PathPrefix matched. */
export type PathModifier = { type: 'ReplaceFullPath'; value: string } | { type: 'ReplacePrefixMatch'; value: string };

/** RequestRedirect: unset parts keep the request's own (the port: the scheme's, else the listener's). */
export interface RedirectFilter {
  scheme?: 'http' | 'https';
  hostname?: string;
  path?: PathModifier;
  port?: number;
  statusCode: 301 | 302 | 303 | 307 | 308;
  /**
   * Not in RequestRedirect: ingress-nginx's permanent-/temporal-redirect, a Location fixed
   * whole (src/model/redirect.ts). The Location takes nothing from the request: `query`
   * ('' or "?…") replaces the request's query, the port is written whenever given (even the
   * scheme's own), and a ReplaceFullPath of '' is a URL without a path. `annotation` names
   * where it came from, for messages and findings.
   */
  fixed?: { query: string; annotation: 'permanent-redirect' | 'temporal-redirect' };
}

/**
 * Not in URLRewrite: ingress-nginx's rewrite-target as its `rewrite` directive does it, where a
 * ReplaceFullPath would say something else (src/model/rewrite.ts): when the route's path,
 * read as ingress-nginx's regex (case-insensitive, anchored at the start), matches the
 * canonical path, the whole path becomes `value`, $1…$9 filled from its groups; else the
 * path is passed unchanged. `value` may carry a query ("?").
 */
export interface RegexRewrite {
  type: 'RegexRewrite';
  value: string;
}

/** URLRewrite: what the upstream receives instead of the client's Host and path. */
export interface RewriteFilter {
  hostname?: string;
  path?: PathModifier | RegexRewrite;
}

/** Filters of a Gateway API rule (or of one backendRef: header modifiers only), applied in this order. */
export interface RouteFilters {
  redirect?: RedirectFilter;
  rewrite?: RewriteFilter;
  requestHeaders?: HeaderModifier;
  responseHeaders?: HeaderModifier;
}

/**
 * One weighted backendRef. A ref that cannot be used (unknown kind, missing Service, not
 * granted) keeps its weight and answers 500 for its share (`invalid` says why).
 */
export interface WeightedBackend {
  backend?: Backend;
  invalid?: string;
  weight: number;
  filters?: RouteFilters;
  origin: Origin;
}

export interface Route {
  /** stable id: "<host> <kind> <path>" */
  id: string;
  match: PathMatch;
  /**
   * The backend. For Gateway API routes: the first usable weighted backend (for outputs
   * that show one), `backends` decides.
   */
  backend: Backend;
  policy: RoutePolicy;
  origin: Origin;
  canary?: Canary;
  /**
   * affinity: cookie without session-cookie-path: the cookie's Path for this route, the
   * route's path made safe for a header once (validate-values.ts cookiePath)
   */
  cookiePath?: string;
  /** Gateway API: method, header and query conditions besides the path */
  conditions?: RequestConditions;
  /**
   * The rule's filters (Gateway API), and the annotations that are the same thing:
   * permanent-/temporal-redirect as `redirect` (with `fixed`), rewrite-target as `rewrite`
   */
  filters?: RouteFilters;
  /** Gateway API: weighted backendRefs; empty with no redirect: the rule answers 500 */
  backends?: WeightedBackend[];
  /** GRPCRoute: the service/method match the path match stands for (`/SERVICE/METHOD`) */
  grpc?: GrpcMethodMatch;
}

/** A GRPCRoute method match; absent parts match any service or method. */
export interface GrpcMethodMatch {
  type: 'Exact' | 'RegularExpression';
  service?: string;
  method?: string;
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
  defaultBackend?: { backend: Backend; origin: Origin; policy: RoutePolicy; filters?: RouteFilters };
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

/** A status condition computed as a Gateway API controller would write it (kept beside the object, never applied). */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
}

/** A Gateway listener and the routes attached to it, as virtual hosts (route hostnames intersected with the listener's). */
export interface GatewayListener {
  name: string;
  port: number;
  protocol: 'HTTP' | 'HTTPS';
  hostname?: string;
  tls?: TlsConfig;
  /** in host order (exact, wildcard, any); each one's routes in the Gateway API's precedence order */
  hosts: VirtualHost[];
  conditions: Condition[];
  origin: Origin;
}

export interface GatewayModel {
  namespace: string;
  name: string;
  className: string;
  listeners: GatewayListener[];
  conditions: Condition[];
  origin: Origin;
}

/** The computed status of a route (HTTPRoute) per parentRef. */
export interface RouteStatus {
  kind: string;
  namespace: string;
  name: string;
  parents: { parentRef: string; conditions: Condition[] }[];
  origin: Origin;
}

export interface RouteModel {
  hosts: VirtualHost[];
  /** Gateway API input: Gateways with their listeners and attached routes (sorted by namespace/name) */
  gateways?: GatewayModel[];
  /** Gateway API input: the status of each route */
  routeStatus?: RouteStatus[];
  /**
   * Wildcard hosts match one or more labels (a Gateway listener's view of the model), not
   * exactly one (Ingress). `listenerPort` is the port the request came in on (redirect defaults).
   */
  gatewayListener?: { port: number; wildcards: 'one-or-more' };
  /** from-to-www-redirect hosts, sorted by host */
  hostRedirects?: HostRedirect[];
  /** the catch-all: the defaultBackend of an Ingress without rules, else --default-backend */
  defaultBackend?: { backend: Backend; origin?: Origin; policy: RoutePolicy; filters?: RouteFilters };
  /** --ingress-class kept none of the input's Ingresses: how many there were, and their classes ("(none)" for none), sorted */
  unselected?: { ingresses: number; classes: string[] };
  findings: Finding[];
}
