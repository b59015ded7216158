// The engines' access log in serve's format. nginx and HAProxy rendered for serve --engine
// write one line per request on stderr: "ingressctl-access" and seven double-quoted fields
// (method, Host as sent, request target, status, route, upstream address, time),
// each JSON-escaped. This turns such a line into serve's own access-log line.
import { formatAccessLine } from '../serve/access-log.js';

export const ACCESS_MARK = 'ingressctl-access ';

const FIELD = /"((?:[^"\\]|\\.)*)"/g;

/**
 * serve's line for an engine's access-log line, or undefined when `line` is not one.
 * `upstreamName` names an upstream address ("echo" for serve's echo servers).
 */
export function engineAccessLine(line: string, upstreamName: (address: string) => string = (a) => a): string | undefined {
  if (!line.startsWith(ACCESS_MARK)) return undefined;
  const fields: string[] = [];
  for (const m of line.slice(ACCESS_MARK.length).matchAll(FIELD)) {
    if (!m[1].includes('\\')) {
      fields.push(m[1]); // nothing escaped: the text as it is
      continue;
    }
    try {
      fields.push(JSON.parse(`"${m[1]}"`));
    } catch {
      fields.push(m[1]);
    }
  }
  if (fields.length !== 7) return undefined;
  const [method, host, target, status, route, upstream, seconds] = fields;
  if (method === '<BADREQ>') return undefined; // a connection without a request (HAProxy)
  // nginx joins the addresses it tried with ", "; "-" or "" when it answered itself
  const up = upstream && !/^(-|-:-|<NOSRV>|:0)?$/.test(upstream) ? upstream.split(/, | : /).map((a) => upstreamName(a.trim())).join(',') : '-';
  // nginx gives seconds ("0.004"), HAProxy milliseconds ("ms4")
  const ms = seconds.startsWith('ms') ? Number(seconds.slice(2)) : Number(seconds) * 1000;
  return formatAccessLine({ method, host, target, status: Number(status) || 0, route: route && route !== '-' ? route : undefined, upstream: up, ms: ms || 0 });
}
