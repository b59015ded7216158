// serve --local: a reverse proxy driven by the RouteModel. Every request is routed by the
// model's own Matcher (the code `explain` runs), so serve cannot disagree with it.
import { createServer, ServerResponse, type IncomingMessage, type Server } from 'node:http';
import { createSecureServer, type Http2SecureServer, type Http2Session } from 'node:http2';
import { guardRequestHeads } from './head-timeout.js';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { SecureContext } from 'node:tls';
import { Matcher } from '../model/match.js';
import type { RouteModel } from '../model/types.js';
import { accessLine } from './access-log.js';
import { bodiless, limitedBody, refuseBody } from './body-limit.js';
import { serveEcho } from './echo.js';
import { sendEmpty, sendText, type Exchange, type Req, type Res } from './exchange.js';
import { hostOf } from './headers.js';
import { planRequest, type PlanContext } from './plan.js';
import { forwardH2 } from './proxy-h2.js';
import { forward, forwardUpgrade, UpstreamPool } from './proxy.js';
import { RateLimits } from './rate-limit.js';
import { RefusalLog } from './checked-headers.js';
import { CertificateStore, generateDefaultCertificate, secureContextOf, type KeyPair } from './tls.js';

export interface ServeOptions {
  /** default 127.0.0.1 */
  listenAddress?: string;
  /** 0 picks a free port; default 8080 */
  httpPort?: number;
  /** 0 picks a free port; default 8443 */
  httpsPort?: number;
  /** add x-ingressctl-route to responses (default true) */
  routeHeader?: boolean;
  /** answer backends without an --upstream with the echo backend (default true); else 503 */
  echo?: boolean;
  /** where access-log lines go; none when absent */
  accessLog?: (line: string) => void;
  /** where serve's notices go (a header value it refused to write, once per route); the access log's place when absent */
  log?: (line: string) => void;
  /** told of every finished request, as the access log is (serve's page, --ui, lists them) */
  observe?: (ex: Exchange, status: number | 'aborted') => void;
  /** the HTTPS port named in redirect locations (behind a port mapping); the bound one by default */
  redirectHttpsPort?: number;
  /** the certificate for hosts without a usable Secret and clients without SNI; generated when absent */
  defaultCertificate?: KeyPair;
  /** how long a pooled upstream connection may wait for its next request (default 4 s; tests shorten it) */
  upstreamIdleMs?: number;
  /** a client must send its whole request head within this time, else 408 and the connection closes (nginx's client_header_timeout; default 60 s) */
  headersTimeoutMs?: number;
}

const HEADERS_TIMEOUT_MS = 60_000;

/** One configuration: swapped whole, so a request finishes on the one it started with. */
interface Generation {
  matcher: Matcher;
  certs: CertificateStore;
  /** header values this configuration could not write, each logged once */
  refusals: RefusalLog;
}

export function countRoutes(model: RouteModel): number {
  return model.hosts.reduce((n, v) => n + v.routes.length + (v.defaultBackend ? 1 : 0), model.defaultBackend ? 1 : 0);
}

export class LocalProxy {
  private gen!: Generation;
  private readonly http: Server;
  private readonly https: Http2SecureServer;
  private readonly pool: UpstreamPool;
  /** rate-limit counters outlive config swaps, as nginx's zones outlive reloads */
  private readonly limits = new RateLimits();
  /**
   * Requests in flight, counted (stop() waits for none): a Set of them, added to and deleted
   * from on every request, kept request objects alive past young-generation collections, so
   * they were promoted and needed full collections (pauses of milliseconds, a high p99).
   */
  private inflight = 0;
  /** HTTP/1.x connections and how many of their requests are open */
  private readonly connections = new Map<Socket, number>();
  private readonly sessions = new Set<Http2Session>();
  private readonly upgraded = new Set<Socket>();
  private stopping = false;
  private readonly routeHeader: boolean;
  private readonly echo: boolean;
  /** the HTTPS listener's request-head timers, one per HTTP/1.x connection */
  private readonly heads: ReturnType<typeof guardRequestHeads>;

