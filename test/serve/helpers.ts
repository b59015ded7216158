// Helpers for serve tests: a proxy on free ports, one-shot HTTP(S) requests with a deadline,
// small upstream servers. Everything on 127.0.0.1.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { loadInputs } from '../../src/load/index.js';
import { resolve, type ResolveOptions } from '../../src/model/resolve.js';
import type { RouteModel } from '../../src/model/types.js';
import { LocalProxy, type ServeOptions } from '../../src/serve/server.js';
import { generateDefaultCertificate, type KeyPair } from '../../src/serve/tls.js';
import { run } from '../../src/cli/run.js';
import { modelOf } from '../helpers.js';

let certificate: Promise<KeyPair> | undefined;
/** One default certificate per test process (generating one per proxy is wasted time). */
export const defaultCertificate = () => (certificate ??= generateDefaultCertificate());

/** A model from manifest files or folders. */
export function modelFrom(paths: string[], options: ResolveOptions = {}): RouteModel {
  return resolve(loadInputs(paths).documents, options);
}

/** Starts a proxy on free ports; the caller must stop() it (use withProxy where possible). */
export async function startProxy(model: RouteModel | string, options: ServeOptions = {}): Promise<LocalProxy> {
  const m = typeof model === 'string' ? modelOf(model) : model;
  return LocalProxy.start(m, { httpPort: 0, httpsPort: 0, defaultCertificate: await defaultCertificate(), ...options });
}

export async function withProxy<T>(model: RouteModel | string, options: ServeOptions, fn: (p: LocalProxy) => Promise<T>): Promise<T> {
  const p = await startProxy(model, options);
  try {
    return await fn(p);
  } finally {
    await p.stop(1000);
  }
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** HTTPS only: the certificate the server presented */
  fingerprint256?: string;
  alpn?: string | false;
}

export interface Call {
  scheme?: 'http' | 'https';
  host: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** TLS server name; the Host without port by default; null for none */
  servername?: string | null;
  timeoutMs?: number;
}

/** One request to the proxy (no connection reuse), failing after timeoutMs. */
export function call(proxy: LocalProxy, c: Call): Promise<Reply> {
  const https = c.scheme === 'https';
  const servername = c.servername === undefined ? c.host.replace(/:\d+$/, '') : c.servername;
  const opts = {
    host: '127.0.0.1',
    port: https ? proxy.httpsPort : proxy.httpPort,
    method: c.method ?? 'GET',
    path: c.path,
    headers: { host: c.host, ...c.headers },
    agent: false as const,
    // servername '' sends no SNI (https would otherwise take it from the Host header)
    ...(https ? { rejectUnauthorized: false, servername: servername ?? '' } : {}),
  };
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(opts, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      const tls = https ? (res.socket as TLSSocket) : undefined;
      const fingerprint256 = tls?.getPeerCertificate().fingerprint256;
      const alpn = tls?.alpnProtocol ?? undefined;
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString(), fingerprint256, alpn }));
      res.on('error', reject);
    });
    req.setTimeout(c.timeoutMs ?? 5000, () => req.destroy(new Error(`no answer within ${c.timeoutMs ?? 5000} ms`)));
    req.on('error', reject);
    req.end(c.body);
  });
}

export interface TestServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/** A plain HTTP server on a free port (an upstream for --upstream). */
export async function upstreamServer(handler: RequestListener): Promise<TestServer> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A port nothing listens on (bound once, then released). */
export async function closedPort(): Promise<number> {
  const s = await upstreamServer(() => {});
  const port = s.port;
  await s.close();
  return port;
}

/** The backend an echo answer names, as "ns/svc:port". */
export function echoed(r: Reply): string {
  const j = JSON.parse(r.body);
  return `${j.namespace}/${j.service}:${j.port}`;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LiveCli {
  /** resolves with the first stdout line (where serve listens) */
  ready: Promise<{ line: string; httpPort: number; httpsPort: number }>;
  stderr(): string;
  /** SIGTERM as the process would get it; resolves with the exit code */
  stop(): Promise<number>;
}

/** Runs `ingressctl serve …` in-process and hands back its live output. */
export function serveCli(argv: string[], stdin = ''): LiveCli {
  let out = '';
  let err = '';
  let announce!: (v: { line: string; httpPort: number; httpsPort: number }) => void;
  let fail!: (e: Error) => void;
  const ready = new Promise<{ line: string; httpPort: number; httpsPort: number }>((r, j) => ((announce = r), (fail = j)));
  const done = run(['serve', '--local', '--http-port', '0', '--https-port', '0', ...argv], {
    stdout: {
      write: (s: string) => {
        out += s;
        const m = /http:\/\/[^ ]+:(\d+) and https:\/\/[^ ]+:(\d+)/.exec(out);
        if (m) announce({ line: out.split('\n')[0], httpPort: Number(m[1]), httpsPort: Number(m[2]) });
      },
    },
    stderr: { write: (s: string) => (err += s) },
    stdin: () => stdin,
    env: { NO_COLOR: '1' },
    cwd: process.cwd(),
  });
  void done.then((code) => fail(new Error(`serve exited with ${code} before listening: ${err}`)));
  return {
    ready,
    stderr: () => err,
    stop: async () => {
      await ready.catch(() => {});
      process.emit('SIGTERM', 'SIGTERM');
      return done;
    },
  };
}
