// The redirects annotations ask for, in the Matcher's order: from-to-www-redirect (a host
// no rule names, before virtual hosts), app-root ("/" of a virtual host, before its
// routes) and permanent-/temporal-redirect (a route's every request, after CORS).
import type { Finding } from '../../findings/finding.js';
import { annotationOrigin } from '../../model/origin.js';
import type { HostRedirect } from '../../model/types.js';
import { targetFinding } from './check.js';
import { line, note, when, type Line } from './config.js';
import { forIds, groupRuns, idsWhere, annotationAt } from './ids.js';
import type { Plan } from './plan.js';
import { logFormatText, wordProblem } from './quote.js';
import { isDnsSubdomain } from '../../model/validate-values.js';

/** The scheme the client used, for a Location that keeps it. */
const SCHEME = '%[ssl_fc,iif(https,http)]';

/** from-to-www-redirect: the other name of a host, answered with 308 to the host that asked, canonical path and query kept. */
export function hostRedirectRules(redirects: readonly HostRedirect[], findings: Finding[]): Line[] {
  const out: Line[] = [];
  for (const r of redirects) {
    if (!isDnsSubdomain(r.host) || !isDnsSubdomain(r.to)) {
      findings.push(targetFinding('target-unsafe-value', 'error', annotationOrigin(r.origin, 'from-to-www-redirect'), `from-to-www-redirect between ${JSON.stringify(r.host)} and ${JSON.stringify(r.to)}: not DNS names; not rendered`));
      continue;
    }
    out.push(line(['http-request', 'redirect', 'location', `${SCHEME}://${r.to}%[path]%[var(txn.query)]`, 'code', String(r.code)], when({ fetch: 'var(txn.host)', flags: ['-m', 'str'], patterns: [r.host] })));
  }
  return out.length ? [note('from-to-www-redirect: the other name of a host, redirected to the name the rules use'), ...out] : [];
}

/** app-root: exactly "/" on the virtual host → 302 to the path, on the Host as sent. */
export function appRootRules(plan: Plan): Line[] {
  const out: Line[] = [];
  for (const v of plan.vhosts) {
    // validated by the shared plan (a refused one is reported there, and not rendered)
    const path = plan.shared.appRoots.get(v.vhost);
    if (path === undefined) continue;
    const location = `${SCHEME}://%[req.fhdr(host)]${logFormatText(path)}`;
    out.push(line(['http-request', 'redirect', 'location', location, 'code', '302'], when({ fetch: 'var(txn.vh)', flags: ['-m', 'str'], patterns: [v.id] }, { fetch: 'path', flags: ['-m', 'str'], patterns: ['/'] })));
  }
  return out.length ? [note('app-root: "/" of the host is redirected (302)'), ...out] : [];
}

/** permanent-redirect / temporal-redirect: every request of the route, with the annotation's code (300 to 308). */
export function annotationRedirectRules(plan: Plan, findings: Finding[]): Line[] {
  const out: Line[] = [];
  // refused by the shared plan (reported there): closed
  const refused = idsWhere(plan.runs, (d) => Boolean(d.shared.headers.redirectRefused));
  if (refused.length) out.push(...forIds(refused, (t) => line(['http-request', 'return', 'status', '503'], when(t))));
  for (const [r, { first, ids }] of groupRuns(plan.runs, (d) => d.shared.headers.redirect)) {
    const problem = wordProblem(r.url);
    if (problem) {
      findings.push(targetFinding('target-unsafe-value', 'error', annotationAt(first, `${r.kind}-redirect`), `${r.kind}-redirect ${JSON.stringify(r.url)} ${problem}; the route answers 503 instead`));
      out.push(...forIds(ids, (t) => line(['http-request', 'return', 'status', '503'], when(t))));
      continue;
    }
    // `return` rather than `redirect`: HAProxy's redirect takes only 301, 302, 303, 307 and 308
    out.push(...forIds(ids, (t) => line(['http-request', 'return', 'status', String(r.code), 'hdr', 'location', logFormatText(r.url)], when(t))));
  }
  return out.length ? [note('permanent-redirect / temporal-redirect'), ...out] : [];
}

