// The request-head timeout of the HTTPS listener. Node's HTTP/1.1 server has its own
// (headersTimeout); the HTTP/2 server, and the HTTP/1.1 it falls back to by ALPN, have none,
// so a client that opened a TLS connection and trickled (or never sent) a request head would
// hold it forever. Here each TLS connection must bring its next request head within `ms`
// (nginx's client_header_timeout): HTTP/1.1 gets 408 and is closed, HTTP/2 sessions are closed.
import type { Http2SecureServer, Http2Session, ServerHttp2Stream } from 'node:http2';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';

/** Node's own answer to a late HTTP/1.1 request head. */
const TIMEOUT_408 = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n';

/**
 * A timer that runs while a connection has no request in flight. One Timeout per
 * connection, re-armed with refresh() when its last request ends (a new setTimeout per
 * request was a measurable part of serve's per-request cost); when it fires during a
 * request, it does nothing.
 */
export class Waiting {
  private readonly timer: NodeJS.Timeout;
  private inflight = 0;
  constructor(ms: number, expire: () => void) {
    this.timer = setTimeout(() => {
      if (this.inflight === 0) expire();
    }, ms);
    this.timer.unref();
  }
  started(): void {
    this.inflight++;
  }
  ended(closed: boolean): void {
    this.inflight--;
    if (this.inflight === 0 && !closed) this.timer.refresh();
  }
  stop(): void {
    clearTimeout(this.timer);
    this.inflight = Infinity;
  }
}

/**
 * Guards the listener's connections. HTTP/1.x requests on it are counted by the caller:
 * `of(socket)` is the connection's timer, to be told when each request starts and ends (one
 * 'request' listener and one 'close' listener per request less than counting them here).
 */
export function guardRequestHeads(server: Http2SecureServer, ms: number): { of(socket: Socket): Waiting | undefined } {
  const http1 = new WeakMap<Socket, Waiting>();
  server.on('secureConnection', (socket: TLSSocket) => {
    if (socket.alpnProtocol === 'h2') return; // the session below
    const w = new Waiting(ms, () => {
      if (socket.writable) socket.end(TIMEOUT_408);
      socket.destroySoon();
    });
    http1.set(socket, w);
    socket.once('close', () => w.stop());
  });
  // a WebSocket (or other upgrade) is no longer HTTP: no request head to wait for
  server.on('upgrade', (req: IncomingMessage) => http1.get(req.socket as TLSSocket)?.stop());
  server.on('session', (session: Http2Session) => {
    const w = new Waiting(ms, () => session.destroy());
    session.on('stream', (stream: ServerHttp2Stream) => {
      w.started();
      stream.once('close', () => w.ended(session.destroyed || session.closed));
    });
    session.once('close', () => w.stop());
  });
  return { of: (socket) => http1.get(socket) };
}
