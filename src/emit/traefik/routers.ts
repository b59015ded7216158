// The model's virtual hosts → Traefik routers, one list per entry point (web, websecure).
//
// Traefik tries routers by priority, highest first, and a router's priority defaults to the
// length of its rule, so a long Host or regex would outrank a longer path. Every router gets
// an explicit priority from the model's precedence instead, all different (Traefik's order
// of equal priorities is not defined): refused paths first, then from-to-www-redirect names,
// then each exact host (app-root, its routes in the model's order, then what answers when no
// path matches: its default backend, the catch-all, or 404, so a named host never falls
// through to the host-less rules), then each wildcard host the same way, then the host-less
// rules, then the catch-all default backend. Within a route, the variants that need more
// (a denied client address, a canary header or cookie) come before the plain one.
import { annotationOrigin } from '../../model/origin.js';
import type { RoutePolicy } from '../../model/policy.js';
import type { Backend, Origin, Route, RouteModel, VirtualHost } from '../../model/types.js';
import { decisionOf, type PlannedDecision, type TargetPlan } from '../plan.js';
import type { FindingSink } from './findings.js';
import type { Middlewares } from './middlewares.js';
import { HOST, hostRule, pathRule, rewriteRegex } from './paths.js';
import { re2Problem } from '../envoy/re2.js';
import { and, matcher, or, unwritable } from './quote.js';
import { NO_BACKEND, type Services } from './services.js';
import type { Router } from './types.js';

export type Scheme = 'http' | 'https';

interface Planned {
  label: string;
  rule: string;
  middlewares: string[];
  service: string;
}

export interface RouterContext {
  model: RouteModel;
  /** the decisions every target takes the same way (src/emit/plan.ts) */
  plan: TargetPlan;
  httpsPort: number;
  services: Services;
  middlewares: Middlewares;
  sink: FindingSink;
}

/** What answers: a route (its canary and rewrite apply), or a default backend with its Ingress's policy. */
interface Answerer {
  label: string;
  backend: Backend;
  policy: RoutePolicy;
  origin?: Origin;
  route?: Route;
  /** the plan's decision for it: HTTPS redirect, backends reached, affinity, header values */
  decision?: PlannedDecision;
}

/**
 * Paths the model refuses with 400 that Traefik would route: an encoded slash, an encoded or
 * raw backslash and an encoded NUL (matched encoded and decoded: Traefik keeps reserved
 * escapes such as %2F encoded in the path its matchers see, and decodes the others).
 */
export const UNSAFE_PATH = '%2F|%5C|%00|\\\\|\\x00';

export function routers(scheme: Scheme, ctx: RouterContext): Record<string, Router> {
  const plan: Planned[] = [{ label: 'refuse-unsafe-path', rule: matcher('PathRegexp', UNSAFE_PATH), middlewares: [ctx.middlewares.answer(400)], service: NO_BACKEND }];
  const exactHosts = new Set(ctx.model.hosts.filter((v) => v.kind === 'exact').map((v) => v.host));
  for (const r of ctx.model.hostRedirects ?? []) {
    if (exactHosts.has(r.host)) continue;
    if (!HOST.test(r.host) || !HOST.test(r.to) || r.host.startsWith('*') || r.to.startsWith('*')) {
      ctx.sink.add('target-unsupported', 'error', `from-to-www-redirect between ${JSON.stringify(r.host)} and ${JSON.stringify(r.to)}: not DNS names; not rendered`, annotationOrigin(r.origin, 'from-to-www-redirect'));
      continue;
    }
    plan.push({ label: `${r.host}-to-${r.to}`, rule: matcher('Host', r.host), middlewares: [ctx.middlewares.hostRedirect(r.to)], service: NO_BACKEND });
  }
  const byKind = (k: VirtualHost['kind']) => ctx.model.hosts.filter((v) => v.kind === k);
  for (const v of [...byKind('exact'), ...byKind('wildcard'), ...byKind('any')]) {
    if (v.kind !== 'any' && !HOST.test(v.host)) {
      ctx.sink.add('target-unsupported', 'error', `host ${JSON.stringify(v.host)} is not a DNS name; its routes are left out`, v.routes[0]?.origin);
      continue;
    }
    plan.push(...hostRouters(v, scheme, ctx));
  }
  const all = ctx.model.defaultBackend;
  if (all) plan.push(...answer({ label: 'catch-all', backend: all.backend, policy: all.policy, ...(all.origin ? { origin: all.origin } : {}), decision: ctx.plan.catchAll }, matcher('PathPrefix', '/'), scheme, ctx));

  const out: Record<string, Router> = {};
  const entry = scheme === 'http' ? 'web' : 'websecure';
  const width = String(plan.length).length;
  plan.forEach((p, i) => {
    const name = `${entry}-${String(i + 1).padStart(width, '0')}-${slug(p.label)}`;
    out[name] = {
      entryPoints: [entry] as ['web'] | ['websecure'],
      rule: p.rule,
      priority: plan.length - i,
      ...(p.middlewares.length ? { middlewares: p.middlewares } : {}),
      service: p.service,
      ...(scheme === 'https' ? { tls: {} } : {}),
    };
  });
  return out;
}

