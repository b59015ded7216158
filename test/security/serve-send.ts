// One request to a serve listener over HTTP/1.1 (plain) or HTTP/2 (TLS, ALPN h2), the answer
// kept as received: every header line, and what the backend (serve's echo backend or an
// echo upstream) says it received. A malformed answer fails the request.
import { request as httpRequest } from 'node:http';
import { connect as h2connect } from 'node:http2';

export type Protocol = 'http/1.1' | 'h2';

export interface Answer {
  status: number;
  /** [lower-case name, value] as received, repeated fields separately (HTTP/2: as Node hands them over) */
  headers: [string, string][];
  /** a header's values joined with ", ", undefined when absent */
  header(name: string): string | undefined;
  body: string;
  /** what the backend received, when an echo answered */
  upstream?: { host: string; headers: Record<string, string | string[] | undefined> };
}

const TIMEOUT_MS = 5000;

function answer(status: number, headers: [string, string][], body: string): Answer {
  const header = (name: string) => {
    const v = headers.filter(([n]) => n === name).map(([, x]) => x);
    return v.length ? v.join(', ') : undefined;
  };
  const echoed = status === 200 && (header('x-ingressctl-echo') || header('x-echo-backend'));
  return { status, headers, header, body, ...(echoed ? { upstream: JSON.parse(body) as Answer['upstream'] } : {}) };
}

export function sendTo(port: number, protocol: Protocol, host: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return protocol === 'h2' ? sendH2(port, host, path, headers) : sendH1(port, host, path, headers);
}

function sendH1(port: number, host: string, path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { ...headers, host, connection: 'close' }, agent: false, timeout: TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const lines: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) lines.push([res.rawHeaders[i].toLowerCase(), res.rawHeaders[i + 1]]);
        resolve(answer(res.statusCode ?? 0, lines, Buffer.concat(chunks).toString('utf8')));
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms: http://${host}${path}`)));
    req.on('error', reject);
    req.end();
  });
}

function sendH2(port: number, host: string, path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const session = h2connect(`https://127.0.0.1:${port}`, { rejectUnauthorized: false, servername: host, ALPNProtocols: ['h2'] });
    const timer = setTimeout(() => session.destroy(new Error(`no answer within ${TIMEOUT_MS} ms: https://${host}${path} (h2)`)), TIMEOUT_MS);
    const fail = (err: Error) => {
      clearTimeout(timer);
      session.destroy();
      reject(err);
    };
    session.on('error', fail);
    const stream = session.request({ ':method': 'GET', ':path': path, ':authority': host, ':scheme': 'https', ...headers });
    stream.on('error', fail);
    let status = 0;
    const lines: [string, string][] = [];
    stream.on('response', (h) => {
      status = Number(h[':status']);
      for (const [name, value] of Object.entries(h)) {
        if (name.startsWith(':') || value === undefined) continue;
        for (const v of Array.isArray(value) ? value : [value]) lines.push([name, String(v)]);
      }
    });
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      clearTimeout(timer);
      session.close();
      resolve(answer(status, lines, Buffer.concat(chunks).toString('utf8')));
    });
  });
}
