// The model → what the HAProxy config decides: one "decision" per place a request can end
// (a route, a host's default backend, the catch-all), each with an id the config stores in
// txn.route, and one HAProxy backend per distinct (upstream, protocol, timeouts), on top of
// the decisions every target shares (src/emit/plan.ts: redirect, backend, affinity, headers).
// Values that cannot reach haproxy.cfg safely are refused here, with a finding.
import { catchAllLabel, hostDefaultLabel, routeLabel } from '../../model/route-label.js';
import type { Finding } from '../../findings/finding.js';
import { oneServerTimeout, type RoutePolicy } from '../../model/policy.js';
import type { Backend, Canary, Origin, PathMatch, Route, RouteModel, Upstream, VirtualHost } from '../../model/types.js';
import type { PlannedDecision, TargetPlan } from '../plan.js';
import type { QuotedPatterns } from './config.js';
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
  /** what every target decides the same way (src/emit/plan.ts): effective backend, affinity, header values */
  shared: PlannedDecision;
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

/**
 * Consecutive decisions (in `decisions` order, within one virtual host) that every rule
 * made for a set of decisions treats alike: the same policy, header values, HTTPS redirect,
 * HAProxy backend, rewrite-target and source, and no canary (a route with a canary is a
 * run of its own). An Ingress's routes are usually one run: a rule keyed on any of these
 * is decided once per run, not per route.
 */
export interface PolicyRun {
  /** the run's first decision: what the run's decisions share is read from it */
  first: Decision;
  decisions: Decision[];
  /** their ids, in order */
  ids: string[];
  /** the ids checked and quoted as patterns of `var(txn.route) -m str`, once (ids.ts forIds) */
  quotedIds?: QuotedPatterns;
}

export interface Plan {
  /** the decisions every target shares */
  shared: TargetPlan;
  vhosts: VhostPlan[];
  catchAll?: Decision;
  /** every decision, in the order the config tests them */
  decisions: Decision[];
  /** `decisions` cut into runs, in order */
  runs: PolicyRun[];
  /** sorted by name */
  backends: BackendPlan[];
}

const NAME_UNSAFE = /[^a-z0-9.-]/g;