/** A readable part of a router name: letters, digits and "-" only. */
function slug(text: string): string {
  return text.toLowerCase().replace(/\*/g, 'star').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'route';
}

function hostRouters(v: VirtualHost, scheme: Scheme, ctx: RouterContext): Planned[] {
  const host = hostRule(v);
  const withHost = (rule: string) => (host ? and(host, rule) : rule);
  const name = v.host || 'any-host';
  const out: Planned[] = [];
  // app-root answers "/" before any route (and before the HTTPS redirect), as the Matcher does
  const appRoot = ctx.plan.appRoots.get(v);
  if (appRoot !== undefined) out.push({ label: `${name} app-root`, rule: withHost(matcher('Path', '/')), middlewares: [ctx.middlewares.appRoot(appRoot)], service: NO_BACKEND });
  for (const r of v.routes) {
    const path = pathRule(r.match);
    if ('problem' in path) {
      ctx.sink.add('target-unsupported', 'error', `${path.problem}; the route ${r.id} is left out`, r.origin, 'Use regex syntax common to Go and JavaScript: groups, classes, quantifiers, anchors, \\d \\w \\s \\b and escaped punctuation.');
      continue;
    }
    out.push(...answer({ label: r.id, backend: r.backend, policy: r.policy, origin: r.origin, route: r, decision: decisionOf(ctx.plan, v, r) }, withHost(path.rule), scheme, ctx));
  }
  // no path matched: the host's own default backend, else (for a named host) the catch-all or 404
  const tail = host ?? matcher('PathPrefix', '/');
  const label = `${name} no path matched`;
  if (v.defaultBackend) {
    const d = v.defaultBackend;
    out.push(...answer({ label, backend: d.backend, policy: d.policy, origin: d.origin, decision: decisionOf(ctx.plan, v, undefined) }, tail, scheme, ctx));
  } else if (v.kind !== 'any') {
    const all = ctx.model.defaultBackend;
    if (all) out.push(...answer({ label, backend: all.backend, policy: all.policy, ...(all.origin ? { origin: all.origin } : {}), decision: ctx.plan.catchAll }, tail, scheme, ctx));
    else out.push({ label, rule: tail, middlewares: [ctx.middlewares.answer(404)], service: NO_BACKEND });
  }
  return out;
}

/**
 * The routers that answer under a policy, in the Matcher's order (RoutePolicy): the HTTPS
 * redirect, closed (503), CORS, permanent-/temporal-redirect, then the forwarded request
 * with its access middlewares. The HTTPS redirect, the backends reached, the affinity cookie
 * and the header values are the plan's decisions.
 */
