// The CORS origin list as one regex, derived the same way by the HAProxy and Envoy
// emitters (the backend a request reaches and the affinity cookie are in src/emit/plan.ts).
// Each emitter quotes it in its own syntax.
import type { CorsOrigin } from '../model/policy.js';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The allowed origins as one alternation, to be matched whole and case-insensitively
 * (callers anchor it and add their flag): scheme, host and port as the model compares
 * them, a "*." host taking exactly one label.
 */
export function originAlternation(origins: readonly CorsOrigin[]): string {
  const one = (o: CorsOrigin) => {
    const host = o.host.startsWith('*.') ? `[a-z0-9-]+${escapeRegex(o.host.slice(1))}` : escapeRegex(o.host);
    return `${o.scheme}://${host}${o.port === undefined ? '' : `:${o.port}`}`;
  };
  return `(?:${origins.map(one).join('|')})`;
}
