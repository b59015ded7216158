import type { RoutePolicy } from '../policy.js';
import type { BackendProtocol } from '../types.js';

export const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';

/** What an Ingress's annotations decide, beyond RoutePolicy: how its paths match and what its upstreams speak. */
export interface IngressAnnotations {
  policy: RoutePolicy;
  useRegex: boolean;
  protocol: BackendProtocol;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string; hint?: string };

/** One annotation: its name (after the nginx.ingress.kubernetes.io/ prefix), how to parse it, and where the value goes. */
export interface AnnotationSpec<T> {
  name: string;
  description: string;
  parse(value: string): ParseResult<T>;
  apply(target: IngressAnnotations, value: T): void;
}

/** Characters no annotation value may hold: they end a directive or a block in some target's syntax. */
const NEVER_ALLOWED = /[\r\n\0;{}"'`\\]/;

export function unsafeCharacter(value: string): string | undefined {
  const m = NEVER_ALLOWED.exec(value);
  return m ? JSON.stringify(m[0]) : undefined;
}

export function parseBoolean(value: string): ParseResult<boolean> {
  if (value === 'true') return { ok: true, value: true };
  if (value === 'false') return { ok: true, value: false };
  return { ok: false, message: `must be "true" or "false", not ${JSON.stringify(value)}` };
}

/** nginx time syntax as ingress-nginx accepts it for proxy timeouts: a number of seconds ("60", or "60s"). */
export function parseSeconds(value: string): ParseResult<number> {
  const m = /^(\d{1,6})s?$/.exec(value);
  if (!m) return { ok: false, message: `must be a whole number of seconds, not ${JSON.stringify(value)}` };
  return { ok: true, value: Number(m[1]) };
}

/** nginx size syntax: 1m, 512k, 8192, 0 (no limit). */
export function parseSize(value: string): ParseResult<number> {
  const m = /^(\d{1,12})([kKmMgG]?)$/.exec(value);
  if (!m) return { ok: false, message: `must be a size such as 8m, 512k or 0, not ${JSON.stringify(value)}` };
  const unit = m[2].toLowerCase();
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return { ok: true, value: Number(m[1]) * mult };
}
