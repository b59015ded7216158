// Sends one request to a proxy on 127.0.0.1 as a client of the host would: Host header,
// SNI for HTTPS (certificates are not verified: they are the test's own).
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Request } from '../model/match.js';
import type { Observed } from '../spec/types.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function sendTo(ports: { http: number; https: number }, req: Request, timeoutMs = 5000): Promise<RawResponse> {
  const https = req.scheme === 'https';
  const hostHeader = req.headers?.host ?? req.host;
  const sni = hostHeader.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const headers: Record<string, string> = { ...(req.headers ?? {}), host: hostHeader, connection: 'close' };
  return new Promise((resolve, reject) => {
    const options = {
      host: '127.0.0.1',
      port: https ? ports.https : ports.http,
      method: req.method ?? 'GET',
      path: req.target,
      headers,
      timeout: timeoutMs,
      ...(https ? { servername: /^[\d.]+$/.test(sni) || sni.includes(':') ? undefined : sni, rejectUnauthorized: false } : {}),
    };
    const r = (https ? httpsRequest : httpRequest)(options, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        if (body.length < 1 << 20) body += c;
      });
      res.on('end', () => {
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 0, headers: h, body });
      });
      res.on('error', reject);
    });
    r.on('timeout', () => r.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    r.on('error', reject);
    r.end();
  });
}

/** What a spec checks in an answer: status, Location, and what an echo backend says it received. */
export function observedFrom(res: RawResponse): Observed {
  const seen: Observed = { status: res.status, headers: res.headers };
  if (res.headers.location) seen.location = res.headers.location;
  if (res.status === 200 && res.headers['x-echo-backend']) {
    const echo = JSON.parse(res.body);
    seen.backend = { namespace: echo.namespace, service: echo.service, port: echo.port };
    seen.path = echo.path;
    seen.host = echo.host;
  }
  return seen;
}
