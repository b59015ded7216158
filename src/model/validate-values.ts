// One validator per kind of value that reaches a generated configuration or a header: the
// model, lint and every emitter ask these, so a value accepted in one place is accepted in
// all of them and no copy of a pattern can drift.
// node:net (with node:stream under it) is loaded when an address is first checked, not at
// every start-up: most inputs hold none
let netIsIP: ((value: string) => number) | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const isIP = (value: string): number => (netIsIP ??= (require('node:net') as typeof import('node:net')).isIP)(value);

// ---- paths ----

/**
 * A rule path of RFC 3986 path characters (pchar and "/"): unreserved, sub-delims
 * (`!$&'()*+,;=`), ":", "@" and %XX. The API server accepts more (anything after the
 * leading "/"); everything else (whitespace, quotes, `<>\^`{|}`, "#", "?", "[", "]",
 * controls, non-ASCII) has no business in a URL path and is refused by the model.
 * `;`, `=` and `$` stay: they are legal, routable path characters; they are never copied
 * into a header (see `cookiePath`) nor written where a target expands variables.
 */
const URL_PATH = /^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;

export function isUrlPath(value: string): boolean {
  return URL_PATH.test(value);
}

/** A plain path: unreserved characters, "/" and %XX. Safe as it is in every header and every target's syntax. */
const PLAIN_PATH = /^\/(?:[A-Za-z0-9\-._~/]|%[0-9A-Fa-f]{2})*$/;

export function isPlainPath(value: string): boolean {
  return PLAIN_PATH.test(value);
}

/** Characters outside A-Za-z0-9-._~/ (lint's path-characters rule names them). */
const NON_PLAIN = /[^A-Za-z0-9\-._~/]/;

export function nonPlainCharacters(value: string): string[] {
  if (!NON_PLAIN.test(value)) return [];
  return [...new Set(value.match(/[^A-Za-z0-9\-._~/]/g) ?? [])];
}

// ---- cookies ----

/** A cookie name every target writes and reads alike: letters, digits, "-", "_" and ".". */
export function isCookieName(value: string): boolean {
  return /^[A-Za-z0-9_.-]{1,64}$/.test(value);
}

/** Longest cookie Path attribute written: RFC 6265 advises user agents to accept at least 4096 bytes per cookie. */
const COOKIE_PATH_MAX = 256;

/**
 * The affinity cookie's Path for a route path: the path itself when it is plain (letters,
 * digits, -._~/ and %XX, so no "; Domain=…" and no "$" can follow), else its longest
 * leading run of whole plain segments ("/" at least). A cookie set for a shorter path is
 * still sent with every request of the route (RFC 6265 path-match).
 */
export function cookiePath(path: string): { path: string; trimmed: boolean } {
  if (path.length <= COOKIE_PATH_MAX && isPlainPath(path)) return { path, trimmed: false };
  const segments = path.split('/').slice(1);
  let out = '';
  for (const s of segments) {
    const next = `${out}/${s}`;
    if (s === '' || !isPlainPath(next) || next.length > COOKIE_PATH_MAX) break;
    out = next;
  }
  return { path: out || '/', trimmed: true };
}

// ---- names and addresses ----

// Kubernetes' DNS-1123 rules (apimachinery IsDNS1123Label / IsDNS1123Subdomain): a label is
// at most 63 characters; a subdomain at most 253, its labels unlimited one by one.
const K8S_LABEL = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?';
const DNS_LABEL = new RegExp(`^(?=.{1,63}$)${K8S_LABEL}$`);
const DNS_SUBDOMAIN = new RegExp(`^(?=.{1,253}$)${K8S_LABEL}(?:\\.${K8S_LABEL})*$`);
const WILDCARD = new RegExp(`^(?=.{1,253}$)\\*\\.${K8S_LABEL}(?:\\.${K8S_LABEL})*$`);
/** a name a resolver can look up: labels of at most 63 characters (RFC 1035) */
const DNS_NAME = /^(?=.{1,253}$)[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)*$/;

/** RFC 1123 label, lower case, as the API server checks it (namespaces, Service names). */
export function isDnsLabel(value: string): boolean {
  return DNS_LABEL.test(value);
}

/** RFC 1123 subdomain, lower case, as the API server checks it (object names, rule hosts). */
export function isDnsSubdomain(value: string): boolean {
  return DNS_SUBDOMAIN.test(value);
}

