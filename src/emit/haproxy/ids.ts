// Rules that apply to a set of decisions test `var(txn.route)` against their ids; long
// lists are split over several lines, since a line holds at most 64 words (config.ts).
// A policy guards whatever answers for its Ingress: routes, and default backends too.
import { annotationOrigin } from '../../model/origin.js';
import type { Origin } from '../../model/types.js';
import { joinedPatterns, quotedPatterns, type Line, type QuotedPatterns, type Test } from './config.js';
import type { Decision, PolicyRun } from './plan.js';

const CHUNK = 40;

/**
 * The ids of runs of decisions, in order (groupRuns, idsWhere): forIds quotes each run's ids
 * once (PolicyRun.quotedIds) and writes the runs a line holds as they are.
 */
export interface RunIds {
  readonly runs: PolicyRun[];
  /** how many ids */
  length: number;
}

/** Route ids: a list, or the runs they are the ids of. */
export type Ids = readonly string[] | RunIds;

/** One line per chunk of `ids`, each made by `make` from the test "txn.route is one of these". */
export function forIds(ids: Ids, make: (isOneOf: Test) => Line): Line[] {
  const out: Line[] = [];
  if (isList(ids)) {
    for (let i = 0; i < ids.length; i += CHUNK) out.push(make(routeIs(ids.slice(i, i + CHUNK))));
    return out;
  }
  // the same chunks of CHUNK ids: a run that fits in what is left of a line as one quoted part
  let parts: QuotedPatterns[] = [];
  let n = 0;
  const add = (p: QuotedPatterns) => {
    parts.push(p);
    n += p.count;
    if (n === CHUNK) {
      out.push(make(routeIsQuoted(joinedPatterns(parts))));
      parts = [];
      n = 0;
    }
  };
  for (const run of ids.runs) {
    const count = run.ids.length;
    if (n + count <= CHUNK) add((run.quotedIds ??= quotedPatterns(run.ids, false)));
    else for (let i = 0; i < count; ) {
      const take = Math.min(CHUNK - n, count - i);
      add(quotedPatterns(run.ids.slice(i, i + take), false));
      i += take;
    }
  }
  if (n) out.push(make(routeIsQuoted(joinedPatterns(parts))));
  return out;
}

const isList = (ids: Ids): ids is readonly string[] => Array.isArray(ids);

export const routeIs = (ids: readonly string[]): Test => ({ fetch: 'var(txn.route)', flags: ['-m', 'str'], patterns: [...ids] });

const routeIsQuoted = (ids: QuotedPatterns): Test => ({ fetch: 'var(txn.route)', flags: ['-m', 'str'], quoted: ids });

/** Decisions of runs grouped by a key: the first decision of the group, and the ids of its runs. */
export interface RunGroup {
  first: Decision;
  ids: RunIds;
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
    if (!group) out.set(k, { first: run.first, ids: { runs: [run], length: run.ids.length } });
    else {
      group.ids.runs.push(run);
      group.ids.length += run.ids.length;
    }
  }
  return out;
}

/** The ids of the runs whose decisions `test` holds for (read from each run's first), in decision order. */
export function idsWhere(runs: readonly PolicyRun[], test: (d: Decision) => boolean): RunIds {
  const out: RunIds = { runs: [], length: 0 };
  for (const run of runs) {
    if (!test(run.first)) continue;
    out.runs.push(run);
    out.length += run.ids.length;
  }
  return out;
}

/** Where annotation `name` of the Ingress behind `d` is written (none for --default-backend). */
export function annotationAt(d: Decision, name: string): Origin | undefined {
  return d.origin && annotationOrigin(d.origin, name);
}
