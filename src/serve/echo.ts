// The built-in echo backend: answers for every backend without an --upstream, so a route
// table can be tried with no application running. It says which backend it stands for.
import type { Readable } from 'node:stream';
import type { Backend, Endpoint } from '../model/types.js';
import { headerObject } from './headers.js';
import { BodyTooLarge, refuseBody } from './body-limit.js';
import { exchangeHeaders, upstreamHeaders, type Exchange } from './exchange.js';

/** Marks answers of the echo backend (and not of a real upstream). */
export const ECHO_HEADER = 'x-ingressctl-echo';

export interface EchoReply {
  service: string;
  namespace: string;
  port: number | string | null;
  method: string;
  host: string;
  path: string;
  query: string;
  /** the headers the upstream would receive */
  headers: Record<string, string | string[] | undefined>;
  /** the endpoint (ip:port) serve picked among the backend's addresses, when it has several to pick from */
  endpoint?: string;
}

/** What the echo backend answers for a request: `path` is the path the upstream would receive. */
export function echoReply(backend: Backend, ex: Exchange, upstreamTarget: string, endpoint?: Endpoint): EchoReply {
  const q = upstreamTarget.indexOf('?');
  const headers = headerObject(upstreamHeaders(ex)) as EchoReply['headers'];
  return {
    service: backend.service,
    namespace: backend.namespace,
    port: backend.port ?? backend.portName ?? null,
    method: ex.req.method ?? 'GET',
    host: String(headers.host),
    path: q === -1 ? upstreamTarget : upstreamTarget.slice(0, q),
    query: q === -1 ? '' : upstreamTarget.slice(q + 1),
    headers,
    ...(endpoint ? { endpoint: endpoint.ip.includes(':') ? `[${endpoint.ip}]:${endpoint.port}` : `${endpoint.ip}:${endpoint.port}` } : {}),
  };
}

/** Reads (and discards) the body under its limit, then answers with the echo JSON. */
export function serveEcho(ex: Exchange, backend: Backend, body: Readable, upstreamTarget: string, endpoint?: Endpoint): void {
  ex.upstream = 'echo';
  body.on('error', (err) => {
    if (err instanceof BodyTooLarge) refuseBody(ex, err.limit);
  });
  body.on('data', () => {});
  body.on('end', () => {
    const json = Buffer.from(JSON.stringify(echoReply(backend, ex, upstreamTarget, endpoint), null, 2) + '\n');
    if (ex.res.headersSent) return;
    ex.res.writeHead(200, { ...exchangeHeaders(ex), [ECHO_HEADER]: '1', 'content-type': 'application/json', 'content-length': json.length });
    if (ex.req.method === 'HEAD') ex.res.end();
    else ex.res.end(json);
  });
}
