// Small upstreams for end-to-end tests: one HTTP server per backend on 127.0.0.1 (a free
// port each), answering JSON that names the backend and what it received.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Echo {
  /** the backend this server stands for, e.g. "default/tea-svc:80" */
  backend: string;
  method: string;
  /** the request target as received */
  path: string;
  host: string;
  headers: Record<string, string | string[] | undefined>;
  /** bytes of request body received */
  bodyBytes: number;
}

export interface EchoServers {
  /** backend → port */
  ports: Map<string, number>;
  close(): Promise<void>;
}

export async function startEchoServers(backends: readonly string[]): Promise<EchoServers> {
  const servers: Server[] = [];
  const ports = new Map<string, number>();
  try {
    for (const backend of backends) {
      const server = createServer((req, res) => {
        let bodyBytes = 0;
        req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
        req.on('end', () => {
          const echo: Echo = { backend, method: req.method ?? '', path: req.url ?? '', host: req.headers.host ?? '', headers: req.headers, bodyBytes };
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(echo));
        });
      });
      servers.push(server);
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
      ports.set(backend, (server.address() as AddressInfo).port);
    }
  } catch (err) {
    await closeAll(servers);
    throw err;
  }
  return { ports, close: () => closeAll(servers) };
}

async function closeAll(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections(); // proxies keep upstream connections alive
        }),
    ),
  );
}
