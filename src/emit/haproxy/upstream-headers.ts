// What the upstream receives besides the path: upstream-vhost replaces the Host header,
// x-forwarded-prefix adds X-Forwarded-Prefix.
import { line, note, when, type Line } from './config.js';
import { forIds, groupRuns } from './ids.js';
import type { Plan } from './plan.js';
import { logFormatText } from './quote.js';

/** The header values as the shared plan validated them (a refused one is reported there, and not sent). */
export function upstreamHeaderRules(plan: Plan): Line[] {
  const out: Line[] = [];
  for (const [host, { ids }] of groupRuns(plan.runs, (d) => d.shared.headers.upstreamHost)) {
    out.push(...forIds(ids, (t) => line(['http-request', 'set-header', 'Host', host], when(t))));
  }
  for (const [prefix, { ids }] of groupRuns(plan.runs, (d) => d.shared.headers.forwardedPrefix)) {
    out.push(...forIds(ids, (t) => line(['http-request', 'set-header', 'X-Forwarded-Prefix', logFormatText(prefix)], when(t))));
  }
  return out.length ? [note('upstream-vhost and x-forwarded-prefix'), ...out] : [];
}
