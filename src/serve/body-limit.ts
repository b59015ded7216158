// The request body limit (policy.bodySizeLimit, nginx's client_max_body_size): checked on
// Content-Length before anything is read, and counted while the body streams.
import type { IncomingHttpHeaders } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import { sendText, type Exchange } from './exchange.js';

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the request body is larger than ${limit} bytes`);
    this.name = 'BodyTooLarge';
  }
}

/** True when the declared Content-Length is over the limit (0 = no limit). */
export function declaredTooLarge(headers: IncomingHttpHeaders, limit: number): boolean {
  const len = Number(headers['content-length']);
  return limit > 0 && Number.isFinite(len) && len > limit;
}

/**
 * True when an HTTP/1.x request has no body (RFC 9112 §6.3: neither Transfer-Encoding nor a
 * non-zero Content-Length). Such requests skip the body stream altogether.
 */
export function bodiless(req: { httpVersionMajor: number; headers: IncomingHttpHeaders }): boolean {
  const h = req.headers;
  return req.httpVersionMajor === 1 && h['transfer-encoding'] === undefined && (h['content-length'] === undefined || h['content-length'] === '0');
}

/** The body, failing with BodyTooLarge once more than `limit` bytes went through. */
export function limitedBody(body: Readable, limit: number): Readable {
  if (limit <= 0) return body;
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > limit) done(new BodyTooLarge(limit));
      else done(null, chunk);
    },
  });
  return body.pipe(counter);
}

/** How long the rest of a refused body is read and dropped, so the client gets to see the 413. */
const LINGER_MS = 5000;

/**
 * 413, then close the connection. The rest of the body is read and dropped for a while
 * (nginx's lingering close): closing with unread data would reset the connection and the
 * client might never see the answer.
 */
export function refuseBody(ex: Exchange, limit: number): void {
  const { req } = ex;
  req.unpipe();
  req.resume();
  const timer = setTimeout(() => req.socket?.destroy(), LINGER_MS);
  timer.unref();
  req.once('end', () => clearTimeout(timer));
  sendText(ex, 413, `413 Request Entity Too Large: the request body is larger than ${limit} bytes`, { connection: 'close' });
}
