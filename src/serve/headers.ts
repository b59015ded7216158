// Header rules of a proxy hop: hop-by-hop headers stay on their own connection; the
// upstream learns who the client was through X-Forwarded-* and X-Real-IP.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { RoutePolicy } from '../model/policy.js';

/** RFC 9110 §7.6.1 connection-specific fields, plus the HTTP/2 upgrade header. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authenticate', 'proxy-authorization', 'http2-settings']);

/** The headers named by the Connection header are hop-by-hop too. */
function connectionTokens(headers: IncomingHttpHeaders): Set<string> {
  const raw = headers.connection;
  const text = Array.isArray(raw) ? raw.join(',') : raw ?? '';
  return new Set(text.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean));
}

/** A copy without hop-by-hop headers and (for HTTP/2 peers) pseudo-headers. */
export function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = connectionTokens(headers);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name.startsWith(':') || HOP_BY_HOP.has(name) || named.has(name)) continue;
    out[name] = value;
  }
  return out;
}

export interface ClientInfo {
  /** the client's address */
  ip: string;
  scheme: 'http' | 'https';
  /** the Host header (or HTTP/2 :authority) as the client sent it */
  host: string;
  /** the port of our listener that took the request */
  port: number;
}

/**
 * What the upstream receives: the client's end-to-end headers, its Host unchanged (or the
 * route's upstream-vhost), X-Forwarded-* (and X-Forwarded-Prefix when the route sets one);
 * a route with basic auth keeps the client's credentials to itself, as ingress-nginx.
 */
export function upstreamRequestHeaders(headers: IncomingHttpHeaders, client: ClientInfo, policy?: RoutePolicy): OutgoingHttpHeaders {
  const out = endToEnd(headers);
  out.host = policy?.upstreamHost ?? client.host;
  if (policy?.basicAuth) delete out.authorization;
  if (policy?.forwardedPrefix) out['x-forwarded-prefix'] = policy.forwardedPrefix;
  // the client's own X-Forwarded-For is not trusted (ingress-nginx's default)
  out['x-forwarded-for'] = client.ip;
  out['x-real-ip'] = client.ip;
  out['x-forwarded-proto'] = client.scheme;
  out['x-forwarded-host'] = client.host;
  out['x-forwarded-port'] = String(client.port);
  return out;
}

/** The Host a request names: Host for HTTP/1.x, :authority for HTTP/2. */
export function hostOf(headers: IncomingHttpHeaders): string {
  const h = headers.host ?? headers[':authority'];
  return typeof h === 'string' ? h : '';
}

/** Header values must be visible ASCII; anything else is percent-encoded so it can never split a header. */
export function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/gu, (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}
