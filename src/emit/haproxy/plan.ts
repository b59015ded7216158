// The model → what the HAProxy config decides: one "decision" per place a request can end
// (a route, a host's default backend, the catch-all), each with an id the config stores in
// txn.route, and one HAProxy backend per distinct (upstream, protocol, timeouts).
// Values that cannot reach haproxy.cfg safely are refused here, with a finding.
import { catchAllLabel, hostDefaultLabel, routeLabel } from '../../model/route-label.js';
import type { Finding } from '../../findings/finding.js';
import { annotationOrigin } from '../../model/origin.js';
import { oneServerTimeout, type RoutePolicy } from '../../model/policy.js';
import type { Backend, Canary, Origin, PathMatch, Route, RouteModel, VirtualHost } from '../../model/types.js';
import { reachableBackend, safeAffinityPath } from '../policy-values.js';
import { hostProblem, isObjectName, pathProblem, targetFinding, upstreamProblem } from './check.js';

/** affinity: cookie, as the backend's `cookie` line writes it. */
export interface AffinityPlan {
  cookie: string;
  path: string;
  /** seconds; none: a session cookie */
  maxAge?: number;
}

export interface BackendPlan {
  name: string;
  backend: Backend;
  /** seconds */
  connect: number;
  /** seconds: HAProxy has one server-side inactivity timeout for reads and writes */
  server: number;
  /** why the upstream cannot be used (the backend answers 503) */
  refused?: string;
  affinity?: AffinityPlan;
}

/** The canary of a route: its settings and the HAProxy backend it goes to. */
export interface CanaryPlan {
  canary: Canary;
  backend: BackendPlan;
}

export interface Decision {
  /** stored in txn.route: r<N> for routes, d<N> for a host's default backend, c for the catch-all */
  id: string;
  vhost?: VhostPlan;
  /** for routes */
  match?: PathMatch;
  backend: BackendPlan;
  policy: RoutePolicy;
  canary?: CanaryPlan;
  /** plain HTTP is redirected to HTTPS (308) */
  redirect: boolean;
  origin?: Origin;
  /** "Ingress ns/name", or "--default-backend" */
  source: string;
  /** the x-ingressctl-route value (src/model/route-label.ts) */
  label: string;
}

export interface VhostPlan {
  /** stored in txn.vh */
  id: string;
  vhost: VirtualHost;
  routes: Decision[];
  fallback?: Decision;
}

export interface Plan {
  vhosts: VhostPlan[];
  catchAll?: Decision;
  /** every decision, in the order the config tests them */
  decisions: Decision[];
  /** sorted by name */
  backends: BackendPlan[];
}

const NAME_UNSAFE = /[^a-z0-9.-]/g;

