// The access log: one line per request on stderr —
// method host path status route upstream duration. Client text is escaped.
import type { Exchange } from './exchange.js';

/** Client-supplied text in a log line: no spaces or control characters, so one request is one line. */
function field(text: string | undefined): string {
  if (!text) return '-';
  return text.replace(/[\x00-\x20\x7f"\\]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function accessLine(ex: Exchange, status: number | 'aborted'): string {
  const ms = Number(process.hrtime.bigint() - ex.started) / 1e6;
  const route = ex.route ? `"${ex.route.replace(/["\\\x00-\x1f\x7f]/g, '?')}"` : '-';
  return `${field(ex.req.method)} ${field(ex.client.host)} ${field(ex.req.url)} ${status === 'aborted' ? 499 : status} ${route} ${field(ex.upstream)} ${ms.toFixed(1)}ms\n`;
}