/** HAProxy's plan on top of the shared one: decision ids, and one HAProxy backend per distinct (upstream, protocol, timeouts, affinity). */
export function planModel(model: RouteModel, shared: TargetPlan, findings: Finding[]): Plan {
  const backends = new Map<string, BackendPlan>();
  const names = new Set<string>();
  // a part of a backend name: an object name as it is, else made one; namespaces and ports repeat
  const parts = new Map<string, string>();
  const namePart = (s: string): string => {
    let part = parts.get(s);
    if (part === undefined) parts.set(s, (part = isObjectName(s) ? s : s.toLowerCase().replace(NAME_UNSAFE, '-')));
    return part;
  };

  // resolve shares one Backend and one policy among an Ingress's routes: the same pair
  // (without affinity) is the same key, found without building it again
  const byObjects = new Map<Backend, Map<RoutePolicy['timeouts'], BackendPlan>>();
  const backendFor = (b: Backend, policy: RoutePolicy, origin: Origin | undefined, affinity?: AffinityPlan): BackendPlan => {
    const t = policy.timeouts;
    let same = affinity ? undefined : byObjects.get(b);
    const known = same?.get(t);
    if (known) return known;
    const server = oneServerTimeout(t);
    const key = backendKey(b, t.connect, server, affinity);
    let plan = backends.get(key);
    if (!affinity) {
      if (!same) byObjects.set(b, (same = new Map()));
      if (plan) same.set(t, plan);
    }
    if (plan) return plan;
    const refused = upstreamProblem(b.upstream);
    if (refused) findings.push(targetFinding('target-unsafe-value', 'error', origin, `the upstream of ${b.namespace}/${b.service} is refused: ${refused}; requests for it are answered with 503`, 'Fix the Service (externalName) or the --upstream address.'));
    const base = `${namePart(b.namespace)}_${namePart(b.service)}_${namePart(String(b.port ?? b.portName ?? 'unknown'))}`;
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}_${n}`;
    names.add(name);
    plan = { name, backend: b, connect: t.connect, server, ...(refused ? { refused } : {}), ...(affinity ? { affinity } : {}) };
    backends.set(key, plan);
    same?.set(t, plan);
    return plan;
  };

  // "Ingress ns/name", one string per Ingress (an Ingress has many routes, one after another)
  const sources = new Map<string, Map<string, string>>();
  let lastOrigin: Origin | undefined;
  let lastSource = '';
  const sourceOf = (o: Origin): string => {
    if (lastOrigin && o.name === lastOrigin.name && o.namespace === lastOrigin.namespace) return lastSource;
    lastOrigin = o;
    lastSource = sourceIn(o);
    return lastSource;
  };
  const sourceIn = (o: Origin): string => {
    let byName = sources.get(o.namespace);
    if (!byName) sources.set(o.namespace, (byName = new Map()));
    let s = byName.get(o.name);
    if (s === undefined) byName.set(o.name, (s = `Ingress ${o.namespace}/${o.name}`));
    return s;
  };

  const vhosts: VhostPlan[] = [];
  const decisions: Decision[] = [];
  const runs: PolicyRun[] = [];
  let run: PolicyRun | undefined;
  /** `d` joins the current run when it is treated as its first is, else starts one */
  const addToRun = (d: Decision, joins: boolean) => {
    if (joins && run) {
      run.decisions.push(d);
      run.ids.push(d.id);
      return;
    }
    runs.push((run = { first: d, decisions: [d], ids: [d.id] }));
  };
  let routeCount = 0;
  for (const vhost of model.hosts) {
    const hostIssue = hostProblem(vhost);
    if (hostIssue) {
      const origin = vhost.routes[0]?.origin ?? vhost.defaultBackend?.origin;
      findings.push(targetFinding('target-unsafe-value', 'error', origin, `${hostIssue}; its rules are left out`));
      continue;
    }
    const plan: VhostPlan = { id: `v${vhosts.length}`, vhost, routes: [] };
    // the previous route's decision: an Ingress's routes share their policy and backend objects
    let prev: RouteDecision | undefined;
    for (const route of vhost.routes) {
      const problem = pathProblem(route.match);
      if (problem) {
        findings.push(targetFinding('target-unsafe-value', 'error', route.origin, `${problem}; this route is left out`));
        continue;
      }
      const sd = shared.routes.get(route)!;
      const policy = route.policy;
      let d: RouteDecision;
      if (prev && !sd.canary && !sd.affinity && prev.alike(route, sd)) {
        // the previous route's Ingress, backend and policy, neither with a canary or affinity:
        // its HAProxy backend and source, and its run (every key of sameRules is the same)
        d = new RouteDecision(`r${routeCount++}`, plan, prev.backend, sd, prev.source, route);
        addToRun(d, true);
      } else {
        const affinity = affinityOf(sd);
        const canary = sd.canary && { canary: sd.canary, backend: backendFor(sd.canaryReaches!, policy, sd.canary.origin, affinity) };
        // the same backend object and policy as the previous route (without affinity): the same HAProxy backend
        const backend = prev && !affinity && !prev.affinity && sd.reaches === prev.shared.reaches && policy === prev.policy ? prev.backend : backendFor(sd.reaches, policy, route.origin, affinity);
        d = new RouteDecision(`r${routeCount++}`, plan, backend, sd, sourceOf(route.origin), route);
        if (canary) d.canary = canary;
        addToRun(d, !!prev && !canary && !prev.canary && sameRules(d, prev));
      }
      plan.routes.push(d);
      decisions.push(d);
      prev = d;
    }
    const fb = vhost.defaultBackend;
    if (fb) {
      const sd = shared.hostDefaults.get(vhost)!;
      plan.fallback = {
        id: `d${vhosts.length}`,
        vhost: plan,
        backend: backendFor(sd.reaches, fb.policy, fb.origin, affinityOf(sd)),
        policy: fb.policy,
        redirect: sd.httpsRedirect,
        shared: sd,
        origin: fb.origin,
        source: `Ingress ${fb.origin.namespace}/${fb.origin.name}`,
        label: hostDefaultLabel(vhost)!,
      };
      decisions.push(plan.fallback);
      addToRun(plan.fallback, false);
    }
    vhosts.push(plan);
  }

  let catchAll: Decision | undefined;
  const c = model.defaultBackend;
  const sc = shared.catchAll;
  if (c && sc) {
    // the Matcher never redirects the catch-all: no route or host default matched (sc.httpsRedirect is false)
    catchAll = { id: 'c', backend: backendFor(sc.reaches, c.policy, c.origin, affinityOf(sc)), policy: c.policy, redirect: sc.httpsRedirect, shared: sc, ...(c.origin ? { origin: c.origin } : {}), source: c.origin ? `Ingress ${c.origin.namespace}/${c.origin.name}` : '--default-backend', label: catchAllLabel(model) };
    decisions.push(catchAll);
    addToRun(catchAll, false);
  }

  return { shared, vhosts, ...(catchAll ? { catchAll } : {}), decisions, runs, backends: [...backends.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
}

/** Length-prefixed text: keys made of such parts cannot run into each other. */
const keyPart = (s: string): string => `${s.length}:${s}`;

function upstreamKey(u: Upstream): string {
  if (u.kind === 'dns') return `dns ${keyPart(u.host)}${u.port}`;
  if (u.kind === 'unresolved') return `unresolved ${keyPart(u.reason)}`;
  let key = `endpoints ${keyPart(u.source)}${u.endpoints.length}`;
  for (const e of u.endpoints) key += ` ${keyPart(e.ip)}${e.port}`;
  return key;
}

/**
 * What makes two HAProxy backends the same (upstream, protocol, timeouts, affinity), as text:
 * every string part length-prefixed, so that different values never make the same key.
 */
function backendKey(b: Backend, connect: number, server: number, affinity: AffinityPlan | undefined): string {
  const a = affinity ? `${keyPart(affinity.cookie)}${keyPart(affinity.path)}${affinity.maxAge ?? '-'}` : '-';
  return `${keyPart(b.namespace)}${keyPart(b.service)}${b.port} ${keyPart(b.portName ?? '')}${keyPart(b.protocol)}${upstreamKey(b.upstream)} ${connect} ${server} ${a}`;
}

/** Two route decisions of one virtual host that every rule for a set of decisions treats alike (PolicyRun). */
function sameRules(a: Decision, b: Decision): boolean {
  const x = a.shared;
  const y = b.shared;
  return a.policy === b.policy && x.headers === y.headers && x.httpsRedirect === y.httpsRedirect && a.backend === b.backend && x.rewriteTarget === y.rewriteTarget && a.source === b.source;
}

/**
 * A route's decision, one per route (100,000s): one shape, what the route and the shared
 * decision hold read from them, and the label, which only serve --engine writes, made when read.
 */
class RouteDecision implements Decision {
  declare canary?: CanaryPlan;

  constructor(
    readonly id: string,
    readonly vhost: VhostPlan,
    readonly backend: BackendPlan,
    readonly shared: PlannedDecision,
    readonly source: string,
    private readonly route: Route,
  ) {}

  get match(): PathMatch {
    return this.route.match;
  }

  get policy(): RoutePolicy {
    return this.route.policy;
  }

  get redirect(): boolean {
    return this.shared.httpsRedirect;
  }

  get origin(): Origin {
    return this.route.origin;
  }

  get affinity(): PlannedDecision['affinity'] {
    return this.shared.affinity;
  }

  get label(): string {
    return routeLabel(this.route);
  }

  /**
   * The next route of the same Ingress (origin) with the same policy and shared decision
   * parts as this one's, this one without a canary or affinity: what sameRules compares and
   * what the HAProxy backend is made of are the same.
   */
  alike(route: Route, sd: PlannedDecision): boolean {
    const mine = this.shared;
    const o = route.origin;
    const p = this.route.origin;
    return (
      !this.canary &&
      !mine.affinity &&
      route.policy === this.route.policy &&
      sd.reaches === mine.reaches &&
      sd.headers === mine.headers &&
      sd.httpsRedirect === mine.httpsRedirect &&
      sd.rewriteTarget === mine.rewriteTarget &&
      o.name === p.name &&
      o.namespace === p.namespace
    );
  }
}

/** affinity: cookie as the shared plan decided it (cookie name checked, the model's Path). */
function affinityOf(d: PlannedDecision): AffinityPlan | undefined {
  const a = d.affinity;
  return a && { cookie: a.cookieName, path: a.path, ...(a.maxAge !== undefined ? { maxAge: a.maxAge } : {}) };
}
