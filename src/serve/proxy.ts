// Forwarding to real upstreams (the --upstream addresses): keep-alive pools, bodies
// streamed both ways, timeouts from the route policy, 502/504 naming the backend.
import { Agent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect as h2connect, type ClientHttp2Session } from 'node:http2';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { formatBackend } from '../model/backends.js';
import type { Timeouts } from '../model/policy.js';
import type { Backend, Endpoint } from '../model/types.js';
import { BodyTooLarge, refuseBody } from './body-limit.js';
import { abortWithClient, mergeHeaders, sendText, upstreamHeaders, type Exchange } from './exchange.js';
import type { HeaderList } from './headers.js';

export interface UpstreamTarget {
  backend: Backend;
  endpoint: Endpoint;
  timeouts: Timeouts;
}

export class UpstreamTimeout extends Error {
  constructor(readonly phase: 'connect' | 'read', readonly seconds: number) {
    super(`${phase} timeout`);
  }
}

/** How long a pooled upstream connection may stay idle: closed before Node's own 5 s server keep-alive would close it under us. */
export const IDLE_MS = 4000;

/** What a pooled connection knows of the request on it, for the read timeout. */
interface Watch {
  /** the request it carries (none while it waits in the pool) */
  req?: ClientRequest;
  /** the read timeout of that request's route, ms (0: none) */
  read: number;
  /** how long the connection has been silent (no byte read or written), ms, as of its last timer */
  silent: number;
  /** its bytes read and written at its last timer */
  bytes: number;
}

const WATCH = Symbol('ingressctl upstream watch');
type Watched = Socket & { [WATCH]?: Watch };

/**
 * An agent whose connections each keep one timer from start to end. Node's agent `timeout`
 * option and a request's setTimeout each made a new timer (and listeners) for every request:
 * the idle timer set again when the connection went back to the pool, the read timeout's
 * when it left it. Here the connection's own timer (refreshed by Node on every read and
 * write) runs at the idle limit throughout; the agent's listener closes it when it fires in
 * the pool, and while a request is on it the silences are added up to that request's read
 * timeout (a read timeout that is no multiple of the idle limit sets the timer for that request).
 */
function pooled<A extends Agent>(agent: A, idleMs: number): A {
  const create = agent.createConnection.bind(agent) as (...args: unknown[]) => Socket | undefined;
  agent.createConnection = ((...args: unknown[]) => {
    const s = create(...args) as Watched | undefined;
    if (s) watch(s, idleMs);
    return s;
  }) as A['createConnection'];
  agent.keepSocketAlive = (socket: Socket) => {
    socket.setKeepAlive(true, (agent as Agent & { keepAliveMsecs?: number }).keepAliveMsecs ?? 1000);
    socket.unref();
    const w = (socket as Watched)[WATCH];
    // the upstream's Keep-Alive: timeout=N (as Node's agent: a second before it, or not kept when N ≤ 1)
    const limit = keepAliveLimit(w?.req, idleMs);
    if (w) w.req = undefined;
    if (limit === 0) return false;
    if (socket.timeout !== limit) socket.setTimeout(limit);
    return true;
  };
  return agent;
}

function watch(s: Watched, idleMs: number): void {
  const w: Watch = { read: 0, silent: 0, bytes: -1 };
  s[WATCH] = w;
  s.setTimeout(idleMs);
  s.on('timeout', () => {
    const req = w.req;
    if (!req || req.destroyed || req.socket !== s) return; // in the pool: the agent's own listener closes it
    const bytes = s.bytesRead + s.bytesWritten;
    const tick = s.timeout ?? idleMs;
    w.silent = bytes === w.bytes ? w.silent + tick : tick;
    w.bytes = bytes;
    if (w.read > 0 && w.silent >= w.read) return void req.destroy(new UpstreamTimeout('read', w.read / 1000));
    s.setTimeout(tick); // a timer that fired waits for the next read or write; the silence goes on being counted
  });
}

/** A request takes a pooled connection: its read timeout is counted from now. */
function track(s: Socket, req: ClientRequest, readSeconds: number): void {
  const w = (s as Watched)[WATCH];
  if (!w) return;
  w.req = req;
  w.read = readSeconds * 1000;
  w.silent = 0;
  w.bytes = -1;
  const tick = s.timeout || 1;
  if (w.read > 0 && w.read % tick !== 0) s.setTimeout(w.read);
}

/** The idle limit for a connection after `req`'s response: `idleMs`, shortened by the upstream's Keep-Alive timeout; 0: do not keep it. */
function keepAliveLimit(req: ClientRequest | undefined, idleMs: number): number {
  const raw = (req as (ClientRequest & { res?: IncomingMessage }) | undefined)?.res?.rawHeaders;
  if (!raw) return idleMs;
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].length !== 10 || raw[i].toLowerCase() !== 'keep-alive') continue;
    const hint = /^timeout=(\d+)/.exec(raw[i + 1])?.[1];
    if (!hint) return idleMs;
    const ms = Number(hint) * 1000 - 1000;
    return ms <= 0 ? 0 : Math.min(ms, idleMs);
  }
  return idleMs;
}