function answer(a: Answerer, rule: string, scheme: Scheme, ctx: RouterContext): Planned[] {
  const p = a.policy;
  const mw = ctx.middlewares;
  const d = a.decision;
  if (!d) throw new Error(`traefik emitter: no plan decision for ${a.label}`);
  if (scheme === 'http' && d.httpsRedirect) {
    return [{ label: a.label, rule, middlewares: [mw.httpsRedirect(ctx.httpsPort)], service: NO_BACKEND }];
  }
  if (p.denied) return [{ label: `${a.label} closed`, rule, middlewares: [mw.answer(503)], service: NO_BACKEND }];
  const cors = p.cors ? mw.cors(p.cors, a.origin) : undefined;
  const first = cors ? [cors] : [];
  if (d.headers.redirectRefused) return [{ label: a.label, rule, middlewares: [...first, mw.answer(503)], service: NO_BACKEND }];
  if (d.headers.redirect) {
    const r = mw.redirect(d.headers.redirect, a.origin);
    return [{ label: a.label, rule, middlewares: [...first, r ?? mw.answer(503)], service: NO_BACKEND }];
  }
  // buffering holds the whole request: gRPC streams must pass unbuffered
  const grpc = ['grpc', 'grpcs'].includes(d.reaches.protocol);
  if (grpc && p.bodySizeLimit !== 0) ctx.sink.add('target-approximate', 'warning', `the request body limit (${p.bodySizeLimit} bytes) is not enforced for the gRPC backend ${a.backend.namespace}/${a.backend.service}: Traefik could only do it by buffering whole streams`, a.origin);
  const body = grpc ? undefined : mw.bodyLimit(p.bodySizeLimit);
  const access = [...first, ...(body ? [body] : []), ...(p.rateLimit ? mw.rateLimits(p.rateLimit, a.origin) : [])];
  const out: Planned[] = [];
  const ranges = p.sourceRanges;
  if (ranges?.deny.length) {
    // Traefik has no deny list: a router of its own for the denied addresses, tried first
    const denied = or(...ranges.deny.map((c) => matcher('ClientIP', `${c.address}/${c.prefix}`)));
    out.push({ label: `${a.label} denied address`, rule: and(rule, denied), middlewares: [...access, mw.answer(403)], service: NO_BACKEND });
  }
  if (ranges?.allow.length) access.push(mw.allowList(ranges.allow));
  if (p.basicAuth) {
    const auth = mw.basicAuth(p.basicAuth);
    if (!auth) return [...out, { label: `${a.label} no user can log in`, rule, middlewares: [...access, mw.challenge(p.basicAuth), mw.answer(401)], service: NO_BACKEND }];
    access.push(auth);
  }
  const upstream = mw.upstreamHeaders(d.headers.upstreamHost, d.headers.forwardedPrefix);
  const after: string[] = upstream ? [upstream] : [];
  const r = a.route;
  const target = d.rewriteTarget;
  if (r && target !== undefined) {
    if (unwritable(target)) ctx.sink.add('target-unsupported', 'error', `rewrite-target ${JSON.stringify(target)} cannot be written; the path is passed on unchanged`, a.origin);
    else {
      if (target.includes('?')) ctx.sink.add('target-approximate', 'warning', `rewrite-target ${JSON.stringify(target)} has a query string; Traefik puts the "?" into the path`, a.origin);
      const { regex, replacement } = rewriteRegex(d.rewriteRegex !== undefined ? { ...r.match, kind: 'Regex', value: d.rewriteRegex } : r.match, target);
      after.push(mw.rewrite(regex, replacement));
    }
  }
  const serviceFor = (b: Backend, origin: Origin | undefined) => ctx.services.refFor(b, p, origin, d.affinity);
  const forward = (label: string, extra: string | undefined, service: string | undefined): Planned =>
    service ? { label, rule: extra ? and(rule, extra) : rule, middlewares: [...access, ...after], service } : { label: `${label} nowhere to go`, rule: extra ? and(rule, extra) : rule, middlewares: [...access, mw.answer(503)], service: NO_BACKEND };
  const main = serviceFor(d.reaches, a.origin);
  const c = d.canary;
  if (!c) return [...out, forward(a.label, undefined, main)];

  // a canary: the header decides, then the cookie, then the weight (ingress-nginx's order)
  const canary = serviceFor(d.canaryReaches ?? c.backend, c.origin);
  const h = c.header;
  if (h && /^[A-Za-z0-9-]+$/.test(h.name)) {
    if (h.kind === 'always-never') {
      out.push(forward(`${a.label} canary header always`, matcher('Header', h.name, 'always'), canary));
      out.push(forward(`${a.label} canary header never`, matcher('Header', h.name, 'never'), main));
    } else if (h.kind === 'value') {
      if (unwritable(h.value)) ctx.sink.add('target-unsupported', 'error', `canary-by-header-value ${JSON.stringify(h.value)} cannot be written; the header is not checked`, c.origin);
      else out.push(forward(`${a.label} canary header value`, matcher('Header', h.name, h.value), canary));
    } else {
      // Go's regexp finds the pattern anywhere in the value, as the model does
      const problem = unwritable(h.pattern) ?? re2Problem(h.pattern);
      if (problem) ctx.sink.add('target-unsupported', 'error', `canary-by-header-pattern ${JSON.stringify(h.pattern)} cannot be given to Go's regexp (${problem}); the header is not checked`, c.origin);
      else out.push(forward(`${a.label} canary header pattern`, matcher('HeaderRegexp', h.name, h.pattern), canary));
    }
  } else if (h) ctx.sink.add('target-unsupported', 'error', `canary-by-header ${JSON.stringify(h.name)} is not a header name; the header is not checked`, c.origin);
  if (c.cookie && /^[A-Za-z0-9_.-]+$/.test(c.cookie)) {
    const cookie = (value: string) => matcher('HeaderRegexp', 'Cookie', `(?:^|;)[ \\t]*${c.cookie!.replace(/\./g, '\\.')}=${value}[ \\t]*(?:;|$)`);
    out.push(forward(`${a.label} canary cookie always`, cookie('always'), canary));
    out.push(forward(`${a.label} canary cookie never`, cookie('never'), main));
  } else if (c.cookie) ctx.sink.add('target-unsupported', 'error', `canary-by-cookie ${JSON.stringify(c.cookie)} is not a cookie name; the cookie is not checked`, c.origin);
  let last: string | undefined;
  if (c.weight <= 0) last = main;
  else if (c.weight >= c.weightTotal) last = canary;
  else last = ctx.services.weighted(canary ?? nowhere(ctx), main ?? nowhere(ctx), c.weight, c.weightTotal);
  out.push(forward(`${a.label} canary weight`, undefined, last));
  return out;
}

/**
 * A weighted split's side with nowhere to go: a service whose one server refuses
 * connections (Traefik answers 502 there, where the model says 503; reported).
 */
function nowhere(ctx: RouterContext): string {
  ctx.sink.add('target-approximate', 'warning', 'a canary split has a side with nowhere to go: Traefik answers 502 for its share, where the model says 503');
  return NO_BACKEND;
}
