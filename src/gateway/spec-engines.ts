// `ingressctl test` engines for a Gateway: the model (GatewayMatcher) and serve
// (GatewayProxy on free local ports for every listener). A request's port is the listener
// port (its URL's, else 80/443 by scheme), as in explain.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isRedirect, type Decision, type Request } from '../model/match.js';
import type { Backend, GatewayModel } from '../model/types.js';
import { ECHO_HEADER } from '../serve/echo.js';
import type { Engine, Observed } from '../spec/types.js';
import { modifyHeaders } from './filters-apply.js';
import { GatewayMatcher } from './match.js';
import { GatewayProxy } from './serve.js';

const TIMEOUT_MS = 10_000;
/** serve: how many requests a weights expectation samples, and how far a share may stray */
const SAMPLES = 400;
const TOLERANCE = 0.1;

const name = (b: Backend) => `${b.namespace}/${b.service}:${b.port ?? b.portName ?? '?'}`;

/** The listener port a spec request goes to: its Host's port, else the scheme's. */
export function requestPort(r: Request): number {
  const m = /:(\d{1,5})$/.exec(r.host);
  return m ? Number(m[1]) : r.scheme === 'https' ? 443 : 80;
}

function shares(d: Decision): Record<string, number> | undefined {
  if (d.status !== 200 || !d.weights) return undefined;
  const total = d.weights.reduce((n, w) => n + w.weight, 0);
  const out: Record<string, number> = {};
  for (const w of d.weights) {
    const k = w.backend && !w.invalid ? name(w.backend) : '500';
    out[k] = (out[k] ?? 0) + w.weight / total;
  }
  return out;
}

export function gatewayModelEngine(gateway: GatewayModel): Engine {
  const matcher = new GatewayMatcher(gateway);
  return {
    name: 'model',
    checks: new Set(['backend', 'status', 'location', 'path', 'host', 'headers', 'weights']),
    async send(request) {
      const d = matcher.match({ ...request, port: requestPort(request) });
      const seen: Observed = { status: d.status };
      if (isRedirect(d)) seen.location = d.location;
      if (d.headers) seen.headers = { ...d.headers };
      if (d.status === 200) {
        seen.backend = { namespace: d.backend.namespace, service: d.backend.service, port: d.backend.port };
        if (d.upstream) {
          seen.path = d.upstream.path.replace(/\?.*$/, '');
          seen.host = d.upstream.host;
        }
        // the answer's own headers as the modifiers leave them (the backend's are not known here)
        for (const m of d.responseHeaders ?? []) seen.headers = modifyHeaders(seen.headers ?? {}, m);
        const w = shares(d);
        if (w) seen.weights = w;
      }
      return seen;
    },
    async close() {},
  };
}

export async function gatewayServeEngine(gateway: GatewayModel): Promise<Engine> {
  const mapPorts = new Map(gateway.listeners.map((l) => [l.port, 0]));
  const proxy = await GatewayProxy.start(gateway, { httpPort: 0, httpsPort: 0, mapPorts, routeHeader: false });
  return {
    name: 'serve',
    checks: new Set(['backend', 'status', 'location', 'path', 'host', 'headers', 'weights']),
    async send(request) {
      const port = proxy.ports.get(requestPort(request));
      if (port === undefined) throw new Error(`Gateway ${gateway.namespace}/${gateway.name} has no listener on port ${requestPort(request)}`);
      const first = await send(port, request);
      if (first.status !== 200 && first.status !== 500) return first;
      // a weighted split: sample it
      const counts = new Map<string, number>();
      for (let i = 0; i < SAMPLES; i++) {
        const o = i === 0 ? first : await send(port, request);
        const k = o.status === 200 && o.backend ? `${o.backend.namespace}/${o.backend.service}:${o.backend.port}` : String(o.status);
        counts.set(k, (counts.get(k) ?? 0) + 1);
        if (i === 20 && counts.size === 1) break; // no split: every answer the same
      }
      if (counts.size > 1) {
        first.weights = Object.fromEntries([...counts].map(([k, n]) => [k, n / [...counts.values()].reduce((a, b) => a + b, 0)]));
        first.weightTolerance = TOLERANCE;
      }
      return first;
    },
    close: () => proxy.stop(),
  };
}

function send(port: number, r: Request): Promise<Observed> {
  const https = r.scheme === 'https';
  const host = r.headers?.host ?? r.host;
  const servername = host.replace(/:\d+$/, '');
  const options = { host: '127.0.0.1', port, method: r.method ?? 'GET', path: r.target, headers: { ...r.headers, host }, agent: false as const, ...(https ? { servername, rejectUnauthorized: false } : {}) };
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
  const seen: Observed = { status: res.statusCode ?? 0, headers: {} };
  for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') seen.headers![k] = v;
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
