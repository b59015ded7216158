// Annotations that act on a whole host rather than a route: app-root (ingress-nginx writes
// it at server level, so it answers "/" for the host whichever route would match) and
// from-to-www-redirect (a server of its own for the other name).
import { NGINX_PREFIX, type IngressAnnotations } from './annotations/index.js';
import type { Document } from '../load/document.js';
import { originOf } from './origin.js';
import { ruleHostKind } from './hosts.js';
import type { HostRedirect, Origin, VirtualHost } from './types.js';

export interface WwwAsk {
  host: string;
  origin: Origin;
}

/** Records an Ingress's host-level annotations on one of its hosts; the oldest Ingress's app-root wins. */
export function noteHostPolicy(vhost: VirtualHost, doc: Document, ann: IngressAnnotations, www: WwwAsk[]): void {
  if (ann.appRoot && !vhost.appRoot) vhost.appRoot = { path: ann.appRoot, origin: originOf(doc, ['metadata', 'annotations', `${NGINX_PREFIX}app-root`]) };
  if (ann.fromToWww && vhost.kind === 'exact') www.push({ host: vhost.host, origin: originOf(doc, ['metadata', 'annotations', `${NGINX_PREFIX}from-to-www-redirect`]) });
}

/** www.foo.com ↔ foo.com for each host that asked, unless a rule names the other host (ingress-nginx then omits it). */
export function hostRedirects(asks: readonly WwwAsk[], vhosts: ReadonlyMap<string, VirtualHost>): HostRedirect[] {
  const out = new Map<string, HostRedirect>();
  for (const { host, origin } of asks) {
    const other = host.startsWith('www.') ? host.slice(4) : `www.${host}`;
    if (vhosts.has(other) || out.has(other) || ruleHostKind(other) !== 'exact') continue;
    out.set(other, { host: other, to: host, code: 308, origin });
  }
  return [...out.values()].sort((a, b) => a.host.localeCompare(b.host));
}
