// The request body limit (policy.bodySizeLimit, nginx's client_max_body_size): checked on
// Content-Length before anything is read, and counted while the body streams.
import type { IncomingHttpHeaders } from 'node:http';
import { Transform, type Readable } from 'node:stream';

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