/** Keep-alive connection pools (HTTP/1.1 agents, HTTP/2 sessions), one per upstream address; they outlive config swaps. */
export class UpstreamPool {
  private readonly agents = new Map<string, Agent>();
  private readonly sessions = new Map<string, ClientHttp2Session>();
  private readonly turns = new Map<string, number>();

  /** `idleMs`: how long a pooled connection may wait for its next request */
  constructor(private readonly idleMs = IDLE_MS) {}

  /** each endpoint object's agents (the key text is not made again for every request) */
  private byEndpoint = [new WeakMap<Endpoint, Agent>(), new WeakMap<Endpoint, Agent>()];
  /** each backend object's round-robin key */
  private readonly backendKeys = new WeakMap<Backend, string>();

  agent(e: Endpoint, secure: boolean): Agent {
    const known = this.byEndpoint[secure ? 1 : 0].get(e);
    if (known) return known;
    const key = `${secure ? 'https' : 'http'}://${addressText(e)}`;
    let a = this.agents.get(key);
    // upstream certificates are not verified (as ingress-nginx's proxy_ssl_verify off)
    const options = { keepAlive: true, maxFreeSockets: 64, scheduling: 'lifo' as const };
    if (!a) this.agents.set(key, (a = pooled(secure ? new HttpsAgent({ ...options, rejectUnauthorized: false }) : new Agent(options), this.idleMs)));
    this.byEndpoint[secure ? 1 : 0].set(e, a);
    return a;
  }

  /** One multiplexed HTTP/2 session per upstream (gRPC), opened again when it closes. */
  session(e: Endpoint, secure: boolean): ClientHttp2Session {
    const key = `${secure ? 'https' : 'http'}://${addressText(e)}`;
    const open = this.sessions.get(key);
    if (open && !open.closed && !open.destroyed) return open;
    const s = h2connect(key, { rejectUnauthorized: false });
    s.on('error', () => {});
    s.on('close', () => this.sessions.get(key) === s && this.sessions.delete(key));
    s.setTimeout(60_000, () => s.close()); // idle sessions go away
    this.sessions.set(key, s);
    return s;
  }

  /** Round-robin over a backend's endpoints. */
  pick(backend: Backend, endpoints: Endpoint[]): Endpoint {
    let key = this.backendKeys.get(backend);
    if (key === undefined) this.backendKeys.set(backend, (key = formatBackend(backend)));
    const turn = this.turns.get(key) ?? 0;
    this.turns.set(key, turn + 1);
    return endpoints[turn % endpoints.length];
  }

  close(): void {
    this.byEndpoint = [new WeakMap(), new WeakMap()];
    for (const a of this.agents.values()) a.destroy();
    for (const s of this.sessions.values()) s.destroy();
    this.agents.clear();
    this.sessions.clear();
  }
}

