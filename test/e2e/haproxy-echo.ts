// Echo servers that say which backend answered (and what they received), and a raw
// HTTP/1.1 client that sends exactly the bytes a test asks for (paths like /a//../b or
// /a\b that URL-parsing clients would rewrite). Loopback only; every wait is bounded.
import { createServer, type Server } from 'node:http';
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
}

export async function startEchoServers(names: readonly string[]): Promise<EchoServers> {
  const servers: Server[] = [];
  const ports = new Map<string, number>();
  for (const name of names) {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const echo: Echo = { backend: name, method: req.method ?? '', url: req.url ?? '', headers: req.headers };
        const body = JSON.stringify(echo);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-echo-backend': name });
        res.end(body);
      });
    });
    server.keepAliveTimeout = 1000;
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    servers.push(server);
    ports.set(name, (server.address() as AddressInfo).port);
  }
  return {
    ports,
    close: async () => {
      await Promise.all(servers.map((s) => new Promise<void>((ok) => (s.closeAllConnections(), s.close(() => ok())))));
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
