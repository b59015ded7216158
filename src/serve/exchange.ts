// One request through serve: the client's request and response (HTTP/1.x or HTTP/2),
// who sent it, and what the access log and route header say about it.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { headerSafe, type ClientInfo } from './headers.js';

export type Req = IncomingMessage | Http2ServerRequest;

/** What serve uses of a response; HTTP/1.x ServerResponse and HTTP/2 compat responses both fit. */
export interface Res extends NodeJS.WritableStream {
  statusCode: number;
  readonly headersSent: boolean;
  readonly destroyed: boolean;
  readonly writableEnded: boolean;
  /** headers as an object, or as a flat name, value… list */
  writeHead(status: number, headers?: OutgoingHttpHeaders | string[]): unknown;
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
  /** where the request went, for the access log: "echo", "127.0.0.1:9000", or "-" */
  upstream: string;
  /** the response was sent completely (false on client abort) */
  finished: boolean;
  /** add the route header to responses */
  routeHeader: boolean;
}

/** Headers every response of this exchange carries (the route header when asked for). */
export function exchangeHeaders(ex: Exchange): OutgoingHttpHeaders {
  return ex.routeHeader && ex.route ? { [ROUTE_HEADER]: headerSafe(ex.route) } : {};
}

/** A short plain-text answer from serve itself (errors, redirects, the 404 page). */
export function sendText(ex: Exchange, status: number, text: string, headers: OutgoingHttpHeaders = {}): void {
  const { res } = ex;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = Buffer.from(text.endsWith('\n') ? text : text + '\n');
  const all: OutgoingHttpHeaders = { ...exchangeHeaders(ex), 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'content-length': body.length, ...headers };
  if (ex.req.httpVersionMajor >= 2) delete all.connection; // connection-specific headers do not exist in HTTP/2
  res.writeHead(status, all);
  if (ex.req.method === 'HEAD') res.end();
  else res.end(body);
}
