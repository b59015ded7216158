// Echo servers that say which backend answered (and what they received), and a raw
// HTTP/1.1 client that sends exactly the bytes a test asks for (paths like /a//../b or
// /a\b that URL-parsing clients would rewrite). Loopback only; every wait is bounded.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createH2cServer, createSecureServer as createH2Server, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { connect as tcpConnect, type AddressInfo, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';

export interface EchoServers {
  /** backend name → port */
  ports: Map<string, number>;
  close(): Promise<void>;
}

/** What an echo server answers: its name, and the request as it arrived. */
export interface Echo {
  backend: string;
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** "1.1" or "2.0" */
  httpVersion?: string;
  /** the request came over TLS */
  tls?: boolean;
}

/** How an echo server speaks: plain HTTP/1.1 (default), HTTPS, HTTP/2 cleartext (gRPC) or HTTP/2 over TLS (gRPCS). */
export type EchoProtocol = 'http' | 'https' | 'h2c' | 'h2';

/** The echo answer; a request header x-echo-delay-ms (at most 3000) holds it back, for timeouts and concurrency. */
function echoHandler(name: string) {
  return (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const echo: Echo = { backend: name, method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers }, httpVersion: req.httpVersion, tls: Boolean((req.socket as { encrypted?: boolean }).encrypted) };
      const body = JSON.stringify(echo);
      const delay = Math.min(3000, Number(req.headers['x-echo-delay-ms']) || 0);
      const out = res as unknown as { destroyed: boolean; writeHead(status: number, headers: Record<string, string | number>): void; end(body: string): void };
      setTimeout(() => {
        if (out.destroyed) return;
        out.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-echo-backend': name });
        out.end(body);
      }, delay);
    });
  };
}

export async function startEchoServers(names: readonly string[], protocols: ReadonlyMap<string, EchoProtocol> = new Map(), tls?: { key: string; cert: string }): Promise<EchoServers> {
  const servers: Server[] = [];
  const closers: (() => void)[] = [];
  const ports = new Map<string, number>();
  for (const name of names) {
    const protocol = protocols.get(name) ?? 'http';
    if (protocol !== 'http' && protocol !== 'h2c' && !tls) throw new Error(`echo server ${name}: ${protocol} needs a certificate`);
    const handler = echoHandler(name);
    const server = (protocol === 'http'
      ? createServer(handler)
      : protocol === 'https'
        ? createHttpsServer(tls!, handler)
        : protocol === 'h2c'
          ? createH2cServer(handler)
          : createH2Server({ ...tls!, allowHTTP1: false }, handler)) as unknown as Server;
    if ('keepAliveTimeout' in server) server.keepAliveTimeout = 1000;
    // every connection is cut at close, HTTP/2 sessions included
    const sockets = new Set<Socket>();
    server.on('connection', (c: Socket) => (sockets.add(c), c.once('close', () => sockets.delete(c))));
    closers.push(() => sockets.forEach((c) => c.destroy()));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    servers.push(server);
    ports.set(name, (server.address() as AddressInfo).port);
  }
  return {
    ports,
    close: async () => {
      closers.forEach((c) => c());
      await Promise.all(servers.map((s) => new Promise<void>((ok) => s.close(() => ok()))));
    },
  };
}

export interface RawRequest {
  port: number;
  /** TLS with this SNI name */
  sni?: string;
  host?: string;
  target: string;
  method?: string;
  headers?: [string, string][];
  body?: string;
}

export interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
  /** subject alternative names of the server certificate (TLS only) */
  certNames?: string;
}

/** One request on a fresh connection (Connection: close); rejects after `timeoutMs`. */
export function rawRequest(r: RawRequest, timeoutMs = 3000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const lines = [`${r.method ?? 'GET'} ${r.target} HTTP/1.1`, ...(r.host !== undefined ? [`Host: ${r.host}`] : []), 'Connection: close', ...(r.headers ?? []).map(([k, v]) => `${k}: ${v}`)];
    const payload = `${lines.join('\r\n')}\r\n\r\n${r.body ?? ''}`;
    let socket: Socket | TLSSocket;
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms for ${r.target}`));
    }, timeoutMs);
    const onConnect = () => socket.write(payload);
    socket = r.sni !== undefined
      ? tlsConnect({ host: '127.0.0.1', port: r.port, servername: r.sni, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] }, onConnect)
      : tcpConnect(r.port, '127.0.0.1', onConnect);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.on('end', () => {
      clearTimeout(timer);
      const certNames = r.sni !== undefined ? (socket as TLSSocket).getPeerCertificate().subjectaltname ?? '' : undefined;
      try {
        resolve({ ...parseResponse(Buffer.concat(chunks).toString('latin1')), ...(certNames !== undefined ? { certNames } : {}) });
      } catch (err) {
        reject(err);
      }
      socket.destroy();
    });
  });
}

function parseResponse(text: string): Omit<RawResponse, 'certNames'> {
  const end = text.indexOf('\r\n\r\n');
  if (end === -1) throw new Error(`incomplete HTTP response: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...headerLines] = text.slice(0, end).split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!m) throw new Error(`not an HTTP response: ${JSON.stringify(statusLine)}`);
  const headers = new Map<string, string>();
  for (const h of headerLines) {
    const colon = h.indexOf(':');
    if (colon > 0) headers.set(h.slice(0, colon).trim().toLowerCase(), h.slice(colon + 1).trim());
  }
  return { status: Number(m[1]), headers, body: text.slice(end + 4) };
}
