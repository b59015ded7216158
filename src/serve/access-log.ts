// The access log: one line per request on stderr —
// method host path status route upstream duration. Client text is escaped.
import type { Exchange } from './exchange.js';

const ESCAPED = /[\x00-\x20\x7f"\\]/;

/** Client-supplied text in a log line: no spaces or control characters, so one request is one line. */
function field(text: string | undefined): string {
  if (!text) return '-';
  if (!ESCAPED.test(text)) return text;
  return text.replace(/[\x00-\x20\x7f"\\]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function accessLine(ex: Exchange, status: number | 'aborted'): string {
  const ms = Number(process.hrtime.bigint() - ex.started) / 1e6;
  return formatAccessLine({ method: ex.req.method, host: ex.client.host, target: ex.req.url, status: status === 'aborted' ? 499 : status, route: ex.route, upstream: ex.upstream, ms });
}

const ROUTE_UNSAFE = /["\\\x00-\x1f\x7f]/;

/** One access-log line from its fields (serve --engine writes the engine's requests with it too). */
export function formatAccessLine(f: { method?: string; host?: string; target?: string; status: number; route?: string; upstream?: string; ms: number }): string {
  const route = f.route ? `"${ROUTE_UNSAFE.test(f.route) ? f.route.replace(/["\\\x00-\x1f\x7f]/g, '?') : f.route}"` : '-';
  return `${field(f.method)} ${field(f.host)} ${field(f.target)} ${f.status} ${route} ${field(f.upstream)} ${f.ms.toFixed(1)}ms\n`;
}
