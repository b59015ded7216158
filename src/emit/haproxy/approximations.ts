// What the model asks that HAProxy can only approximate, never dropped silently: one
// finding per kind of loss and value, located at the first route it concerns.
import type { Finding } from '../../findings/finding.js';
import { oneServerTimeout, timeoutsDiffer } from '../../model/policy.js';
import { targetFinding } from './check.js';
import type { Decision } from './plan.js';

interface Loss {
  message: string;
  hint?: string;
  /** not translated at all (else: translated approximately) */
  unsupported?: boolean;
}

const LOSSES: ((d: Decision) => Loss | undefined)[] = [
  (d) =>
    d.policy.bodySizeLimit > 0
      ? { message: `the request body limit (${d.policy.bodySizeLimit} bytes) is checked against Content-Length only; a chunked request body is not limited`, hint: 'Limit chunked uploads in the upstream too, or accept the difference.' }
      : undefined,
  (d) => {
    const t = d.policy.timeouts;
    return timeoutsDiffer(t) ? { message: `proxy-read-timeout (${t.read}s) and proxy-send-timeout (${t.send}s) differ; HAProxy has one server timeout for both and uses ${oneServerTimeout(t)}s` } : undefined;
  },
  (d) => (Object.values(d.policy.timeouts).includes(0) ? { message: 'a timeout of 0 means "no timeout" to HAProxy, not an immediate one' } : undefined),
  (d) =>
    d.shared.rewriteTarget?.includes('?') && d.match
      ? { message: `rewrite-target ${JSON.stringify(d.shared.rewriteTarget)} sets a query string, which HAProxy's replace-path cannot; the path is not rewritten`, unsupported: true }
      : undefined,
];

export function approximations(decisions: readonly Decision[]): Finding[] {
  const groups = new Map<string, { loss: Loss; first: Decision; sources: Set<string> }>();
  for (const d of decisions) {
    for (const check of LOSSES) {
      const loss = check(d);
      if (!loss) continue;
      const g = groups.get(loss.message) ?? { loss, first: d, sources: new Set<string>() };
      g.sources.add(d.source);
      groups.set(loss.message, g);
    }
  }
  return [...groups.values()].map(({ loss, first, sources }) => {
    const also = sources.size > 1 ? ` (${first.source} and ${sources.size - 1} more)` : '';
    return targetFinding(loss.unsupported ? 'target-unsupported' : 'target-approximate', 'warning', first.origin, loss.message + also, loss.hint);
  });
}