export function addressText(e: Endpoint): string {
  return e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`;
}

export function describe(t: UpstreamTarget): string {
  return `upstream ${formatBackend(t.backend)} (${addressText(t.endpoint)})`;
}

/** Opens the upstream request with the policy's connect and read timeouts armed. */
function openUpstream(ex: Exchange, t: UpstreamTarget, pool: UpstreamPool, path: string, upgrade: boolean): ClientRequest {
  const headers = upstreamHeaders(ex);
  if (upgrade) headers.push('connection', 'upgrade', 'upgrade', String(ex.req.headers.upgrade));
  const secure = t.backend.protocol === 'https';
  const options = { host: t.endpoint.ip, port: t.endpoint.port, method: ex.req.method, path, headers, setHost: false, agent: upgrade ? false : pool.agent(t.endpoint, secure) };
  const up = secure ? httpsRequest({ ...options, rejectUnauthorized: false }) : httpRequest(options);
  const { connect, read } = t.timeouts;
  up.on('socket', (s: Socket) => {
    if (!upgrade) track(s, up, read);
    if (!s.connecting || connect <= 0) return;
    const timer = setTimeout(() => up.destroy(new UpstreamTimeout('connect', connect)), connect * 1000);
    s.once('connect', () => clearTimeout(timer));
    up.once('close', () => clearTimeout(timer));
  });
  // idle time on the upstream socket: no byte read (or written) for `read` seconds (a pooled
  // connection counts it with its own timer, above)
  if (upgrade && read > 0) up.setTimeout(read * 1000, () => up.destroy(new UpstreamTimeout('read', read)));
  return up;
}

/** The client's error response for a failed upstream request. */
export function failUpstream(ex: Exchange, t: UpstreamTarget, err: Error & { code?: string }): void {
  if (ex.res.destroyed || ex.res.writableEnded) return;
  if (err instanceof BodyTooLarge) return refuseBody(ex, err.limit);
  if (err instanceof UpstreamTimeout) return sendText(ex, 504, `504 Gateway Timeout: ${describe(t)} did not ${err.phase === 'connect' ? 'accept the connection' : 'answer'} within ${err.seconds} s`);
  const code = (err.cause as { code?: string } | undefined)?.code ?? err.code; // HTTP/2 streams carry the session's error as cause
  const why = code === 'ECONNREFUSED' ? 'refused the connection' : code === 'ECONNRESET' || err.message === 'socket hang up' ? 'closed the connection' : `failed: ${code ?? err.message}`;
  sendText(ex, 502, `502 Bad Gateway: ${describe(t)} ${why}`);
}

/** A request without a body that may be sent again: safe methods, no Content-Length, no chunks. */
function replayable(ex: Exchange): boolean {
  const h = ex.req.headers;
  return ['GET', 'HEAD', 'OPTIONS'].includes(ex.req.method ?? '') && h['content-length'] === undefined && h['transfer-encoding'] === undefined && ex.req.httpVersionMajor === 1;
}

/** Upstream response headers go to the client; ones the client's protocol cannot carry fail the exchange with 502. */
export function relayHead(ex: Exchange, t: UpstreamTarget, status: number, headers: HeaderList): boolean {
  try {
    ex.res.writeHead(status, mergeHeaders(headers, ex));
    return true;
  } catch (err) {
    failUpstream(ex, t, new Error(`sent a response this proxy cannot relay (${(err as Error).message})`));
    return false;
  }
}

/** Forwards one request: the body streams through `body` (already under the size limit); none when undefined. */
export function forward(ex: Exchange, t: UpstreamTarget, pool: UpstreamPool, body: Readable | undefined, path: string, retried = false): void {
  ex.upstream = addressText(t.endpoint);
  const up = openUpstream(ex, t, pool, path, false);
  const { res } = ex;
  let answered = false;
  up.on('response', (upRes: IncomingMessage) => {
    answered = true;
    if (res.destroyed) return upRes.destroy();
    if (!relayHead(ex, t, upRes.statusCode ?? 502, upRes.rawHeaders)) return upRes.destroy();
    upRes.pipe(res);
    upRes.on('aborted', () => res.destroy());
  });
  up.on('error', (err: Error & { code?: string }) => {
    // a pooled connection the upstream had just closed: send once more on a fresh one
    if (!retried && !answered && up.reusedSocket && err.code === 'ECONNRESET' && replayable(ex)) return forward(ex, t, pool, body, path, true);
    failUpstream(ex, t, err);
  });
  // client abort (or our own early answer): the upstream request goes too
  abortWithClient(ex, up);
  if (retried || !body) up.end(); // a replayable request has no body
  else {
    body.on('error', (err) => up.destroy(err));
    body.pipe(up);
  }
}

/** WebSocket and other HTTP/1.1 upgrades: the handshake is forwarded, then bytes flow both ways. */
export function forwardUpgrade(ex: Exchange, t: UpstreamTarget, pool: UpstreamPool, socket: Socket, head: Buffer, path: string): void {
  ex.upstream = addressText(t.endpoint);
  const up = openUpstream(ex, t, pool, path, true);
  let upgraded = false;
  up.on('upgrade', (upRes: IncomingMessage, upSocket: Socket, upHead: Buffer) => {
    upgraded = true;
    // written by hand: a 101 ends HTTP on this connection, which ServerResponse does not model
    const headers = mergeHeaders(upRes.rawHeaders, ex);
    headers.push('connection', 'Upgrade', 'upgrade', String(upRes.headers.upgrade));
    const lines = [`HTTP/1.1 101 ${upRes.statusMessage || 'Switching Protocols'}`];
    for (let i = 0; i < headers.length; i += 2) lines.push(`${headers[i]}: ${headers[i + 1]}`);
    ex.res.statusCode = 101;
    socket.write(lines.join('\r\n') + '\r\n\r\n');
    if (upHead.length) socket.write(upHead);
    if (head.length) upSocket.write(head);
    // as proxy_read_timeout in nginx: an idle WebSocket is closed after the read timeout
    const { read } = t.timeouts;
    upSocket.setTimeout(read > 0 ? read * 1000 : 0, () => upSocket.destroy());
    upSocket.pipe(socket).pipe(upSocket);
    upSocket.on('error', () => socket.destroy());
    socket.on('error', () => upSocket.destroy());
    upSocket.on('close', () => socket.destroy());
    socket.on('close', () => upSocket.destroy());
  });
  // the upstream declined the upgrade: relay its answer, then the connection closes
  up.on('response', (upRes: IncomingMessage) => {
    ex.res.writeHead(upRes.statusCode ?? 502, [...mergeHeaders(upRes.rawHeaders, ex), 'connection', 'close']);
    upRes.pipe(ex.res );
  });
  up.on('error', (err) => {
    if (upgraded) socket.destroy();
    else failUpstream(ex, t, err);
  });
  socket.on('close', () => up.destroy());
  up.end();
}
