// serve for a Gateway: one local server per listener port (HTTP, or HTTPS with HTTP/2 and
// SNI), each request decided by the GatewayMatcher (the code explain runs) and answered by
// serve's own pieces (echo backend, upstream proxy, header relay).
import { createServer as createHttp1Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { createSecureServer, createServer as createH2cServer, type Http2SecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { Duplex } from 'node:stream';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createSecureContext, type SecureContext, type TLSSocket } from 'node:tls';
import { UsageError } from '../cli/exit.js';
import type { GatewayModel, RouteModel } from '../model/types.js';
import { accessLine } from '../serve/access-log.js';
import { bodiless, limitedBody } from '../serve/body-limit.js';
import { serveEcho } from '../serve/echo.js';
import { sendEmpty, sendText, type Exchange, type Req, type Res } from '../serve/exchange.js';
import { hostOf } from '../serve/headers.js';
import { planRequest } from '../serve/plan.js';
import { forward, UpstreamPool } from '../serve/proxy.js';
import { forwardH2 } from '../serve/proxy-h2.js';
import { RateLimits } from '../serve/rate-limit.js';
import { RefusalLog } from '../serve/checked-headers.js';
import { generateDefaultCertificate, secureContextOf, type KeyPair } from '../serve/tls.js';
import { hostMatches, specificity } from './hostnames.js';
import { GatewayMatcher } from './match.js';

import { localPorts, type PortOptions } from './local-ports.js';

export { localPorts, type PortOptions };

const H2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

/**
 * A plain-text listener that speaks HTTP/1.1 and HTTP/2 with prior knowledge (h2c), as
 * GRPCRoute on an HTTP listener requires: the first bytes of a connection decide.
 */
function cleartextServer(handler: (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => void): Server {
  const h1 = createHttp1Server(handler);
  const h2 = createH2cServer(handler);
  return createNetServer((socket) => {
    let seen = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      seen = Buffer.concat([seen, chunk]);
      const n = Math.min(seen.length, H2_PREFACE.length);
      const isH2 = seen.subarray(0, n).equals(H2_PREFACE.subarray(0, n));
      if (isH2 && seen.length < H2_PREFACE.length) return; // wait for the whole preface
      socket.off('data', onData);
      socket.pause();
      if (!isH2) {
        socket.unshift(seen);
        h1.emit('connection', socket);
        socket.resume();
        return;
      }
      // HTTP/2 reads a socket's handle directly, past what was unshifted: hand it a stream
      // that replays the preface, then relays the socket both ways
      const stream = new Duplex({
        read: () => void socket.resume(),
        write: (chunk, encoding, cb) => void socket.write(chunk, encoding, cb),
        final: (cb) => void (socket.end(), cb()),
        destroy: (err, cb) => void (socket.destroy(err ?? undefined), cb(err)),
      });
      Object.defineProperty(stream, 'remoteAddress', { value: socket.remoteAddress });
      stream.push(seen);
      socket.on('data', (d: Buffer) => void (stream.push(d) || socket.pause()));
      socket.on('end', () => stream.push(null));
      socket.on('close', () => stream.destroy());
      h2.emit('connection', stream);
    };
    socket.on('data', onData);
  });
}

export interface GatewayServeOptions extends PortOptions {
  listenAddress?: string;
  echo?: boolean;
  routeHeader?: boolean;
  accessLog?: (line: string) => void;
  /** where serve's notices go (a header value it refused to write, once per route); the access log's place when absent */
  log?: (line: string) => void;
  defaultCertificate?: KeyPair;
}

export class GatewayProxy {
  private matcher: GatewayMatcher;
  /** header values this configuration could not write, each logged once */
  private refusals: RefusalLog;
  private readonly servers: (Server | Http2SecureServer)[] = [];
  private readonly pool = new UpstreamPool();
  private readonly limits = new RateLimits();
  private readonly sockets = new Set<Socket>();
  /** listener port → the local port bound */
  readonly ports = new Map<number, number>();
  private contexts = new Map<string, SecureContext>();

  private constructor(
    gateway: GatewayModel,
    private readonly options: GatewayServeOptions,
    private readonly fallback: SecureContext,
  ) {
    this.matcher = new GatewayMatcher(gateway, { random: Math.random });
    this.refusals = new RefusalLog(options.log ?? options.accessLog);
    this.loadCertificates(gateway);
  }

  static async start(gateway: GatewayModel, options: GatewayServeOptions): Promise<GatewayProxy> {
    const plan = localPorts(gateway, options);
    const pair = options.defaultCertificate ?? (await generateDefaultCertificate());
    const proxy = new GatewayProxy(gateway, options, secureContextOf(pair));
    const host = options.listenAddress ?? '127.0.0.1';
    try {
      for (const [port, { local, protocol }] of plan) {
        const server =
          protocol === 'HTTP'
            ? cleartextServer((req, res) => proxy.handle('http', port, req, res))
            : createSecureServer({ allowHTTP1: true, cert: pair.cert, key: pair.key, SNICallback: (name, cb) => cb(null, proxy.contextFor(port, name)) }, (req, res) => proxy.handle('https', port, req, res));
        server.on(protocol === 'HTTP' ? 'connection' : 'secureConnection', (s: Socket) => {
          proxy.sockets.add(s);
          s.once('close', () => proxy.sockets.delete(s));
        });
        proxy.servers.push(server);
        await new Promise<void>((resolve, reject) => {
          server.once('error', (err: NodeJS.ErrnoException) => reject(new UsageError(`cannot listen on ${host}:${local} for listener port ${port}: ${err.code === 'EADDRINUSE' ? 'the port is in use' : err.message}${local === port ? ` (use --map-port ${port}=LOCAL)` : ''}`)));
          server.listen(local, host, () => resolve());
        });
        proxy.ports.set(port, (server.address() as AddressInfo).port);
      }
    } catch (err) {
      await proxy.stop();
      throw err;
    }
    return proxy;
  }

  get gateway(): GatewayModel {
    return this.matcher.gateway;
  }

  /** A new model: the same Gateway's listeners and routes (ports already bound stay bound). */
  swap(model: RouteModel): boolean {
    const g = model.gateways?.find((x) => x.namespace === this.gateway.namespace && x.name === this.gateway.name);
    if (!g) return false;
    this.matcher = new GatewayMatcher(g, { random: Math.random });
    this.refusals = new RefusalLog(this.options.log ?? this.options.accessLog);
    this.loadCertificates(g);
    return true;
  }

  private loadCertificates(g: GatewayModel): void {
    const contexts = new Map<string, SecureContext>();
    for (const l of g.listeners) {
      if (l.protocol === 'HTTPS' && l.tls?.usable && l.tls.certPem && l.tls.keyPem) contexts.set(`${l.port}\u0000${l.hostname ?? ''}`, createSecureContext({ cert: l.tls.certPem, key: l.tls.keyPem }));
    }
    this.contexts = contexts;
  }

  /** The certificate of the most specific HTTPS listener on the port whose hostname takes the server name. */
  private contextFor(port: number, name: string): SecureContext {
    let best: { s: number; ctx: SecureContext } | undefined;
    for (const l of this.gateway.listeners) {
      if (l.port !== port || l.protocol !== 'HTTPS' || (l.hostname && !hostMatches(l.hostname, name.toLowerCase()))) continue;
      const ctx = this.contexts.get(`${l.port}\u0000${l.hostname ?? ''}`);
      if (ctx && (!best || specificity(l.hostname) > best.s)) best = { s: specificity(l.hostname), ctx };
    }
    return best?.ctx ?? this.fallback;
  }

  private handle(scheme: 'http' | 'https', port: number, req: Req, res: Res): void {
    const matcher = this.matcher;
    const ip = (req.socket?.remoteAddress ?? '').replace(/^::ffff:/, '');
    const ex: Exchange = { req, res, client: { ip, scheme, host: hostOf(req.headers), port: this.ports.get(port) ?? port }, started: process.hrtime.bigint(), upstream: '-', finished: false, routeHeader: this.options.routeHeader ?? true, refusals: this.refusals };
    res.once('finish', () => (ex.finished = true));
    res.once('close', () => this.options.accessLog?.(accessLine(ex, ex.finished ? res.statusCode : 'aborted')));
    try {
      const sni = scheme === 'https' ? (req.socket as TLSSocket).servername || undefined : undefined;
      const view = { model: { hosts: [], findings: [] } as RouteModel, match: (r: Parameters<GatewayMatcher['match']>[0]) => matcher.match({ ...r, port, ...(sni ? { sni } : {}) }) };
      const plan = planRequest({ matcher: view, pool: this.pool, limits: this.limits, echo: this.options.echo ?? true }, ex);
      if (plan.to === 'self') return sendText(ex, plan.status, plan.text, plan.headers);
      if (plan.to === 'empty') return sendEmpty(ex, plan.status);
      if (plan.to === 'too-large') return sendText(ex, 413, '413 Request Entity Too Large');
      const body = bodiless(req) ? undefined : limitedBody(req, plan.policy.bodySizeLimit);
      if (plan.to === 'echo') serveEcho(ex, plan.backend, body ?? req, plan.path, plan.endpoint);
      else if (plan.target.backend.protocol === 'grpc' || plan.target.backend.protocol === 'grpcs') forwardH2(ex, plan.target, this.pool, body ?? req, plan.path);
      else forward(ex, plan.target, this.pool, body, plan.path);
    } catch (err) {
      sendText(ex, 500, `500 Internal Server Error: ${(err as Error).message}`);
    }
  }

  async stop(): Promise<void> {
    const closed = Promise.all(this.servers.filter((s) => s.listening).map((s) => new Promise<void>((r) => s.close(() => r()))));
    for (const s of this.sockets) s.destroy();
    this.pool.close();
    await closed;
  }
}
