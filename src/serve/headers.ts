// Header rules of a proxy hop: hop-by-hop headers stay on their own connection; the
// upstream learns who the client was through X-Forwarded-* and X-Real-IP.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { RoutePolicy } from '../model/policy.js';
import { headerValues } from '../model/header-values.js';
import { headerValueProblem } from '../model/validate-values.js';
import { fieldProblem, type Refuse } from './checked-headers.js';

/** RFC 9110 §7.6.1 connection-specific fields, plus the HTTP/2 upgrade header. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authenticate', 'proxy-authorization', 'http2-settings']);

/** What serve sets itself on the way upstream: the client's own values are never passed on. */
const SET_BY_PROXY = new Set(['host', 'x-forwarded-for', 'x-real-ip', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port']);

/**
 * Headers as a flat list, name, value, name, value… (the shape of Node's rawHeaders): an
 * HTTP/1.x message's own list is relayed without building a header object, and Node writes a
 * list without setHeader's per-field validation and storage. Names in any case; repeated
 * fields kept.
 */
export type HeaderList = string[];

/** A header object (HTTP/2 messages, serve's own headers) as a list; multi-valued fields repeat. */
export function headerList(headers: IncomingHttpHeaders | OutgoingHttpHeaders): HeaderList {
  const out: HeaderList = [];
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) out.push(name, String(v));
    else out.push(name, String(value));
  }
  return out;
}

/** A message's headers as a list: HTTP/1.x as received; HTTP/2 from its header object (where Node joined the cookie crumbs). */
export function messageHeaders(m: { httpVersionMajor: number; rawHeaders: string[]; headers: IncomingHttpHeaders }): HeaderList {
  return m.httpVersionMajor === 1 ? m.rawHeaders : headerList(m.headers);
}

/** A list as a header object (HTTP/2 requests, trailers, the echo reply); repeated fields become arrays. */
export function headerObject(list: HeaderList): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (let i = 0; i < list.length; i += 2) {
    const name = list[i].toLowerCase();
    const had = out[name];
    out[name] = had === undefined ? list[i + 1] : ([] as string[]).concat(had as string | string[], list[i + 1]);
  }
  return out;
}

/**
 * The list without hop-by-hop fields, those the Connection header names (RFC 9110 §7.6.1),
 * HTTP/2 pseudo-headers, and any `drop` says yes to (given the lower-case name).
 */
export function endToEnd(list: HeaderList, drop?: (name: string) => boolean): HeaderList {
  let named: Set<string> | undefined;
  for (let i = 0; i < list.length; i += 2) {
    if (list[i].length !== 10 || list[i].toLowerCase() !== 'connection') continue;
    for (const t of list[i + 1].split(',')) {
      const token = t.trim().toLowerCase();
      // "keep-alive" is hop-by-hop already (no set made for the usual answer)
      if (token && !HOP_BY_HOP.has(token)) (named ??= new Set()).add(token);
    }
  }
  const out: HeaderList = [];
  for (let i = 0; i < list.length; i += 2) {
    const name = list[i].toLowerCase();
    if (name.startsWith(':') || HOP_BY_HOP.has(name) || named?.has(name) || drop?.(name)) continue;
    out.push(list[i], list[i + 1]);
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
 * A value from the manifest that cannot be written (it bypassed the model's checks) is not
 * sent: the upstream gets the client's Host, no X-Forwarded-Prefix, no such Gateway header
 * (`refuse` is told of the Gateway ones).
 */
export function upstreamRequestHeaders(list: HeaderList, client: ClientInfo, policy?: RoutePolicy, gateway?: { host: string; headers: Record<string, string> }, refuse?: Refuse): HeaderList {
  if (gateway) {
    // Gateway API: the headers after the rule's filters (RequestHeaderModifier, URLRewrite hostname);
    // a field the client sent as it is passes, one a filter wrote is checked
    const sent = joined(list);
    const own: HeaderList = [];
    for (const [k, v] of Object.entries(gateway.headers)) {
      if (SET_BY_PROXY.has(k)) continue; // serve's own values below
      const p = sent.get(k) === v ? undefined : fieldProblem(k, v);
      if (p === undefined) own.push(k, v);
      else refuse?.(k, p);
    }
    const out = endToEnd(own, (name) => SET_BY_PROXY.has(name));
    const hostProblem = gateway.host === client.host ? undefined : headerValueProblem(gateway.host);
    if (hostProblem) refuse?.('host', `the URLRewrite hostname has ${hostProblem}; the client's Host is passed on`);
    out.push('host', hostProblem ? client.host : gateway.host);
    out.push('x-forwarded-for', client.ip, 'x-real-ip', client.ip, 'x-forwarded-proto', client.scheme, 'x-forwarded-host', client.host, 'x-forwarded-port', String(client.port));
    return out;
  }
  const auth = !!policy?.basicAuth;
  // the values every target writes (src/model/header-values.ts): one that bypassed the model is not sent
  // (serve's log names them: src/serve/checked-headers.ts policyRefusals)
  const values = policy ? headerValues(policy).values : undefined;
  const prefix = values?.forwardedPrefix || undefined;
  // the client's own X-Forwarded-For is not trusted (ingress-nginx's default): replaced, never joined
  const out = endToEnd(list, auth || prefix !== undefined ? (name) => SET_BY_PROXY.has(name) || (auth && name === 'authorization') || (prefix !== undefined && name === 'x-forwarded-prefix') : setByProxy);
  out.push('host', values?.upstreamHost ?? client.host);
  if (prefix) out.push('x-forwarded-prefix', prefix);
  out.push('x-forwarded-for', client.ip, 'x-real-ip', client.ip, 'x-forwarded-proto', client.scheme, 'x-forwarded-host', client.host, 'x-forwarded-port', String(client.port));
  return out;
}

const setByProxy = (name: string) => SET_BY_PROXY.has(name);

/** A header list as the Matcher read it (lower-case names, repeated fields joined as HTTP joins them). */
function joined(list: HeaderList): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < list.length; i += 2) {
    const name = list[i].toLowerCase();
    const had = out.get(name);
    out.set(name, had === undefined ? list[i + 1] : `${had}${name === 'cookie' ? '; ' : ', '}${list[i + 1]}`);
  }
  return out;
}

/** The Host a request names: Host for HTTP/1.x, :authority for HTTP/2. */
export function hostOf(headers: IncomingHttpHeaders): string {
  const h = headers.host ?? headers[':authority'];
  return typeof h === 'string' ? h : '';
}

