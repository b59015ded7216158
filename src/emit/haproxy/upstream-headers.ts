// What the upstream receives besides the path: upstream-vhost replaces the Host header,
// x-forwarded-prefix adds X-Forwarded-Prefix.
import type { Finding } from '../../findings/finding.js';
import { targetFinding } from './check.js';
import { line, note, when, type Line } from './config.js';
import { forIds, groupDecisions, idsOf, annotationAt } from './ids.js';
import type { Plan } from './plan.js';
import { logFormatText } from './quote.js';

const HOST = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:\d{1,5})?$/;
const PREFIX = /^\/(?:[A-Za-z0-9\-._~/]|%[0-9A-Fa-f]{2})*$/;

export function upstreamHeaderRules(plan: Plan, findings: Finding[]): Line[] {
  const out: Line[] = [];
  const routes = plan.decisions;
  for (const [host, ds] of groupDecisions(routes, (d) => d.policy.upstreamHost)) {
    if (!HOST.test(host)) {
      findings.push(targetFinding('target-unsupported', 'error', annotationAt(ds[0], 'upstream-vhost'), `upstream-vhost ${JSON.stringify(host)} is not a host name; the client's Host is passed on`));
      continue;
    }
    out.push(...forIds(idsOf(ds), (t) => line(['http-request', 'set-header', 'Host', host], when(t))));
  }
  for (const [prefix, ds] of groupDecisions(routes, (d) => d.policy.forwardedPrefix)) {
    if (!PREFIX.test(prefix)) {
      findings.push(targetFinding('target-unsupported', 'error', annotationAt(ds[0], 'x-forwarded-prefix'), `x-forwarded-prefix ${JSON.stringify(prefix)} is not a plain path; not sent`));
      continue;
    }
    out.push(...forIds(idsOf(ds), (t) => line(['http-request', 'set-header', 'X-Forwarded-Prefix', logFormatText(prefix)], when(t))));
  }
  return out.length ? [note('upstream-vhost and x-forwarded-prefix'), ...out] : [];
}
