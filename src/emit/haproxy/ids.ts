// Rules that apply to a set of decisions test `var(txn.route)` against their ids; long
// lists are split over several lines, since a line holds at most 64 words (config.ts).
// A policy guards whatever answers for its Ingress: routes, and default backends too.
import { annotationOrigin } from '../../model/origin.js';
import type { Origin } from '../../model/types.js';
import type { Line, Test } from './config.js';
import type { Decision, PolicyRun } from './plan.js';

const CHUNK = 40;

/** One line per chunk of `ids`, each made by `make` from the test "txn.route is one of these". */
export function forIds(ids: readonly string[], make: (isOneOf: Test) => Line): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(make(routeIs(ids.slice(i, i + CHUNK))));
  return out;
}

export const routeIs = (ids: readonly string[]): Test => ({ fetch: 'var(txn.route)', flags: ['-m', 'str'], patterns: [...ids] });

/** Decisions of runs grouped by a key: the first decision of the group, and every id in decision order. */
export interface RunGroup {
  first: Decision;
  ids: string[];
}

/**
 * Decisions grouped by a key, in decision order, as ids: the key is read once per run, from its
 * first decision (a key of what a run's decisions share, see PolicyRun); no key: left out.
 */
export function groupRuns<K>(runs: readonly PolicyRun[], key: (d: Decision) => K | undefined): Map<K, RunGroup> {
  const out = new Map<K, RunGroup>();
  for (const run of runs) {
    const k = key(run.first);
    if (k === undefined) continue;
    const group = out.get(k);
    if (!group) out.set(k, { first: run.first, ids: run.ids.slice() });
    else for (const id of run.ids) group.ids.push(id);
  }
  return out;
}

/** The ids of the runs whose decisions `test` holds for (read from each run's first), in decision order. */
export function idsWhere(runs: readonly PolicyRun[], test: (d: Decision) => boolean): string[] {
  const out: string[] = [];
  for (const run of runs) if (test(run.first)) for (const id of run.ids) out.push(id);
  return out;
}

/** Where annotation `name` of the Ingress behind `d` is written (none for --default-backend). */
export function annotationAt(d: Decision, name: string): Origin | undefined {
  return d.origin && annotationOrigin(d.origin, name);
}
