// The path the upstream receives. Without rewrite-target: the client's path, unchanged.
// With it, as ingress-nginx's `rewrite` does: the whole path is replaced by the target,
// $1…$9 filled from the route's regex matched against the canonical path.
import { compilePathRegex } from './regex.js';
import type { Route } from './types.js';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function upstreamPath(route: Route | undefined, canonicalPath: string, clientPath: string): string {
  const target = route?.policy.rewriteTarget;
  if (!route || !target) return clientPath;
  const re = route.match.kind === 'Regex' ? compilePathRegex(route.match.value) : new RegExp('^' + escapeRegex(route.match.value), 'i');
  const m = re.exec(canonicalPath);
  if (!m) return clientPath;
  return target.replace(/\$([1-9])/g, (_, n: string) => m[Number(n)] ?? '');
}
