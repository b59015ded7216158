// What the model asks that HAProxy can only approximate, never dropped silently: one
// finding per kind of loss and value, located at the first route it concerns.
import type { Finding } from '../../findings/finding.js';
import { oneServerTimeout, timeoutsDiffer, type RoutePolicy } from '../../model/policy.js';
import { targetFinding } from './check.js';
import type { Decision, PolicyRun } from './plan.js';

interface Loss {
  message: string;
  hint?: string;
  /** not translated at all (else: translated approximately) */
  unsupported?: boolean;
}

/** One Loss per body limit: 10,000 Ingresses with the default limit share one (and its message, one string). */
const bodyLimitLosses = new Map<number, Loss>();
const bodyLimitLoss = (limit: number): Loss => {
  let loss = bodyLimitLosses.get(limit);
  if (!loss) bodyLimitLosses.set(limit, (loss = { message: `the request body limit (${limit} bytes) is checked against Content-Length only; a chunked request body is not limited`, hint: 'Limit chunked uploads in the upstream too, or accept the difference.' }));
  return loss;
};

/** Losses of a policy, in this order before the route's own (an Ingress's routes share one policy). */
const POLICY_LOSSES: ((p: RoutePolicy) => Loss | undefined)[] = [
  (p) => (p.bodySizeLimit > 0 ? bodyLimitLoss(p.bodySizeLimit) : undefined),
  (p) => {
    const t = p.timeouts;
    return timeoutsDiffer(t) ? { message: `proxy-read-timeout (${t.read}s) and proxy-send-timeout (${t.send}s) differ; HAProxy has one server timeout for both and uses ${oneServerTimeout(t)}s` } : undefined;
  },
  (p) => (Object.values(p.timeouts).includes(0) ? { message: 'a timeout of 0 means "no timeout" to HAProxy, not an immediate one' } : undefined),
];

const ROUTE_LOSSES: ((d: Decision) => Loss | undefined)[] = [
  (d) =>
    d.shared.rewriteTarget?.includes('?') && d.match
      ? { message: `rewrite-target ${JSON.stringify(d.shared.rewriteTarget)} sets a query string, which HAProxy's replace-path cannot; the path is not rewritten`, unsupported: true }
      : undefined,
];

/** The losses of the runs' decisions: a run's decisions share their policy, rewrite-target and source (PolicyRun). */
export function approximations(runs: readonly PolicyRun[]): Finding[] {
  const groups = new Map<string, { loss: Loss; first: Decision; sources: Set<string> }>();
  const byPolicy = new Map<RoutePolicy, Loss[]>();
  for (const { first: d } of runs) {
    let losses = byPolicy.get(d.policy);
    if (!losses) {
      losses = [];
      for (const check of POLICY_LOSSES) {
        const loss = check(d.policy);
        if (loss) losses.push(loss);
      }
      byPolicy.set(d.policy, losses);
    }
    for (const check of ROUTE_LOSSES) {
      const loss = check(d);
      if (loss) losses = [...losses, loss];
    }
    for (const loss of losses) {
      let g = groups.get(loss.message);
      if (!g) groups.set(loss.message, (g = { loss, first: d, sources: new Set<string>() }));
      g.sources.add(d.source);
    }
  }
  return [...groups.values()].map(({ loss, first, sources }) => {
    const also = sources.size > 1 ? ` (${first.source} and ${sources.size - 1} more)` : '';
    return targetFinding(loss.unsupported ? 'target-unsupported' : 'target-approximate', 'warning', first.origin, loss.message + also, loss.hint);
  });
}
