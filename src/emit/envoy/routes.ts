// The model's virtual hosts → one Envoy route configuration per listener (HTTP, HTTPS).
//
// Envoy picks a virtual host by domain (exact, then the longest "*.suffix", then "*")
// and then takes the FIRST route that matches, so routes are emitted in the model's
// precedence order and each virtual host ends with its own default. Where Envoy and
// the Ingress spec disagree, this file bridges the gap:
// - "*.foo.com" matches any number of labels in Envoy but exactly one in the spec: the
//   wildcard's own routes also require a one-label :authority, and after them the
//   host-less rules follow for deeper names (which the model sends there).
// - a trailing dot in the Host ("foo.com.") is the same host: each domain is listed
//   with and without it.
import type { VirtualHost } from '../../model/types.js';
import type { RouteContext } from './forward.js';
import { routeMatch } from './paths.js';
import { policyRoutes, routeAnswerer } from './policy.js';
import { constant } from './quote.js';
import { re2Problem } from './re2.js';
import { appRootRoute, wwwVirtualHosts } from './redirects.js';
import type { EnvoyRoute, EnvoyVirtualHost, HeaderMatcher, RouteConfiguration, RouteMatch } from './types.js';
import { isDnsSubdomain, isWildcardHost } from '../../model/validate-values.js';

export type { RouteContext } from './forward.js';

export type Scheme = 'http' | 'https';


export function routeConfiguration(scheme: Scheme, ctx: RouteContext): RouteConfiguration {
  const hosts = ctx.model.hosts;
  const any = hosts.find((v) => v.kind === 'any');
  const virtualHosts: EnvoyVirtualHost[] = [];
  for (const v of hosts) {
    if (v.kind !== 'any' && !(v.kind === 'wildcard' ? isWildcardHost(v.host) : isDnsSubdomain(v.host))) {
      // the model validates hosts; this is a second line so nothing else can reach a domain
      ctx.sink.add('target-unsafe-value', 'error', `host ${JSON.stringify(v.host)} is not a DNS name; its routes are left out`, v.routes[0]?.origin);
      continue;
    }
    if (v.kind === 'exact') virtualHosts.push(virtualHost(v.host, [v.host, `${v.host}.`], hostRoutes(v, scheme, ctx)));
    else if (v.kind === 'wildcard') {
      const tooBig = re2Problem(oneLabelGuard(v.host).string_match.safe_regex!.regex);
      if (tooBig) {
        ctx.sink.add('target-unsafe-value', 'error', `the one-label check for ${v.host} cannot be given to Envoy: ${tooBig}; its routes are left out`, v.routes[0]?.origin ?? v.defaultBackend?.origin);
        continue;
      }
      const own = hostRoutes(v, scheme, ctx).map((r) => ({ ...r, match: { ...r.match, headers: [...(r.match.headers ?? []), oneLabelGuard(v.host)] } }));
      virtualHosts.push(virtualHost(v.host, [v.host, `${v.host}.`], [...own, ...hostRoutes(any, scheme, ctx)]));
    }
  }
  // from-to-www-redirect names are exact domains: Envoy tries them before any wildcard
  virtualHosts.push(...wwwVirtualHosts(ctx.model.hostRedirects ?? [], ctx).map((w) => virtualHost(w.name, w.domains, w.routes)));
  virtualHosts.push(virtualHost('*', ['*'], hostRoutes(any, scheme, ctx)));
  return { name: scheme, virtual_hosts: virtualHosts };
}

function virtualHost(name: string, domains: string[], routes: EnvoyRoute[]): EnvoyVirtualHost {
  return { name, domains, routes: [rejectUnsafePath(), ...routes] };
}

/**
 * Envoy itself rejects %2F and %5C (path_with_escaped_slashes_action) and %00
 * (normalize_path); a backslash that survives normalisation is refused here, as the
 * model refuses it (400).
 */
function rejectUnsafePath(): EnvoyRoute {
  return REJECT_UNSAFE_PATH;
}
const REJECT_UNSAFE_PATH: EnvoyRoute = constant({ name: 'refuse-unsafe-path', match: { safe_regex: { regex: '.*(?:\\\\|%00|%2[Ff]|%5[Cc]).*' } }, direct_response: { status: 400 } });

/**
 * `*.foo.com` → the Host must be exactly one label in front of foo.com. Envoy chose this
 * virtual host because the Host ends in ".foo.com", so counting dots is enough: no
 * letters in the regex, which keeps its RE2 program small (Envoy limits its size).
 */
export function oneLabelGuard(wildcard: string): HeaderMatcher {
  const dots = wildcard.split('.').length - 1;
  return { name: ':authority', string_match: { safe_regex: { regex: `[^.]+(?:\\.[^.]+){${dots}}\\.?` } } };
}

const EVERY_PATH: RouteMatch = constant({ prefix: '/' });
const NOT_FOUND = constant({ status: 404 });

/** The routes of one model virtual host (or of none), ending with what answers when no path matches. */
function hostRoutes(v: VirtualHost | undefined, scheme: Scheme, ctx: RouteContext): EnvoyRoute[] {
  // app-root answers "/" before any route (and before the HTTPS redirect), as the Matcher does
  const out: EnvoyRoute[] = v?.appRoot ? appRootRoute(v, scheme, ctx) : [];
  for (const r of v?.routes ?? []) {
    const translated = routeMatch(r.match);
    if ('problem' in translated) {
      ctx.sink.add('target-unsafe-value', 'error', `${translated.problem}; the route ${r.id} is left out`, r.origin, 'Use regex syntax common to RE2 and JavaScript: groups (…) and (?:…), classes, quantifiers, anchors, \\d \\w \\s \\b and escaped punctuation.');
      continue;
    }
    out.push(...policyRoutes(routeAnswerer(r, ctx), translated.match, scheme, ctx));
  }
  // a default backend is guarded by its Ingress's annotations too
  const tail = `${v ? v.host || '*' : '*'} (no path matched)`;
  const all: RouteMatch = { prefix: '/' };
  if (v?.defaultBackend) {
    out.push(...policyRoutes({ name: tail, decision: ctx.plan.hostDefaults.get(v)!, origin: v.defaultBackend.origin }, all, scheme, ctx));
  } else if (ctx.plan.catchAll) {
    // the catch-all never redirects to HTTPS (the model redirects only for a host's own routes and default)
    const d = ctx.plan.catchAll;
    out.push(...policyRoutes({ name: tail, decision: d, ...(d.origin ? { origin: d.origin } : {}) }, all, scheme, ctx));
  } else out.push({ name: tail, match: EVERY_PATH, direct_response: NOT_FOUND });
  return out;
}

