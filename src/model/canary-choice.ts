// Which backend a request to a route with a canary reaches: ingress-nginx's order, header
// first, then cookie, then a random draw of canary-weight out of canary-weight-total.
import type { Canary } from './types.js';
import { linearRegex, type PatternTest } from '../gateway/linear-regex.js';

/** canary-by-header-pattern, compiled once (RE2, as ingress-nginx's Go regexp reads it) */
const patterns = new Map<string, PatternTest>();
const headerPattern = (p: string) => patterns.get(p) ?? patterns.set(p, linearRegex(p, false)).get(p)!;

export type CanaryChoice =
  | { to: 'canary' | 'main'; reason: string }
  /** not decided yet: `weight` of `total` requests go to the canary at random */
  | { to: 'split'; reason: string };

/** The first value of cookie `name` in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** `random` (in [0, 1)) decides a split; without it a split stays undecided. */
export function chooseCanary(c: Canary, headers: Readonly<Record<string, string>>, random?: () => number): CanaryChoice {
  if (c.header) {
    const v = headers[c.header.name.toLowerCase()];
    if (v !== undefined) {
      const h = c.header;
      if (h.kind === 'value' && v === h.value) return { to: 'canary', reason: `header ${h.name} is ${JSON.stringify(h.value)}` };
      if (h.kind === 'pattern' && headerPattern(h.pattern).test(v)) return { to: 'canary', reason: `header ${h.name} matches ${h.pattern}` };
      if (h.kind === 'always-never' && (v === 'always' || v === 'never')) return { to: v === 'always' ? 'canary' : 'main', reason: `header ${h.name} is "${v}"` };
    }
  }
  if (c.cookie) {
    const v = cookieValue(headers.cookie, c.cookie);
    if (v === 'always' || v === 'never') return { to: v === 'always' ? 'canary' : 'main', reason: `cookie ${c.cookie} is "${v}"` };
  }
  const share = `canary-weight ${c.weight} of ${c.weightTotal}`;
  if (c.weight <= 0) return { to: 'main', reason: `${share}: no request goes to the canary` };
  if (c.weight >= c.weightTotal) return { to: 'canary', reason: `${share}: every request goes to the canary` };
  if (!random) return { to: 'split', reason: `${share} at random` };
  // as ingress-nginx: math.random(total) <= weight
  return Math.floor(random() * c.weightTotal) + 1 <= c.weight ? { to: 'canary', reason: `${share}: drawn for the canary` } : { to: 'main', reason: `${share}: drawn for the main backend` };
}
