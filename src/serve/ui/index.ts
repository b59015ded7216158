// serve --ui: a live page beside the proxy (route table, graph, requests, reloads, explain).
import type { Exchange } from '../exchange.js';
import type { LiveLog } from './live.js';

export { LiveLog } from './live.js';
export { UiServer, type UiSource } from './server.js';
export { uiListen, UI_PORT, UI_ADDRESS, isLoopback } from './address.js';

/** The hook serve calls for every finished request (ServeOptions.observe). */
export function observeInto(live: LiveLog) {
  return (ex: Exchange, status: number | 'aborted') =>
    live.request({
      method: ex.req.method ?? '',
      scheme: ex.client.scheme,
      host: ex.client.host ?? '',
      path: ex.req.url ?? '',
      status,
      route: ex.route ?? '',
      upstream: ex.upstream,
      ms: Math.round(Number(process.hrtime.bigint() - ex.started) / 1e4) / 100,
    });
}
