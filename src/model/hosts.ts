// Hosts: rule hosts (validated, lower-cased) and request Host headers (normalised).
import type { HostKind } from './types.js';
import { isDnsSubdomain, isWildcardHost } from './validate-values.js';


/** Classifies a rule host; undefined when it is not a valid DNS-1123 (wildcard) subdomain. */
export function ruleHostKind(host: string): HostKind | undefined {
  if (host === '') return 'any';
  if (isWildcardHost(host)) return 'wildcard';
  if (isDnsSubdomain(host)) return 'exact';
  return undefined;
}

export function isIPAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

/**
 * The host a request is routed on: lower-cased, without port or trailing dot.
 * Undefined when the Host header is not a usable name (the proxies answer 400).
 */
export function requestHost(header: string): string | undefined {
  let h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    if (end === -1) return undefined;
    return h.slice(0, end + 1);
  }
  const colon = h.indexOf(':');
  if (colon !== -1) {
    if (!/^\d*$/.test(h.slice(colon + 1))) return undefined;
    h = h.slice(0, colon);
  }
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (!/^[a-z0-9_.-]*$/.test(h) || h.includes('..')) return undefined;
  return h;
}

/** "*.foo.com" for "bar.foo.com": the only wildcard that may match (exactly one extra label). */
export function wildcardFor(host: string): string | undefined {
  const dot = host.indexOf('.');
  if (dot <= 0) return undefined;
  return '*' + host.slice(dot);
}
