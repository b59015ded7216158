// The serve engine of `ingressctl test`: each spec request goes over real HTTP(S) to a
// LocalProxy on free ports; the echo backend reports the backend, path and Host it got.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Request } from '../model/match.js';
import type { RouteModel } from '../model/types.js';
import type { Engine, Observed } from '../spec/types.js';
import { ECHO_HEADER } from './echo.js';
import { LocalProxy } from './server.js';

const TIMEOUT_MS = 10_000;

export async function serveEngine(model: RouteModel, options: { httpsPort?: number } = {}): Promise<Engine> {
  // locations name the HTTPS port the spec expects, as the model engine does
  const proxy = await LocalProxy.start(model, { httpPort: 0, httpsPort: 0, redirectHttpsPort: options.httpsPort ?? 443 });
  return {
    name: 'serve',
    checks: new Set(['backend', 'status', 'location', 'path', 'host']),
    send: (request) => send(proxy, request),
    close: () => proxy.stop(1000),
  };
}

function send(proxy: LocalProxy, r: Request): Promise<Observed> {
  const https = r.scheme === 'https';
  const host = r.headers?.host ?? r.host;
  const servername = host.replace(/:\d+$/, '').replace(/^\[.*\]$/, '');
  const options = {
    host: '127.0.0.1',
    port: https ? proxy.httpsPort : proxy.httpPort,
    method: r.method ?? 'GET',
    path: r.target,
    headers: { ...r.headers, host },
    agent: false as const,
    ...(https ? { servername, rejectUnauthorized: false } : {}),
  };
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(options, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('error', reject);
      res.on('end', () => resolve(observe(res, Buffer.concat(chunks).toString())));
    });
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`no answer from serve within ${TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end();
  });
}

function observe(res: IncomingMessage, body: string): Observed {
  const seen: Observed = { status: res.statusCode ?? 0 };
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
