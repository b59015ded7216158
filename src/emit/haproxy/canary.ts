// Canary routes: which backend a request of the route reaches, decided in ingress-nginx's
// order (header, then cookie, then a draw of canary-weight out of canary-weight-total)
// into txn.canary; `use_backend` sends it to the canary's backend when true.
import type { Finding } from '../../findings/finding.js';
import type { Canary, CanaryHeader } from '../../model/types.js';
import { targetFinding } from './check.js';
import { line, note, patternProblem, when, type Line, type Test } from './config.js';
import type { Decision, Plan } from './plan.js';

const undecided: Test = { fetch: 'var(txn.canary)', flags: ['-m', 'found'], not: true };
const HEADER = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const COOKIE = /^[A-Za-z0-9_.-]+$/;

function decide(d: Decision, to: boolean, ...tests: Test[]): Line {
  return line(['http-request', 'set-var(txn.canary)', `bool(${to})`], when({ fetch: 'var(txn.route)', flags: ['-m', 'str'], patterns: [d.id] }, undecided, ...tests));
}

/** The header tests: "always"/"never", an exact value, or a regex found anywhere (all case-sensitive). */
function headerRules(d: Decision, h: CanaryHeader, findings: Finding[]): Line[] {
  if (!HEADER.test(h.name)) {
    findings.push(targetFinding('target-unsafe-value', 'error', d.canary!.canary.origin, `canary-by-header ${JSON.stringify(h.name)} is not a header name; not rendered`));
    return [];
  }
  const value = (flags: string[], pattern: string): Test | undefined => {
    const problem = patternProblem(pattern, true);
    if (!problem) return { fetch: `req.fhdr(${h.name})`, flags: [...flags, '--'], patterns: [pattern] };
    findings.push(targetFinding('target-unsafe-value', 'error', d.canary!.canary.origin, `the canary header value ${problem}; canary-by-header is not rendered`));
    return undefined;
  };
  if (h.kind === 'always-never') return [decide(d, true, value(['-m', 'str'], 'always')!), decide(d, false, value(['-m', 'str'], 'never')!)];
  const t = h.kind === 'value' ? value(['-m', 'str'], h.value) : value(['-m', 'reg'], h.pattern);
  return t ? [decide(d, true, t)] : [];
}

function cookieRules(d: Decision, name: string, findings: Finding[]): Line[] {
  if (!COOKIE.test(name)) {
    findings.push(targetFinding('target-unsafe-value', 'error', d.canary!.canary.origin, `canary-by-cookie ${JSON.stringify(name)} is not a cookie name; not rendered`));
    return [];
  }
  const is = (v: string): Test => ({ fetch: `req.cook(${name})`, flags: ['-m', 'str'], patterns: [v] });
  return [decide(d, true, is('always')), decide(d, false, is('never'))];
}

/** ingress-nginx draws math.random(total) <= weight; rand(total) is 0…total-1, so: below weight. */
function weightRules(d: Decision, c: Canary): Line[] {
  if (c.weight <= 0) return [];
  if (c.weight >= c.weightTotal) return [decide(d, true)];
  return [decide(d, true, { fetch: `rand(${c.weightTotal})`, flags: ['lt'], patterns: [String(c.weight)] })];
}

export function canaryRules(plan: Plan, findings: Finding[]): Line[] {
  const out: Line[] = [];
  // a route with a canary is a run of its own
  for (const { first: d } of plan.runs) {
    if (!d.canary) continue;
    const c = d.canary.canary;
    out.push(
      note(`canary of ${d.id}: Ingress ${c.origin.namespace}/${c.origin.name}`),
      ...(c.header ? headerRules(d, c.header, findings) : []),
      ...(c.cookie ? cookieRules(d, c.cookie, findings) : []),
      ...weightRules(d, c),
    );
  }
  return out;
}

/** Before the routes' own use_backend lines: the first that matches wins. */
export function canaryBackendRules(plan: Plan): Line[] {
  return plan.runs
    .filter((r) => r.first.canary)
    .map(({ first: d }) => line(['use_backend', d.canary!.backend.name], when({ fetch: 'var(txn.route)', flags: ['-m', 'str'], patterns: [d.id] }, { fetch: 'var(txn.canary)', flags: ['-m', 'bool'] })));
}
