// Rules that apply to a set of decisions test `var(txn.route)` against their ids; long
// lists are split over several lines, since a line holds at most 64 words (config.ts).
// A policy guards whatever answers for its Ingress: routes, and default backends too.
import { annotationOrigin } from '../../model/origin.js';
import type { Origin } from '../../model/types.js';
import type { Line, Test } from './config.js';
import type { Decision } from './plan.js';

const CHUNK = 40;

/** One line per chunk of `ids`, each made by `make` from the test "txn.route is one of these". */
export function forIds(ids: readonly string[], make: (isOneOf: Test) => Line): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(make(routeIs(ids.slice(i, i + CHUNK))));
  return out;
}

export const routeIs = (ids: readonly string[]): Test => ({ fetch: 'var(txn.route)', flags: ['-m', 'str'], patterns: [...ids] });

/** Decisions grouped by a key, in decision order (one pass: inputs have 10k+ routes); no key: left out. */
export function groupDecisions<K>(decisions: readonly Decision[], key: (d: Decision) => K | undefined): Map<K, Decision[]> {
  const out = new Map<K, Decision[]>();
  for (const d of decisions) {
    const k = key(d);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(d);
    else out.set(k, [d]);
  }
  return out;
}

export const idsOf = (ds: readonly Decision[]): string[] => ds.map((d) => d.id);

/** Decision ids grouped by a key, in decision order. */
export function groupIds<K>(decisions: readonly Decision[], key: (d: Decision) => K | undefined): Map<K, string[]> {
  return new Map([...groupDecisions(decisions, key)].map(([k, ds]) => [k, idsOf(ds)]));
}

/** Where annotation `name` of the Ingress behind `d` is written (none for --default-backend). */
export function annotationAt(d: Decision, name: string): Origin | undefined {
  return d.origin && annotationOrigin(d.origin, name);
}
