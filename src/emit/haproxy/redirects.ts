// The redirects annotations ask for, in the Matcher's order: from-to-www-redirect (a host
// no rule names, before virtual hosts), app-root ("/" of a virtual host, before its
// routes) and permanent-/temporal-redirect (a route's every request, after CORS).
import type { Finding } from '../../findings/finding.js';
import { annotationOrigin } from '../../model/origin.js';
import type { RedirectPolicy } from '../../model/policy.js';
import type { HostRedirect } from '../../model/types.js';
import { targetFinding } from './check.js';
import { line, note, when, type Line } from './config.js';
import { forIds, groupDecisions, idsOf, annotationAt } from './ids.js';
import type { Plan } from './plan.js';
import { logFormatText, wordProblem } from './quote.js';

/** The scheme the client used, for a Location that keeps it. */
const SCHEME = '%[ssl_fc,iif(https,http)]';
const HOST = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** app-root: a path of unreserved characters and %XX escapes, as the model accepts. */
const PATH = /^\/(?:[A-Za-z0-9\-._~/]|%[0-9A-Fa-f]{2})*$/;

/** from-to-www-redirect: the other name of a host, answered with 308 to the host that asked, canonical path and query kept. */
export function hostRedirectRules(redirects: readonly HostRedirect[], findings: Finding[]): Line[] {
  const out: Line[] = [];
  for (const r of redirects) {
    if (!HOST.test(r.host) || !HOST.test(r.to)) {
      findings.push(targetFinding('target-unsupported', 'error', annotationOrigin(r.origin, 'from-to-www-redirect'), `from-to-www-redirect between ${JSON.stringify(r.host)} and ${JSON.stringify(r.to)}: not DNS names; not rendered`));
      continue;
    }
    out.push(line(['http-request', 'redirect', 'location', `${SCHEME}://${r.to}%[path]%[var(txn.query)]`, 'code', String(r.code)], when({ fetch: 'var(txn.host)', flags: ['-m', 'str'], patterns: [r.host] })));
  }
  return out.length ? [note('from-to-www-redirect: the other name of a host, redirected to the name the rules use'), ...out] : [];
}

/** app-root: exactly "/" on the virtual host → 302 to the path, on the Host as sent. */
export function appRootRules(plan: Plan, findings: Finding[]): Line[] {
  const out: Line[] = [];
  for (const v of plan.vhosts) {
    const root = v.vhost.appRoot;
    if (!root) continue;
    if (!PATH.test(root.path)) {
      findings.push(targetFinding('target-unsupported', 'error', root.origin, `app-root ${JSON.stringify(root.path)} is not a plain path; not rendered`));
      continue;
    }
    const location = `${SCHEME}://%[req.fhdr(host)]${logFormatText(root.path)}`;
    out.push(line(['http-request', 'redirect', 'location', location, 'code', '302'], when({ fetch: 'var(txn.vh)', flags: ['-m', 'str'], patterns: [v.id] }, { fetch: 'path', flags: ['-m', 'str'], patterns: ['/'] })));
  }
  return out.length ? [note('app-root: "/" of the host is redirected (302)'), ...out] : [];
}

/** permanent-redirect / temporal-redirect: every request of the route, with the annotation's code (300 to 308). */
export function annotationRedirectRules(plan: Plan, findings: Finding[]): Line[] {
  const out: Line[] = [];
  for (const [r, ds] of groupDecisions(plan.decisions, (d) => d.policy.redirect)) {
    const ids = idsOf(ds);
    const problem = redirectProblem(r);
    if (problem) {
      findings.push(targetFinding('target-unsupported', 'error', annotationAt(ds[0], `${r.kind}-redirect`), `${r.kind}-redirect ${JSON.stringify(r.url)} ${problem}; the route answers 503 instead`));
      out.push(...forIds(ids, (t) => line(['http-request', 'return', 'status', '503'], when(t))));
      continue;
    }
    // `return` rather than `redirect`: HAProxy's redirect takes only 301, 302, 303, 307 and 308
    out.push(...forIds(ids, (t) => line(['http-request', 'return', 'status', String(r.code), 'hdr', 'location', logFormatText(r.url)], when(t))));
  }
  return out.length ? [note('permanent-redirect / temporal-redirect'), ...out] : [];
}

function redirectProblem(r: RedirectPolicy): string | undefined {
  if (!Number.isInteger(r.code) || r.code < 300 || r.code > 308) return `has code ${r.code}, not 300 to 308`;
  if (!/^https?:\/\/[\x21-\x7e]+$/.test(r.url) || r.url.includes('\\')) return 'is not an absolute URL of plain characters';
  return wordProblem(r.url);
}
