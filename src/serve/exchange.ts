// One request through serve: the client's request and response (HTTP/1.x or HTTP/2),
// who sent it, and what the access log and route header say about it.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { RoutePolicy } from '../model/policy.js';
import type { UpstreamRequest } from '../model/match.js';
import type { HeaderModifier } from '../model/types.js';
import { modifyHeaderList } from '../gateway/serve-headers.js';
import { endToEnd, headerList, messageHeaders, upstreamRequestHeaders, type ClientInfo, type HeaderList } from './headers.js';
import { headerSafe } from '../model/validate-values.js';
import { checkedModifiers, checkedObject, type RefusalLog, type Refuse } from './checked-headers.js';

export type Req = IncomingMessage | Http2ServerRequest;

/** What serve uses of a response; HTTP/1.x ServerResponse and HTTP/2 compat responses both fit. */
export interface Res extends NodeJS.WritableStream {
  statusCode: number;
  readonly headersSent: boolean;
  readonly destroyed: boolean;
  readonly writableEnded: boolean;
  /** headers as an object, or as a flat name, value… list */
  writeHead(status: number, headers?: OutgoingHttpHeaders | HeaderList): unknown;
  setHeader(name: string, value: string | number | readonly string[]): unknown;
  destroy(err?: Error): unknown;
}

// both response kinds satisfy Res (checked here, once)
const _fits: [(r: ServerResponse) => Res, (r: Http2ServerResponse) => Res] = [(r) => r, (r) => r];
void _fits;

export const ROUTE_HEADER = 'x-ingressctl-route';

export interface Exchange {
  req: Req;
  res: Res;
  client: ClientInfo;
  started: bigint;
  /** "<namespace>/<ingress> <host><path> (<kind>)": the rule that answered, when one did */
  route?: string;
  /** the route header's value for `route`, made header-safe and checked once per route (src/serve/plan.ts) */
  routeValue?: string;
  /** where the request went, for the access log: "echo", "127.0.0.1:9000", or "-" */
  upstream: string;
  /** the response was sent completely (false on client abort) */
  finished: boolean;
  /** add the route header to responses */
  routeHeader: boolean;
  /** headers the route adds to every answer (CORS, the affinity cookie) */
  extraHeaders?: OutgoingHttpHeaders;
  /** the policy of the route that forwards this request (upstream Host, X-Forwarded-Prefix…) */
  policy?: RoutePolicy;
  /** Gateway API: the request headers and Host after the rule's filters */
  upstreamRequest?: UpstreamRequest;
  /** Gateway API: ResponseHeaderModifiers for the answer */
  responseModifiers?: HeaderModifier[];
  /** serve's log of header values it refused to write (src/serve/checked-headers.ts) */
  refusals?: RefusalLog;
  /**
   * Set (to null) by a proxy whose own 'close' listener on the response aborts what is put
   * here when the client goes before its answer is complete: the upstream request then needs
   * no listener of its own (each listener on an event is work on every request). Absent:
   * the forwarder listens itself.
   */
  abortOnClose?: { destroy(): unknown } | null;
}

/** Aborts `up` when the client goes before the answer is complete (through the exchange's own listener when it has one). */
export function abortWithClient(ex: Exchange, up: { destroy(): unknown }): void {
  if (ex.abortOnClose !== undefined) {
    ex.abortOnClose = up; // (a retry's request replaces the first)
    return;
  }
  ex.res.on('close', () => {
    if (!ex.finished) up.destroy();
  });
}

/** Reports a field left out of this exchange's headers, once per route. */
export function refuser(ex: Exchange): Refuse {
  return (name, problem) => ex.refusals?.report(ex.route, name, problem);
}

/** What the upstream receives for this exchange (src/serve/headers.ts), refused values reported. */
export function upstreamHeaders(ex: Exchange): HeaderList {
  return upstreamRequestHeaders(messageHeaders(ex.req), ex.client, ex.policy, ex.upstreamRequest, refuser(ex));
}

/** The exchange's response modifiers with only the fields that can be written. */
function modifiers(ex: Exchange): HeaderModifier[] {
  return ex.responseModifiers ? checkedModifiers(ex.responseModifiers, refuser(ex)) : [];
}

/**
 * Headers every response of this exchange carries (the route's own, the route header when
 * asked for), only those that can be written (src/serve/checked-headers.ts).
 */
export function exchangeHeaders(ex: Exchange, withModifiers = true): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = { ...ex.extraHeaders };
  if (ex.routeHeader && ex.route) out[ROUTE_HEADER] = ex.routeValue ?? headerSafe(ex.route);
  // Gateway API: the answers serve makes itself (echo, errors) carry the modifiers too, after
  // the CORS headers (answerHeaders' order); a preflight answer has none (planRequest)
  for (const m of withModifiers ? modifiers(ex) : []) {
    for (const h of m.set) out[h.name.toLowerCase()] = h.value;
    for (const h of m.add) out[h.name.toLowerCase()] = out[h.name.toLowerCase()] === undefined ? h.value : `${out[h.name.toLowerCase()]},${h.value}`;
    for (const n of m.remove) delete out[n.toLowerCase()];
  }
  return checkedObject(out, refuser(ex));
}

/**
 * An upstream's end-to-end response headers with the exchange's own: the route's values
 * replace the upstream's, a Set-Cookie is added to the upstream's.
 */
export function mergeHeaders(upstream: HeaderList, ex: Exchange): HeaderList {
  // the usual answer: no header of the route's own but the route header, whose value was checked
  // once for the route (src/serve/plan.ts): nothing to build or check again per request
  if (!ex.extraHeaders && !ex.responseModifiers && (!ex.routeHeader || !ex.route || ex.routeValue !== undefined)) {
    if (!ex.routeHeader || !ex.route) return endToEnd(upstream);
    const out = endToEnd(upstream, isRouteHeader);
    out.push(ROUTE_HEADER, ex.routeValue!);
    return out;
  }
  const own = exchangeHeaders(ex, false);
  const out = endToEnd(upstream, (name) => name !== 'set-cookie' && own[name] !== undefined);
  for (const field of headerList(own)) out.push(field);
  return ex.responseModifiers ? modifyHeaderList(out, modifiers(ex)) : out;
}

const isRouteHeader = (name: string) => name === ROUTE_HEADER;

/** A short plain-text answer from serve itself (errors, redirects, the 404 page). */
export function sendText(ex: Exchange, status: number, text: string, headers: OutgoingHttpHeaders = {}): void {
  const { res } = ex;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = Buffer.from(text.endsWith('\n') ? text : text + '\n');
  const all: OutgoingHttpHeaders = { ...exchangeHeaders(ex), 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'content-length': body.length, ...checkedObject(headers, refuser(ex)) };
  if (ex.req.httpVersionMajor >= 2) delete all.connection; // connection-specific headers do not exist in HTTP/2
  res.writeHead(status, all);
  if (ex.req.method === 'HEAD') res.end();
  else res.end(body);
}

/** An answer without a body (a CORS preflight's 204): the exchange's headers only. */
export function sendEmpty(ex: Exchange, status: number): void {
  if (ex.res.headersSent) return void ex.res.destroy();
  const all = exchangeHeaders(ex);
  delete all['content-length']; // a 204 has none
  ex.res.writeHead(status, all);
  ex.res.end();
}
