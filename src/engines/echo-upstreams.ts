// Echo upstreams for running a rendered config for real: one small HTTP server per
// backend on 127.0.0.1, answering JSON that says which backend it is and what it received.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatBackend } from '../model/backends.js';
import type { Backend, RouteModel } from '../model/types.js';

export interface EchoReply {
  namespace: string;
  service: string;
  port: number | null;
  method: string;
  host: string;
  path: string;
  query: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A backend's identity among the echo upstreams: the model's one text for it. */
export const backendKey = formatBackend;

/** Every backend a model can send traffic to. */
export function modelBackends(model: RouteModel): Backend[] {
  const all = new Map<string, Backend>();
  const add = (b: Backend) => all.set(backendKey(b), b);
  for (const v of model.hosts) {
    v.routes.forEach((r) => add(r.backend));
    if (v.defaultBackend) add(v.defaultBackend.backend);
  }
  if (model.defaultBackend) add(model.defaultBackend.backend);
  return [...all.values()].sort((a, b) => backendKey(a).localeCompare(backendKey(b)));
}

export interface EchoUpstreams {
  /** backend key → the port its echo server listens on */
  ports: Map<string, number>;
  close(): Promise<void>;
}

/** `headers`: response headers every echo answer carries besides its own (tests of what a proxy does with an upstream's headers). */
export async function startEchoUpstreams(backends: readonly Backend[], options: { headers?: Readonly<Record<string, string>> } = {}): Promise<EchoUpstreams> {
  const servers: Server[] = [];
  const ports = new Map<string, number>();
  for (const b of backends) {
    const server = createServer((req, res) => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const reply: EchoReply = {
        namespace: b.namespace,
        service: b.service,
        port: b.port,
        method: req.method ?? 'GET',
        host: req.headers.host ?? '',
        path: q === -1 ? url : url.slice(0, q),
        query: q === -1 ? '' : url.slice(q + 1),
        headers: req.headers,
      };
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { ...options.headers, 'content-type': 'application/json', 'x-echo-backend': backendKey(b) });
        res.end(JSON.stringify(reply));
      });
    });
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
    servers.push(server);
    ports.set(backendKey(b), (server.address() as AddressInfo).port);
  }
  return {
    ports,
    close: async () => {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve())))));
    },
  };
}