/** "*.example.com": one wildcard label, then a subdomain (rule hosts). */
export function isWildcardHost(value: string): boolean {
  return WILDCARD.test(value);
}

/** A DNS name a proxy can resolve, in any case, with an optional final dot (externalName, upstream-vhost, redirect hosts). */
export function isDnsName(value: string): boolean {
  return DNS_NAME.test(value.toLowerCase().replace(/\.$/, ''));
}

/** 4, 6, or 0 when `value` is no IP address. IPv6 zone ids ("fe80::1%eth0") are refused: no target reads them alike. */
export function ipVersion(value: string): 0 | 4 | 6 {
  return value.includes('%') ? 0 : (isIP(value) as 0 | 4 | 6);
}

export function isIPv4(value: string): boolean {
  return ipVersion(value) === 4;
}

export function isIPv6(value: string): boolean {
  return ipVersion(value) === 6;
}

/** host[:port] as an upstream Host header value: a DNS name, optionally with a port 1–65535. */
export function isHostHeader(value: string): boolean {
  const m = /^([^:]+)(?::(\d{1,5}))?$/.exec(value);
  return !!m && isDnsName(m[1]) && (m[2] === undefined || (Number(m[2]) >= 1 && Number(m[2]) <= 65535));
}

/** A server address a target connects to: an IP address or a DNS name, and a port. */
export function addressProblem(host: string, port: number): string | undefined {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return `port ${port} is not a port number`;
  // the DNS-name test first: most hosts are names (Service DNS names), and a dotted IPv4
  // address passes it too; node's isIP then only sees IPv6 and what is neither
  if (isDnsName(host) || ipVersion(host)) return undefined;
  return `${JSON.stringify(host)} is neither an IP address nor a DNS name`;
}

/**
 * --listen-address: an IP address, the one address every target binds (a name would be
 * resolved differently by each). Undefined when it is acceptable.
 */
export function listenAddressProblem(value: string): string | undefined {
  return ipVersion(value) ? undefined : `--listen-address ${JSON.stringify(value)} is not an IP address`;
}

// ---- redirect URLs ----

const URL_LABEL = '[A-Za-z0-9](?:[-A-Za-z0-9]{0,61}[A-Za-z0-9])?';
const URL_HOST = `(?:${URL_LABEL}(?:\\.${URL_LABEL})*|\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9A-Fa-f:.]+\\])`;
/** An absolute http(s) URL of characters every target writes as they are: no "$", "%" but %XX, quotes, spaces, ";" or "#". */
const REDIRECT_URL = new RegExp(`^https?://${URL_HOST}(?::\\d{1,5})?(?:/(?:[A-Za-z0-9\\-._~!&()*+,=:@/]|%[0-9A-Fa-f]{2})*)?(?:\\?(?:[A-Za-z0-9\\-._~!&()*+,=:@/?]|%[0-9A-Fa-f]{2})*)?$`);

/** permanent-redirect / temporal-redirect: the Location every target sends. */
export function isRedirectUrl(value: string): boolean {
  return REDIRECT_URL.test(value);
}

/** The redirect statuses every target sends a Location with. */
export function isRedirectCode(code: number): boolean {
  return [301, 302, 303, 307, 308].includes(code);
}

// ---- headers ----

/** A header name the proxies all read the same way: letters, digits and "-" (nginx and Envoy drop names with "_"). */
export function isHeaderName(value: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(value);
}

/** An HTTP token of at most 256 characters (RFC 9110 field names; the Gateway API's HTTPHeaderName): a name any proxy sends as it is. */
export function isHttpToken(value: string): boolean {
  return /^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,256}$/.test(value);
}

/**
 * Why `value` cannot be sent as a header value as it is (a value from a manifest that a
 * target copies into a request or response header), or undefined. Printable ASCII only:
 * CR and LF would end the header, other controls and non-ASCII are read differently.
 */
export function headerValueProblem(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return 'a line break, which would end the header';
  if (/[^\x20-\x7e]/.test(value)) return 'control or non-ASCII characters';
  return undefined;
}

/** Text made safe for a header value: anything but visible ASCII and space is percent-encoded (UTF-8), so it can never split a header. */
export function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/gu, (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}