export function planModel(model: RouteModel, findings: Finding[]): Plan {
  const backends = new Map<string, BackendPlan>();
  const names = new Set<string>();

  const backendFor = (b: Backend, policy: RoutePolicy, origin: Origin | undefined, affinity?: AffinityPlan): BackendPlan => {
    const t = policy.timeouts;
    const server = oneServerTimeout(t);
    const key = JSON.stringify([b.namespace, b.service, b.port, b.portName ?? '', b.protocol, b.upstream, t.connect, server, affinity ?? null]);
    let plan = backends.get(key);
    if (plan) return plan;
    const refused = upstreamProblem(b.upstream);
    if (refused) findings.push(targetFinding('target-unsupported', 'error', origin, `the upstream of ${b.namespace}/${b.service} is refused: ${refused}; requests for it are answered with 503`, 'Fix the Service (externalName) or the --upstream address.'));
    const base = [b.namespace, b.service, String(b.port ?? b.portName ?? 'unknown')].map((s) => (isObjectName(s) ? s : s.toLowerCase().replace(NAME_UNSAFE, '-'))).join('_');
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}_${n}`;
    names.add(name);
    plan = { name, backend: b, connect: t.connect, server, ...(refused ? { refused } : {}), ...(affinity ? { affinity } : {}) };
    backends.set(key, plan);
    return plan;
  };

  const vhosts: VhostPlan[] = [];
  const decisions: Decision[] = [];
  let routeCount = 0;
  for (const vhost of model.hosts) {
    const hostIssue = hostProblem(vhost);
    if (hostIssue) {
      const origin = vhost.routes[0]?.origin ?? vhost.defaultBackend?.origin;
      findings.push(targetFinding('target-unsupported', 'error', origin, `${hostIssue}; its rules are left out`));
      continue;
    }
    const plan: VhostPlan = { id: `v${vhosts.length}`, vhost, routes: [] };
    const redirects = (p: RoutePolicy) => (Boolean(vhost.tls) && p.sslRedirect) || p.forceSslRedirect;
    for (const route of vhost.routes) {
      const problem = pathProblem(route.match);
      if (problem) {
        findings.push(targetFinding('target-unsupported', 'error', route.origin, `${problem}; this route is left out`));
        continue;
      }
      const affinity = affinityFor(route.policy, route, route.origin, findings);
      const canary = route.canary && canaryFor(route, route.canary, (b, o) => backendFor(b, route.policy, o, affinity));
      const d: Decision = {
        id: `r${routeCount++}`,
        vhost: plan,
        match: route.match,
        backend: backendFor(reachableBackend(route.backend, route.policy), route.policy, route.origin, affinity),
        policy: route.policy,
        ...(canary ? { canary } : {}),
        redirect: redirects(route.policy),
        origin: route.origin,
        source: `Ingress ${route.origin.namespace}/${route.origin.name}`,
        label: routeLabel(route),
      };
      plan.routes.push(d);
      decisions.push(d);
    }
    const fb = vhost.defaultBackend;
    if (fb) {
      plan.fallback = {
        id: `d${vhosts.length}`,
        vhost: plan,
        backend: backendFor(reachableBackend(fb.backend, fb.policy), fb.policy, fb.origin, affinityFor(fb.policy, undefined, fb.origin, findings)),
        policy: fb.policy,
        redirect: redirects(fb.policy),
        origin: fb.origin,
        source: `Ingress ${fb.origin.namespace}/${fb.origin.name}`,
        label: hostDefaultLabel(vhost)!,
      };
      decisions.push(plan.fallback);
    }
    vhosts.push(plan);
  }

  let catchAll: Decision | undefined;
  const c = model.defaultBackend;
  if (c) {
    // the Matcher never redirects the catch-all: no route or host default matched
    catchAll = { id: 'c', backend: backendFor(reachableBackend(c.backend, c.policy), c.policy, c.origin, affinityFor(c.policy, undefined, c.origin, findings)), policy: c.policy, redirect: false, ...(c.origin ? { origin: c.origin } : {}), source: c.origin ? `Ingress ${c.origin.namespace}/${c.origin.name}` : '--default-backend', label: catchAllLabel(model) };
    decisions.push(catchAll);
  }

  return { vhosts, ...(catchAll ? { catchAll } : {}), decisions, backends: [...backends.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
}

/** affinity: cookie (the cookie's Path is the route's, "/" for a default backend, unless session-cookie-path says). */
function affinityFor(policy: RoutePolicy, route: Route | undefined, origin: Origin | undefined, findings: Finding[]): AffinityPlan | undefined {
  const a = policy.affinity;
  if (!a) return undefined;
  const at = (name: string) => origin && annotationOrigin(origin, name);
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(a.cookieName)) {
    findings.push(targetFinding('target-unsupported', 'error', at('session-cookie-name'), `session-cookie-name ${JSON.stringify(a.cookieName)} is not a cookie name; no affinity`));
    return undefined;
  }
  const { path, note } = safeAffinityPath(a, route);
  if (note) findings.push(targetFinding('target-unsupported', 'warning', at(a.path === undefined ? 'affinity' : 'session-cookie-path'), note));
  return { cookie: a.cookieName, path, ...(a.maxAge !== undefined ? { maxAge: a.maxAge } : {}) };
}

/** The canary's backend; default-backend applies to it too, and with nowhere to go its backend answers 503, as the Matcher does. */
function canaryFor(route: Route, canary: Canary, backendFor: (b: Backend, origin: Origin) => BackendPlan): CanaryPlan {
  return { canary, backend: backendFor(reachableBackend(canary.backend, route.policy), canary.origin) };
}
