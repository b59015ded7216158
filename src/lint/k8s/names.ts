// The API server's name and key checks (apimachinery's validation helpers), as lists of
// problems: an empty list means valid. Messages are ours; the rules are upstream's.
// node:net (with node:stream under it) loaded when an address is first checked, not at every start-up
// eslint-disable-next-line @typescript-eslint/no-require-imports
const isIPv6 = (v: string): boolean => (require('node:net') as typeof import('node:net')).isIPv6(v);

const LABEL_1123 = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN = new RegExp(`^${LABEL_1123}(\\.${LABEL_1123})*$`);
const WILDCARD = new RegExp(`^\\*\\.${LABEL_1123}(\\.${LABEL_1123})*$`);
const LABEL = new RegExp(`^${LABEL_1123}$`);
const LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const DOMAIN_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

const tooLong = (v: string, max: number) => (v.length > max ? [`must be no more than ${max} characters`] : []);

export function dns1123Subdomain(v: string): string[] {
  const out = tooLong(v, 253);
  if (!SUBDOMAIN.test(v)) out.push("must be a lowercase RFC 1123 subdomain: a-z, 0-9, '-' and '.', starting and ending with a letter or digit (e.g. 'example.com')");
  return out;
}

/** Hosts: "*.example.com" only as a whole first label followed by a subdomain. */
export function hostName(v: string): string[] {
  if (!v.includes('*')) return dns1123Subdomain(v);
  const out = tooLong(v, 253);
  if (!WILDCARD.test(v)) out.push("a wildcard must be the whole first label, followed by a subdomain (e.g. '*.example.com')");
  return out;
}

export function dns1123Label(v: string): string[] {
  const out = tooLong(v, 63);
  if (!LABEL.test(v)) out.push(SUBDOMAIN.test(v) ? 'must not contain dots' : "must be a lowercase RFC 1123 label: a-z, 0-9 and '-', starting and ending with a letter or digit (e.g. 'my-name')");
  return out;
}

export function dns1035Label(v: string): string[] {
  const out = tooLong(v, 63);
  if (!LABEL_1035.test(v)) out.push("must be a DNS-1035 label: a-z, 0-9 and '-', starting with a letter and ending with a letter or digit (e.g. 'my-name')");
  return out;
}

/** IANA service names (Ingress backend port names, Service targetPort names): each failure separately. */
export function ianaPortName(v: string): string[] {
  const out = tooLong(v, 15);
  if (!/^[-a-z0-9]+$/.test(v)) out.push('must contain only lowercase letters, digits and hyphens');
  if (!/[a-z]/.test(v)) out.push('must contain at least one letter (a-z)');
  if (v.includes('--')) out.push('must not contain consecutive hyphens');
  if (v.startsWith('-') || v.endsWith('-')) out.push('must not begin or end with a hyphen');
  return out;
}

export function portNumber(v: number): string[] {
  return Number.isInteger(v) && v >= 1 && v <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** Label keys and (lower-cased) annotation keys: [prefix/]name. */
export function qualifiedName(v: string): string[] {
  const parts = v.split('/');
  if (parts.length > 2) return ["must be a name with an optional DNS subdomain prefix and one '/' (e.g. 'example.com/my-name')"];
  const name = parts[parts.length - 1];
  const out: string[] = [];
  if (parts.length === 2) {
    if (parts[0] === '') out.push('prefix part must not be empty');
    else out.push(...dns1123Subdomain(parts[0]).map((p) => `prefix part ${p}`));
  }
  if (name === '') out.push('name part must not be empty');
  else {
    if (name.length > 63) out.push('name part must be no more than 63 characters');
    if (!QUALIFIED_NAME.test(name)) out.push("name part must consist of letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
  }
  return out;
}

export function labelValue(v: string): string[] {
  const out = tooLong(v, 63);
  if (v !== '' && !QUALIFIED_NAME.test(v)) out.push("must be empty or consist of letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
  return out;
}

/** Resource backend and IngressClass parameter kind/name. */
export function pathSegmentName(v: string): string[] {
  if (v === '.' || v === '..') return [`may not be '${v}'`];
  const out: string[] = [];
  if (v.includes('/')) out.push("may not contain '/'");
  if (v.includes('%')) out.push("may not contain '%'");
  return out;
}

/** Secret data keys. */
export function configMapKey(v: string): string[] {
  const out = tooLong(v, 253);
  if (!CONFIG_KEY.test(v)) out.push("must consist of letters, digits, '-', '_' or '.'");
  if (v === '.' || v === '..') out.push(`must not be '${v}'`);
  else if (v.startsWith('..')) out.push("must not start with '..'");
  return out;
}

/** IngressClass spec.controller: "<dns-subdomain>/<path>". */
export function domainPrefixedPath(v: string): string[] {
  const slash = v.indexOf('/');
  if (slash <= 0 || slash === v.length - 1) return ['must be a domain-prefixed path (such as "acme.io/foo")'];
  const out = dns1123Subdomain(v.slice(0, slash)).map((p) => `domain part ${p}`);
  if (!DOMAIN_PATH.test(v.slice(slash + 1))) out.push('path part holds characters a path may not contain');
  return out;
}

/** IP addresses as Go's ParseIPSloppy reads them (IPv4 may have leading zeros). */
export function isIPAddress(v: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(v);
  if (m) return m.slice(1).every((p) => Number(p) <= 255);
  return isIPv6(v);
}
