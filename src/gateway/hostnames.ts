// Gateway API hostnames. Unlike Ingress, a wildcard `*.example.com` matches ONE OR MORE
// labels: `a.example.com` and `b.a.example.com`, never `example.com` itself.

/** Does host (a request host or an exact hostname) fall under `pattern` (exact, or a Gateway API wildcard)? */
export function hostMatches(pattern: string, host: string): boolean {
  if (!pattern.startsWith('*.')) return pattern === host;
  const suffix = pattern.slice(1); // ".example.com"
  return host.length > suffix.length && host.endsWith(suffix) && !host.startsWith('*');
}

/** How many labels a wildcard stood for when it matched `host` (explain says when it is more than one). */
export function wildcardLabels(pattern: string, host: string): number {
  return host.slice(0, host.length - pattern.length + 1).split('.').length;
}

/**
 * The hostname a route's hostname and a listener's hostname both accept, or undefined when
 * they share none (the spec's intersection: the more specific of the two).
 */
export function intersect(listener: string | undefined, route: string): string | undefined {
  if (!listener) return route;
  if (listener === route) return route;
  if (!route.startsWith('*.')) return hostMatches(listener, route) ? route : undefined;
  if (!listener.startsWith('*.')) return hostMatches(route, listener) ? listener : undefined;
  // both wildcards: the longer one, when it lies under the shorter
  const [long, short] = route.length >= listener.length ? [route, listener] : [listener, route];
  return long.endsWith(short.slice(1)) ? long : undefined;
}

/** The hostnames a route serves on a listener: each intersection, or the listener's own when the route names none. */
export function effectiveHostnames(listener: string | undefined, routeHostnames: readonly string[]): string[] {
  if (!routeHostnames.length) return [listener ?? ''];
  const out: string[] = [];
  for (const h of routeHostnames) {
    const i = intersect(listener, h);
    if (i !== undefined && !out.includes(i)) out.push(i);
  }
  return out;
}

/**
 * How specific a hostname is for a request (higher wins): exact names first, then wildcards
 * by length, then "" (any host).
 */
export function specificity(pattern: string | undefined): number {
  if (!pattern) return 0;
  if (pattern.startsWith('*.')) return 1 + pattern.length;
  return 1_000 + pattern.length;
}
