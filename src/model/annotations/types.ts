import type { Cidr, CorsOrigin, RoutePolicy } from '../policy.js';
import type { BackendProtocol, RouteFilters } from '../types.js';
import { parseCidr } from '../cidr.js';
import { isCookieName, isHeaderName, isPlainPath, isRedirectUrl } from '../validate-values.js';

export const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';

/**
 * What one Ingress's annotations say, as parsed: the simple settings straight into
 * `policy`, the rest as parts that finish.ts (and resolve, for Secrets and Services)
 * combine once every annotation is read.
 */
export interface IngressAnnotations {
  policy: RoutePolicy;
  /** what is the same thing as a Gateway API filter (permanent-/temporal-redirect), for every route of the Ingress */
  filters: RouteFilters;
  useRegex: boolean;
  protocol: BackendProtocol;
  /** default-backend: a Service in the Ingress's namespace */
  defaultBackendService?: string;
  appRoot?: string;
  /** rewrite-target: becomes each route's rewrite filter (src/model/rewrite.ts) */
  rewriteTarget?: string;
  fromToWww: boolean;
  redirect: { permanent?: string; permanentCode?: number; temporal?: string; temporalCode?: number };
  ranges: { allow?: Cidr[]; whitelist?: Cidr[]; deny?: Cidr[] };
  auth: { type?: 'basic'; secret?: { namespace?: string; name: string }; realm?: string };
  cors: { enabled: boolean; origins?: '*' | CorsOrigin[]; methods?: string; headers?: string; exposeHeaders?: string; credentials?: boolean; maxAge?: number };
  canary: { enabled: boolean; weight?: number; weightTotal?: number; header?: string; headerValue?: string; headerPattern?: string; cookie?: string };
  affinity: { type?: 'cookie'; cookieName?: string; maxAge?: number; path?: string };
  limits: { rps?: number; connections?: number };
  /** an annotation guarding access could not be applied: the routes answer 503 */
  denied?: string;
}

export function emptyAnnotations(policy: RoutePolicy): IngressAnnotations {
  return { policy, filters: {}, useRegex: false, protocol: 'http', fromToWww: false, redirect: {}, ranges: {}, auth: {}, cors: { enabled: false }, canary: { enabled: false }, affinity: {}, limits: {} };
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string; hint?: string };

/** One annotation: its name (after the nginx.ingress.kubernetes.io/ prefix), how to parse it, and where the value goes. */
export interface AnnotationSpec<T> {
  name: string;
  description: string;
  /** the value may hold characters no other annotation may (a regex): its parser checks them itself */
  ownCharacters?: boolean;
  parse(value: string): ParseResult<T>;
  apply(target: IngressAnnotations, value: T): void;
  /**
   * What an invalid value does besides the finding, returned as words for the finding.
   * Default: nothing (the annotation is ignored, as ingress-nginx ignores it). Annotations
   * that guard access close the route instead, so a typo never opens it.
   */
  invalid?(target: IngressAnnotations, message: string): string;
}

/** Characters no annotation value may hold: they end a directive or a block in some target's syntax. */
const NEVER_ALLOWED = /[\r\n\0;{}"'`\\]/;

export function unsafeCharacter(value: string): string | undefined {
  const m = NEVER_ALLOWED.exec(value);
  return m ? JSON.stringify(m[0]) : undefined;
}

export const show = (v: string) => JSON.stringify(v);

export function parseBoolean(value: string): ParseResult<boolean> {
  if (value === 'true') return { ok: true, value: true };
  if (value === 'false') return { ok: true, value: false };
  return { ok: false, message: `must be "true" or "false", not ${show(value)}` };
}

/** nginx time syntax as ingress-nginx accepts it for proxy timeouts: a number of seconds ("60", or "60s"). */
export function parseSeconds(value: string): ParseResult<number> {
  const m = /^(\d{1,6})s?$/.exec(value);
  if (!m) return { ok: false, message: `must be a whole number of seconds, not ${show(value)}` };
  return { ok: true, value: Number(m[1]) };
}

/** nginx size syntax: 1m, 512k, 8192, 0 (no limit). */
export function parseSize(value: string): ParseResult<number> {
  const m = /^(\d{1,12})([kKmMgG]?)$/.exec(value);
  if (!m) return { ok: false, message: `must be a size such as 8m, 512k or 0, not ${show(value)}` };
  const unit = m[2].toLowerCase();
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return { ok: true, value: Number(m[1]) * mult };
}

/** A whole number within [min, max]. */
export function parseInteger(value: string, min: number, max: number): ParseResult<number> {
  if (!/^\d{1,10}$/.test(value) || Number(value) < min || Number(value) > max) return { ok: false, message: `must be a whole number from ${min} to ${max}, not ${show(value)}` };
  return { ok: true, value: Number(value) };
}

/** A plain path (unreserved characters, "/" and %XX: safe in every header and every target's syntax). */
export function parsePath(value: string): ParseResult<string> {
  if (!isPlainPath(value)) return { ok: false, message: `must be a path of letters, digits, "-", ".", "_", "~", "/" and %XX escapes, starting with "/", not ${show(value)}` };
  return { ok: true, value };
}


/** An HTTP header name the proxies all read the same way: letters, digits and "-" (nginx and Envoy drop names with "_"). */
export function parseHeaderName(value: string): ParseResult<string> {
  if (!isHeaderName(value)) return { ok: false, message: `must be a header name of letters, digits and "-", not ${show(value)}` };
  return { ok: true, value };
}

/** A cookie name: letters, digits, "-", "_" and ".". */
export function parseCookieName(value: string): ParseResult<string> {
  if (!isCookieName(value)) return { ok: false, message: `must be a cookie name of letters, digits, "-", "_" and ".", not ${show(value)}` };
  return { ok: true, value };
}


/** permanent-redirect / temporal-redirect: an absolute http(s) URL, as ingress-nginx requires. */
export function parseRedirectUrl(value: string): ParseResult<string> {
  if (!isRedirectUrl(value)) return { ok: false, message: `must be an absolute http:// or https:// URL of plain characters (percent-encode others), not ${show(value)}`, hint: 'Variables such as $request_uri are not supported.' };
  return { ok: true, value };
}

/**
 * A redirect status. ingress-nginx accepts 300 to 308, but nginx sends a Location only with
 * 301, 302, 303, 307 and 308 (with the others the URL would become the body): those five.
 */
export function parseRedirectCode(value: string): ParseResult<number> {
  if (!['301', '302', '303', '307', '308'].includes(value)) return { ok: false, message: `must be 301, 302, 303, 307 or 308, not ${show(value)}`, hint: 'nginx sends no Location header with 300, 304, 305 or 306.' };
  return { ok: true, value: Number(value) };
}

/** A comma-separated list of IPv4/IPv6 addresses and CIDR networks ("10.0.0.0/8, 192.168.1.7"). */
export function parseCidrList(value: string): ParseResult<Cidr[]> {
  const out: Cidr[] = [];
  for (const part of value.split(',')) {
    const text = part.trim();
    const c = parseCidr(text);
    if (!c) return { ok: false, message: `${show(text)} is not an IP address or CIDR network` };
    if (!out.some((o) => o.address === c.address && o.prefix === c.prefix)) out.push(c);
  }
  return { ok: true, value: out };
}

/** Annotations that guard access: an invalid value closes the Ingress's routes (503) rather than opening them. */
export function closeRoutes(name: string) {
  return (t: IngressAnnotations, message: string): string => {
    t.denied ??= `${name} is invalid (${message})`;
    return '; the routes of this Ingress answer 503 (closed rather than left open) until it is fixed';
  };
}
