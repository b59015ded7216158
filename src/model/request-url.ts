// A request as users write it (explain's URL, test specs, diff's --requests): the scheme and
// host are optional, a fragment is dropped. The Host header, when given, wins over the URL's.
import type { Request } from './match.js';

/** undefined when the URL cannot be read (it holds a line break). */
export function requestFromUrl(url: string, method: string, headers: Record<string, string>): Request | undefined {
  const m = /^(?:(https?):\/\/)?([^/?#]*)(.*)$/i.exec(url);
  if (!m) return undefined;
  const scheme = (m[1]?.toLowerCase() ?? 'http') as 'http' | 'https';
  const target = m[3] === '' ? '/' : m[3].startsWith('/') ? m[3] : m[3].startsWith('?') ? '/' + m[3] : m[3];
  const host = headers['host'] ?? m[2];
  return { scheme, host, target: target.replace(/#.*$/, ''), method, headers };
}
