// A request as users write it (explain's URL, test specs, diff's --requests): the scheme and
// host are optional, a fragment is dropped. The Host header, when given, wins over the URL's.
import type { Request } from './match.js';

/** The request, or why the URL cannot be read: a line break, or a scheme other than http and https. */
export function requestFromUrl(url: string, method: string, headers: Record<string, string>): Request | { problem: string } {
  // "ftp://h/p" would otherwise read as host "ftp:" and path "//h/p"
  const other = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1];
  if (other !== undefined && !/^https?$/i.test(other)) return { problem: `the scheme is ${other}://; only http:// and https:// are requests here` };
  const m = /^(?:(https?):\/\/)?([^/?#]*)(.*)$/i.exec(url);
  if (!m) return { problem: 'it holds a line break' };
  const scheme = (m[1]?.toLowerCase() ?? 'http') as 'http' | 'https';
  const target = m[3] === '' ? '/' : m[3].startsWith('/') ? m[3] : m[3].startsWith('?') ? '/' + m[3] : m[3];
  const host = headers['host'] ?? m[2];
  return { scheme, host, target: target.replace(/#.*$/, ''), method, headers };
}
