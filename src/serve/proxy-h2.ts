// Forwarding over HTTP/2 for backends the model says speak gRPC (h2c for grpc, h2 over
// TLS for grpcs): one multiplexed session per upstream, trailers relayed.
import { constants, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http2';
import type { Readable } from 'node:stream';
import { upstreamHeaders, type Exchange } from './exchange.js';
import { endToEnd, headerList, headerObject } from './headers.js';
import { addressText, failUpstream, relayHead, UpstreamTimeout, type UpstreamPool, type UpstreamTarget } from './proxy.js';

/** Response trailers (gRPC status) go back to the client when its response can carry them. */
interface TrailerCapable {
  addTrailers?(headers: OutgoingHttpHeaders): void;
}

export function forwardH2(ex: Exchange, t: UpstreamTarget, pool: UpstreamPool, body: Readable, path: string): void {
  ex.upstream = `${addressText(t.endpoint)} (h2)`;
  const secure = t.backend.protocol === 'grpcs';
  const session = pool.session(t.endpoint, secure);
  const headers = headerObject(upstreamHeaders(ex));
  // the Host the upstream gets (the client's, upstream-vhost or URLRewrite, checked) is HTTP/2's :authority
  const authority = String(headers.host);
  delete headers.host;
  // the one TE value HTTP/2 allows, and the one gRPC needs
  if (String(ex.req.headers.te ?? '').includes('trailers')) headers.te = 'trailers';
  Object.assign(headers, { [constants.HTTP2_HEADER_METHOD]: ex.req.method ?? 'GET', [constants.HTTP2_HEADER_PATH]: path, [constants.HTTP2_HEADER_AUTHORITY]: authority, [constants.HTTP2_HEADER_SCHEME]: secure ? 'https' : 'http' });

  const fail = (err: Error) => {
    if (!stream.destroyed) stream.close(constants.NGHTTP2_CANCEL);
    failUpstream(ex, t, err);
  };
  const { connect, read } = t.timeouts;
  if (session.connecting && connect > 0) {
    const timer = setTimeout(() => fail(new UpstreamTimeout('connect', connect)), connect * 1000);
    session.once('connect', () => clearTimeout(timer));
    session.once('close', () => clearTimeout(timer));
  }
  const stream = session.request(headers);
  if (read > 0) stream.setTimeout(read * 1000, () => fail(new UpstreamTimeout('read', read)));
  stream.on('error', (err) => failUpstream(ex, t, err));
  stream.on('response', (h: IncomingHttpHeaders) => {
    if (ex.res.destroyed) return stream.close(constants.NGHTTP2_CANCEL);
    if (relayHead(ex, t, Number(h[constants.HTTP2_HEADER_STATUS] ?? 502), headerList(h))) stream.pipe(ex.res);
    else stream.close(constants.NGHTTP2_CANCEL);
  });
  stream.on('trailers', (trailers: IncomingHttpHeaders) => (ex.res as TrailerCapable).addTrailers?.(headerObject(endToEnd(headerList(trailers)))));
  ex.res.on('close', () => {
    if (!ex.finished && !stream.destroyed) stream.close(constants.NGHTTP2_CANCEL);
  });
  body.on('error', fail);
  body.pipe(stream);
}
