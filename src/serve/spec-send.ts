// One spec request over real HTTP(S) to a local proxy (serve's LocalProxy or GatewayProxy),
// read back as `ingressctl test` observes it: status, Location, and what the echo backend
// reports (backend, path, Host).
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Request } from '../model/match.js';
import type { Observed } from '../spec/types.js';
import { ECHO_HEADER } from './echo.js';

const TIMEOUT_MS = 10_000;

export interface SendOptions {
  /** also report the response's headers (engines that check headers) */
  headers?: boolean;
}

export function sendSpecRequest(port: number, r: Request, options: SendOptions = {}): Promise<Observed> {
  const https = r.scheme === 'https';
  const host = r.headers?.host ?? r.host;
  // SNI is a name: no port, and no bracketed IPv6 literal
  const servername = host.replace(/:\d+$/, '').replace(/^\[.*\]$/, '');
  const request = {
    host: '127.0.0.1',
    port,
    method: r.method ?? 'GET',
    path: r.target,
    headers: { ...r.headers, host },
    agent: false as const,
    ...(https ? { servername, rejectUnauthorized: false } : {}),
  };
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(request, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('error', reject);
      res.on('end', () => resolve(observe(res, Buffer.concat(chunks).toString(), options)));
    });
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`no answer from serve within ${TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end();
  });
}

function observe(res: IncomingMessage, body: string, options: SendOptions): Observed {
  const seen: Observed = { status: res.statusCode ?? 0 };
  if (options.headers) {
    seen.headers = {};
    for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') seen.headers[k] = v;
  }
  if (typeof res.headers.location === 'string') seen.location = res.headers.location;
  if (seen.status === 200 && res.headers[ECHO_HEADER]) {
    try {
      const echo = JSON.parse(body);
      seen.backend = { namespace: echo.namespace, service: echo.service, port: echo.port };
      seen.path = echo.path;
      seen.host = echo.host;
    } catch {
      // a HEAD request: no body to read the backend from
    }
  }
  return seen;
}
