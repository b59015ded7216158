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
  const fields = scanFields(line) ?? matchFields(line);
  if (fields.length !== 7) return undefined;
  const [method, host, target, status, route, upstream, seconds] = fields;
  if (method === '<BADREQ>') return undefined; // a connection without a request (HAProxy)
  // nginx joins the addresses it tried with ", "; "-" or "" when it answered itself
  const up = !upstream || /^(-|-:-|<NOSRV>|:0)?$/.test(upstream) ? '-' : upstream.includes(', ') || upstream.includes(' : ') ? upstream.split(/, | : /).map((a) => upstreamName(a.trim())).join(',') : upstreamName(upstream.trim());
  // nginx gives seconds ("0.004"), HAProxy milliseconds ("ms4")
  const ms = seconds.startsWith('ms') ? Number(seconds.slice(2)) : Number(seconds) * 1000;
  return formatAccessLine({ method, host, target, status: Number(status) || 0, route: route && route !== '-' ? route : undefined, upstream: up, ms: ms || 0 });
}

/** A field's text: JSON-unescaped when it holds an escape (as the engines escape), else as it is. */
function unescaped(text: string): string {
  if (!text.includes('\\')) return text; // nothing escaped: the text as it is
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return text;
  }
}

/** Every double-quoted field anywhere in the line (the general reading). */
function matchFields(line: string): string[] {
  const fields: string[] = [];
  for (const m of line.slice(ACCESS_MARK.length).matchAll(FIELD)) fields.push(unescaped(m[1]));
  return fields;
}

/**
 * The fields of a line exactly as the engines write it — seven quoted fields, one space
 * between them, nothing after — found with indexOf rather than a regular expression (serve
 * reads a line per request the engine answers). Undefined for any other line, which
 * matchFields then reads: both give the same fields for such a line.
 */
function scanFields(line: string): string[] | undefined {
  const fields: string[] = [];
  let i = ACCESS_MARK.length;
  for (let n = 0; n < 7; n++) {
    if (n > 0 && line.charCodeAt(i++) !== SPACE) return undefined;
    if (line.charCodeAt(i) !== QUOTE) return undefined;
    const start = i + 1;
    let end = line.indexOf('"', start);
    // a quote after an odd number of backslashes is part of the field
    while (end !== -1 && escapedAt(line, end, start)) end = line.indexOf('"', end + 1);
    if (end === -1) return undefined;
    fields.push(unescaped(line.slice(start, end)));
    i = end + 1;
  }
  return i === line.length ? fields : undefined;
}

const SPACE = 0x20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether the character at `at` follows an odd run of backslashes (counted back to `from`). */
function escapedAt(line: string, at: number, from: number): boolean {
  let k = at - 1;
  while (k >= from && line.charCodeAt(k) === BACKSLASH) k--;
  return (at - 1 - k) % 2 === 1;
}