  private constructor(
    private readonly options: ServeOptions,
    private readonly fallback: SecureContext,
    pair: KeyPair,
  ) {
    this.routeHeader = options.routeHeader ?? true;
    this.pool = new UpstreamPool(options.upstreamIdleMs);
    this.echo = options.echo ?? true;
    // no overall request deadline: large bodies stream for as long as they take; but the
    // request head must arrive in time (a client trickling headers holds a connection)
    const headersTimeout = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
    this.http = createServer({ requestTimeout: 0, headersTimeout, connectionsCheckingInterval: Math.max(50, Math.min(headersTimeout / 4, 30_000)) }, (req, res) => this.handle('http', req, res));
    this.https = createSecureServer(
      { allowHTTP1: true, cert: pair.cert, key: pair.key, handshakeTimeout: headersTimeout, SNICallback: (name, cb) => cb(null, this.gen.certs.contextFor(name)) },
      (req, res) => this.handle('https', req, res),
    );
    this.heads = guardRequestHeads(this.https, headersTimeout);
    for (const [server, scheme] of [[this.http, 'http'], [this.https, 'https']] as const) {
      server.on(scheme === 'http' ? 'connection' : 'secureConnection', (s: Socket) => this.trackConnection(s));
      server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => this.handleUpgrade(scheme, req, socket, head));
    }
    this.https.on('session', (s: Http2Session) => {
      this.sessions.add(s);
      s.on('close', () => this.sessions.delete(s));
    });
  }

  /** Binds both listeners, then installs the model. */
  static async start(model: RouteModel, options: ServeOptions = {}): Promise<LocalProxy> {
    const pair = options.defaultCertificate ?? (await generateDefaultCertificate());
    const proxy = new LocalProxy(options, secureContextOf(pair), pair);
    const host = options.listenAddress ?? '127.0.0.1';
    try {
      await listen(proxy.http, host, options.httpPort ?? 8080);
      await listen(proxy.https, host, options.httpsPort ?? 8443);
    } catch (err) {
      proxy.http.close();
      proxy.https.close();
      throw err;
    }
    proxy.ports = { http: (proxy.http.address() as AddressInfo).port, https: (proxy.https.address() as AddressInfo).port };
    proxy.swap(model);
    return proxy;
  }

  // the bound ports, read once at start: server.address() is a system call, too dear for every request
  private ports = { http: 0, https: 0 };

  get httpPort(): number {
    return this.ports.http;
  }

  get httpsPort(): number {
    return this.ports.https;
  }

  get model(): RouteModel {
    return this.gen.matcher.model;
  }

  /** Installs a new model atomically: routes and certificates change together; listeners stay open. */
  swap(model: RouteModel): void {
    const matcher = new Matcher(model, { httpsPort: this.options.redirectHttpsPort ?? this.httpsPort, random: Math.random });
    this.gen = { matcher, certs: new CertificateStore(matcher, this.fallback), refusals: new RefusalLog(this.options.log ?? this.options.accessLog) };
  }

  /**
   * One listener each for the response's 'finish' and 'close' (not once(): its wrapper is
   * work and garbage on every request), and the 'close' one does all that follows a request:
   * counts, the HTTPS connection's head timer, the access log, aborting the upstream request.
   */
  private exchange(scheme: 'http' | 'https', req: Req, res: Res, port: number, request = true): Exchange {
    const remote = req.socket?.remoteAddress ?? '';
    const ip = remote.startsWith('::ffff:') ? remote.slice(7) : remote;
    const ex: Exchange = { req, res, client: { ip, scheme, host: hostOf(req.headers), port }, started: process.hrtime.bigint(), upstream: '-', finished: false, routeHeader: this.routeHeader, refusals: this.gen.refusals, abortOnClose: null };
    this.inflight++;
    const h1 = req.httpVersionMajor === 1 ? (req.socket as Socket) : undefined;
    if (h1) this.connections.set(h1, (this.connections.get(h1) ?? 0) + 1);
    // an HTTP/1.x request on the HTTPS listener: its connection's head timer waits for it (an upgrade has none)
    const head = request && h1 && scheme === 'https' ? this.heads.of(h1) : undefined;
    head?.started();
    if (this.stopping && h1) res.setHeader('connection', 'close');
    res.on('finish', () => (ex.finished = true));
    let closed = false; // (what once() guaranteed: counted down once, logged once)
    res.on('close', () => {
      if (closed) return;
      closed = true;
      this.inflight--;
      if (h1) this.requestDone(h1);
      head?.ended(h1!.destroyed);
      if (!this.upgraded.has(req.socket as Socket)) {
        const status = ex.finished ? res.statusCode : 'aborted';
        this.options.accessLog?.(accessLine(ex, status));
        this.options.observe?.(ex, status);
      }
      if (!ex.finished) ex.abortOnClose?.destroy();
    });
    return ex;
  }

  private handle(scheme: 'http' | 'https', req: Req, res: Res): void {
    const gen = this.gen; // this request finishes on the configuration it started with
    const ex = this.exchange(scheme, req, res, scheme === 'http' ? this.httpPort : this.httpsPort);
    try {
      // RFC 9112 §3.2: more than one Host is a bad request (proxies would disagree on which one counts)
      if (hostCount(req) > 1) return sendText(ex, 400, '400 Bad Request: more than one Host header', { connection: 'close' });
      this.route(gen, ex);
    } catch (err) {
      // a bug must cost one request, never the server
      sendText(ex, 500, `500 Internal Server Error: ${(err as Error).message}`);
    }
  }

  private route(gen: Generation, ex: Exchange): void {
    const { req } = ex;
    const plan = planRequest(this.planContext(gen), ex);
    if (plan.to === 'self') return sendText(ex, plan.status, plan.text, plan.headers);
    if (plan.to === 'empty') return sendEmpty(ex, plan.status);
    if (plan.to === 'too-large') return refuseBody(ex, plan.limit);
    // most requests have no body: no counting stream (a Transform and a pipe per request are costly)
    const body = bodiless(req) ? undefined : limitedBody(req, plan.policy.bodySizeLimit);
    if (plan.to === 'echo') serveEcho(ex, plan.backend, body ?? req, plan.path, plan.endpoint);
    else if (plan.target.backend.protocol === 'grpc' || plan.target.backend.protocol === 'grpcs') forwardH2(ex, plan.target, this.pool, body ?? req, plan.path);
    else forward(ex, plan.target, this.pool, body, plan.path);
  }

  private planContext(gen: Generation): PlanContext {
    return { matcher: gen.matcher, pool: this.pool, limits: this.limits, echo: this.echo };
  }

  /** HTTP/1.1 Upgrade (WebSocket): routed like any request; answered on the raw socket. */
  private handleUpgrade(scheme: 'http' | 'https', req: IncomingMessage, socket: Socket, head: Buffer): void {
    const res = new ServerResponse(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket);
    res.once('finish', () => socket.end());
    socket.once('close', () => res.emit('close'));
    const gen = this.gen;
    const ex = this.exchange(scheme, req, res, scheme === 'http' ? this.httpPort : this.httpsPort, false);
    this.upgraded.add(socket);
    socket.once('close', () => {
      this.upgraded.delete(socket);
      this.options.accessLog?.(accessLine(ex, res.statusCode));
      this.options.observe?.(ex, res.statusCode);
    });
    try {
      const plan = planRequest(this.planContext(gen), ex);
      if (plan.to === 'self') sendText(ex, plan.status, plan.text, plan.headers);
      else if (plan.to === 'empty') sendEmpty(ex, plan.status);
      else if (plan.to === 'too-large') sendText(ex, 413, `413 Request Entity Too Large: the request body is larger than ${plan.limit} bytes`);
      else if (plan.to === 'echo') serveEcho(ex, plan.backend, Readable.from([]), plan.path, plan.endpoint);
      else forwardUpgrade(ex, plan.target, this.pool, socket, head, plan.path);
    } catch (err) {
      sendText(ex, 500, `500 Internal Server Error: ${(err as Error).message}`);
    }
  }

  private trackConnection(s: Socket): void {
    this.connections.set(s, 0);
    s.once('close', () => this.connections.delete(s));
  }

  private requestDone(s: Socket): void {
    const open = (this.connections.get(s) ?? 1) - 1;
    if (!this.connections.has(s)) return;
    this.connections.set(s, open);
    if (this.stopping && open === 0 && !this.upgraded.has(s)) s.end();
  }

  /**
   * Graceful stop: no new connections, idle ones closed, in-flight requests (and open
   * WebSockets) given up to `graceMs` to finish, then whatever is left is cut.
   */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const closed = Promise.all([this.http, this.https].map((s) => new Promise<void>((r) => s.close(() => r()))));
    for (const [s, open] of this.connections) if (open === 0 && !this.upgraded.has(s) && !isH2(s)) s.end();
    for (const s of this.sessions) s.close();
    const deadline = Date.now() + graceMs;
    while ((this.inflight || this.upgraded.size) && Date.now() < deadline) await sleep(20);
    for (const s of this.connections.keys()) s.destroy();
    for (const s of this.upgraded) s.destroy();
    for (const s of this.sessions) s.destroy();
    this.pool.close();
    await closed;
  }
}

function hostCount(req: Req): number {
  let n = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i].length === 4 && req.rawHeaders[i].toLowerCase() === 'host') n++;
  return n;
}

function isH2(s: Socket): boolean {
  return (s as Socket & { alpnProtocol?: string | false }).alpnProtocol === 'h2';
}

function listen(server: Server | Http2SecureServer, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
