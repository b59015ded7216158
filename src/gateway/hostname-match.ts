// Gateway API hostnames: a leading "*." matches one OR MORE labels (`*.example.com` matches
// `a.example.com` and `a.b.example.com`, never `example.com`) — unlike Ingress, where it is one.

/** Does the hostname pattern (exact or "*.suffix") match this host? Case-insensitive. */
export function hostnameMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (!p.startsWith('*.')) return p === h;
  return h.endsWith(p.slice(1)) && h.length > p.length - 1;
}

/**
 * Do a route hostname and a listener hostname share a host? (The spec's intersection: equal,
 * one wildcard covering the other name, or two wildcards one of whose suffixes covers the other.)
 */
export function hostnamesIntersect(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const wx = x.startsWith('*.');
  const wy = y.startsWith('*.');
  if (!wx && !wy) return x === y;
  if (wx && !wy) return hostnameMatches(x, y);
  if (!wx && wy) return hostnameMatches(y, x);
  const sx = x.slice(1);
  const sy = y.slice(1);
  return sx.endsWith(sy) || sy.endsWith(sx);
}
