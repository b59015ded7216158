// One virtual host → nginx server blocks. Each route becomes locations that select exactly
// the requests the model gives it (see locations.ts); each location's content is the
// route's action for that scheme: proxy, HTTPS redirect, or a status.
import type { Backend, HostRedirect, Origin, RouteModel, Route, VirtualHost } from '../../model/types.js';
import type { RoutePolicy } from '../../model/policy.js';
import { block, d, shared, type Directive } from './config.js';
import { findingFor } from './findings.js';
import { vhostLocations, type Place } from './locations.js';
import { decode, regexLiteral, ruleBytes, unionPattern } from './paths.js';
import { text, unquotable, word, type Arg } from './quote.js';
import { catchAllLabel, hostDefaultLabel, ROUTE_HEADER, routeLabel } from '../../model/route-label.js';
import { headerSafe } from '../../model/validate-values.js';
import type { Upstreams } from './upstreams.js';
import type { HttpExtras } from './extras.js';
import { routeHeaders } from './headers.js';
import { policyDirectives } from './policy.js';
import type { Snippets } from './snippets.js';
import type { Finding } from '../../findings/finding.js';
import type { PlannedDecision, TargetPlan } from '../plan.js';
import type { HostDecisions } from './host-decisions.js';

export interface ServerContext {
  model: RouteModel;
  /** the decisions every target shares (src/emit/plan.ts) */
  plan: TargetPlan;
  upstreams: Upstreams;
  findings: Finding[];
  listen: { http: string; https: string };
  httpsPort: number;
  /** add x-ingressctl-route in every location that answers for a route (serve --engine) */
  routeHeader: boolean;
  /** ssl_certificate / key paths for a host with a usable Secret; undefined → the generated default certificate */
  certificate(v: VirtualHost): { cert: string; key: string } | undefined;
  defaultCertificate: { cert: string; key: string };
  extras: HttpExtras;
  snippets: Snippets;
  /** what many locations share, made once per render (newMemo) */
  memo: Memo;
}

/**
 * Location bodies many routes share: the proxy directives of a backend under one policy (the
 * routes of an Ingress name the same backend and policy objects), and the HTTPS redirect.
 * Shared arrays are serialised once (config.ts). Only a body made without a finding is kept:
 * findings point at each route.
 */
export interface Memo {
  passes: Map<Backend, Map<RoutePolicy, Map<string, readonly Directive[]>>>;
  redirect?: readonly Directive[];
  /** what every server block has, by isDefault: listen directives and the request guards */
  servers: Map<boolean, { http: Directive; https: Directive; guards: readonly Directive[] }>;
  /** the generated certificate's directives */
  defaultCertificate?: readonly Directive[];
}

export const newMemo = (): Memo => ({ passes: new Map(), servers: new Map() });

/** Backends whose proxy directives are kept at most (see forgetPasses). */
const PASSES_KEPT = 256;

/**
 * Lets the collector have the proxy bodies once many backends are kept: a body made again is
 * the same (and serialised again the same), so this only bounds what lives through the
 * young-generation collections while 100,000 routes are written; most backends serve one host.
 */
export function forgetPasses(memo: Memo): void {
  if (memo.passes.size > PASSES_KEPT) memo.passes.clear();
}

/** The location modifiers as words, made once. */
const MODIFIERS = new Map(['=', '^~', '~', '~*'].map((m) => [m, word(m)]));
const ROOT: readonly Arg[] = [word('/')];

type Scheme = 'http' | 'https';

/** The HTTPS redirect, 308 as the model says, naming the HTTPS port when it is not 443. */
function redirect(ctx: ServerContext): Directive {
  return d('return', 308, `https://$host${ctx.httpsPort === 443 ? '' : `:${ctx.httpsPort}`}$request_uri`);
}

/** A location that only redirects to HTTPS: the same directives everywhere. */
const redirectBody = (ctx: ServerContext): readonly Directive[] => (ctx.memo.redirect ??= shared([redirect(ctx)]));

/**
 * The directives that send a route's request to `to` under `policy`: made once per backend,
 * policy and affinity key when the route adds nothing of its own (no canary variable, no
 * header of its own) and the backend could be written (no finding).
 */
function passFor(ctx: ServerContext, dec: PlannedDecision, to: Backend, via: string | undefined, origin: Origin | undefined): readonly Directive[] | undefined {
  const { policy } = dec;
  const grpc = to.protocol === 'grpc' || to.protocol === 'grpcs';
  const affinityKey = ctx.extras.affinityKey(dec.affinity);
  if (via !== undefined || dec.headers.upstreamHost !== undefined || dec.headers.forwardedPrefix !== undefined) return ctx.upstreams.pass(to, policy, origin, { affinityKey, via, headers: routeHeaders(dec.headers, policy, grpc) });
  let byPolicy = ctx.memo.passes.get(to);
  if (!byPolicy) ctx.memo.passes.set(to, (byPolicy = new Map()));
  let byKey = byPolicy.get(policy);
  if (!byKey) byPolicy.set(policy, (byKey = new Map()));
  const key = affinityKey ?? '';
  let pass = byKey.get(key);
  if (pass) return pass;
  const made = ctx.upstreams.pass(to, policy, origin, { affinityKey, via, headers: routeHeaders(dec.headers, policy, grpc) });
  if (made) byKey.set(key, (pass = shared(made)));
  return made;
}

function proxy(ctx: ServerContext, dec: PlannedDecision, origin = dec.route?.origin): readonly Directive[] {
  const { backend, route } = dec;
  // default-backend: where a route whose own backend has nowhere to go sends its requests (the plan decided)
  const to = dec.reaches;
  const via = route && to === backend ? ctx.extras.canaryVar(route) : undefined;
  const pass = passFor(ctx, dec, to, via, origin);
  if (!pass) return [d('return', 502)];
  const target = dec.rewriteTarget;
  if (target === undefined || !route) return pass;
  // as the model's upstreamPath: the route's path as a case-insensitive regex anchored at the
  // start (a regex route's own, so $1… are its groups); the whole path becomes the target
  const pattern = `(?i)^${route.match.kind === 'Regex' ? route.match.value : regexLiteral(decode(route.match.value))}`;
  if (!/^(?:[A-Za-z0-9\-._~!&'()*+,=:@/%?]|\$[1-9])+$/.test(target) || unquotable(target, 'captures') || unquotable(pattern, 'regex')) {
    ctx.findings.push(findingFor(route.origin, 'target-unsafe-value', 'error', `rewrite-target ${JSON.stringify(target)} cannot be written to nginx.conf safely; the path is passed unchanged`, undefined, 'metadata.annotations'));
    return pass;
  }
  return [d('rewrite', text(pattern), text(target), 'break'), ...pass];
}

/** What answers in a location: the policy's directives, then the proxy (a closed policy answers 503 only). */
function answer(ctx: ServerContext, dec: PlannedDecision): readonly Directive[] {
  const origin = dec.route?.origin ?? dec.origin;
  const p = policyDirectives(ctx.extras, dec, origin);
  if (p.closed) return p.before;
  if (p.authFailed) return [d('return', 503)];
  const snippet = ctx.snippets.location(origin);
  const pass = proxy(ctx, dec, origin);
  // nothing before the proxy: the (maybe shared) proxy directives are the whole body
  return p.before.length || snippet.length ? [...p.before, ...snippet, ...pass] : pass;
}

/**
 * The route header as serve sends it (percent-encoded as serve encodes it); a label nginx
 * would read as variables ("$") is left out rather than written unquoted.
 */
function labelled(ctx: ServerContext, label: string | undefined, body: readonly Directive[]): readonly Directive[] {
  if (!ctx.routeHeader || label === undefined) return body;
  const value = headerSafe(label);
  if (unquotable(value)) return body;
  return [d('add_header', ROUTE_HEADER, text(value), 'always'), ...body];
}

function routeAction(ctx: ServerContext, dec: PlannedDecision, r: Route, scheme: Scheme): readonly Directive[] {
  const body = scheme === 'http' && dec.httpsRedirect ? redirectBody(ctx) : answer(ctx, dec);
  // the label made only where it is written
  return ctx.routeHeader ? labelled(ctx, routeLabel(r), body) : body;
}

/** No route matched: the host's default backend, else the catch-all, else 404 (docs/routing.md). */
export function fallbackAction(ctx: ServerContext, hd: HostDecisions, scheme: Scheme): readonly Directive[] {
  const dec = hd.fallback;
  if (hd.fallbackKind === 'host-default') {
    if (scheme === 'http' && dec!.httpsRedirect) return redirectBody(ctx);
    return labelled(ctx, ctx.routeHeader ? hostDefaultLabel(hd.vhost!) : undefined, answer(ctx, dec!));
  }
  if (hd.fallbackKind === 'catch-all') return labelled(ctx, ctx.routeHeader ? catchAllLabel(ctx.model) : undefined, answer(ctx, dec!));
  return NOT_FOUND;
}

/** A location no route takes, on a host without a default backend: the same everywhere. */
const NOT_FOUND = shared([d('return', 404)]);

/** The locations of `places` for `scheme`, pushed onto `out`. */
function locationsFor(ctx: ServerContext, hd: HostDecisions, scheme: Scheme, places: Place[], out: Directive[]): void {
  let previous: Route | undefined;
  let previousBody: readonly Directive[] = [];
  for (const p of places) {
    // a route's locations (Prefix's "= /a" and "^~ /a/") have one body: made once
    const body = p.route ? (p.route === previous ? previousBody : routeAction(ctx, hd.routes[p.index!], p.route, scheme)) : fallbackAction(ctx, hd, scheme);
    if (p.route) previousBody = body;
    const args = p.match.modifier === '' && p.match.value === '/' ? ROOT : [MODIFIERS.get(p.match.modifier) ?? word(p.match.modifier), text(p.match.value)];
    // the Ingress and field, not file:line: the output must not change with the file split
    // once per route: its second location (Prefix's "^~ /a/") follows the first
    // (joined: one flat string, which the serializer checks without flattening it first)
    const from = p.route && p.route !== previous ? [p.route.id, ' from Ingress ', p.route.origin.namespace, '/', p.route.origin.name, ' ', p.route.origin.field].join('') : undefined;
    previous = p.route;
    const comment = p.note ?? from ?? (p.route ? undefined : 'no route matches');
    // one shape for every location (the comment undefined where there is none)
    out.push({ name: 'location', args: args as Arg[], block: body, comment: comment || undefined });
  }
}

function serverName(v: VirtualHost): Directive | undefined {
  if (v.kind === 'exact') return d('server_name', text(v.host));
  // *.foo.com matches exactly one more label; nginx's own "*.foo.com" would match any number
  if (v.kind === 'wildcard') return d('server_name', text(`~^[a-z0-9_-]+${v.host.slice(1).replace(/\./g, '\\.')}\\z`));
  return undefined;
}

/**
 * app-root at server level, as ingress-nginx writes it: "/" on the host is redirected before
 * any location is chosen (the path goes through a variable: only the emitter writes "$").
 */
function appRoot(ctx: ServerContext, v: VirtualHost | undefined): Directive[] {
  const path = v && ctx.plan.appRoots.get(v);
  if (!v?.appRoot || path === undefined) return [];
  return [
    { ...d('set', '$ingressctl_app_root', text(path)), comment: `app-root of Ingress ${v.appRoot.origin.namespace}/${v.appRoot.origin.name}` },
    block('if', ['($uri', '=', '/)'], [d('return', 302, '$scheme://$http_host$ingressctl_app_root')]),
  ];
}

/** from-to-www-redirect: a server of its own for the other name, on both listeners. */
export function hostRedirectServer(ctx: ServerContext, r: HostRedirect): Directive {
  return block(
    'server',
    [],
    [
      d('listen', ctx.listen.http),
      d('listen', ctx.listen.https, 'ssl', 'http2'),
      d('server_name', text(r.host)),
      d('ssl_certificate', text(ctx.defaultCertificate.cert)),
      d('ssl_certificate_key', text(ctx.defaultCertificate.key)),
      block('if', ['($ingressctl_bad_path)'], [d('return', 400)]),
      d('set', '$ingressctl_www_to', text(r.to)),
      d('return', r.code, '$scheme://$ingressctl_www_to$request_uri'),
    ],
    `host ${r.host}: from-to-www-redirect of Ingress ${r.origin.namespace}/${r.origin.name}`,
  );
}

/** The listen directives and request guards of every server block (the default server's own). */
function serverCommon(ctx: ServerContext, isDefault: boolean): { http: Directive; https: Directive; guards: readonly Directive[] } {
  let common = ctx.memo.servers.get(isDefault);
  if (common) return common;
  const flag = isDefault ? ['default_server'] : [];
  const refuse = shared([d('return', 400)]);
  const guards = [block('if', ['($ingressctl_bad_path)'], refuse), ...(isDefault ? [block('if', ['($ingressctl_bad_host)'], refuse)] : [])];
  common = { http: d('listen', ctx.listen.http, ...flag), https: d('listen', ctx.listen.https, 'ssl', 'http2', ...flag), guards };
  ctx.memo.servers.set(isDefault, common);
  return common;
}

/** ssl_certificate and its key for a host without a usable Secret: the certificate generated at render time. */
function defaultCertificate(ctx: ServerContext): readonly Directive[] {
  const cert = ctx.defaultCertificate;
  return (ctx.memo.defaultCertificate ??= [{ ...d('ssl_certificate', text(cert.cert)), comment: 'no usable TLS Secret: the certificate generated at render time' }, d('ssl_certificate_key', text(cert.key))]);
}

/** Server blocks for one virtual host (or, with `v` undefined, for requests no host claims). */
export function serverBlocks(ctx: ServerContext, hd: HostDecisions, isDefault: boolean): Directive[] {
  const v = hd.vhost;
  const places = v ? vhostLocations(v, ctx.findings) : [];
  if (!places.some((p) => p.match.modifier === '' && p.match.value === '/')) places.push({ match: { modifier: '', value: '/' } });
  const name = v ? serverName(v) : undefined;
  // per HTTPS server, not at http level: nginx loads the files for every server that inherits them
  const own = v && ctx.certificate(v);
  const certificate = own ? [d('ssl_certificate', text(own.cert)), d('ssl_certificate_key', text(own.key))] : defaultCertificate(ctx);
  const common = serverCommon(ctx, isDefault);
  const root = appRoot(ctx, v);
  const snippet = ctx.snippets.server(v);
  const comment = v ? (v.kind === 'any' ? 'rules without a host' : `host ${v.host}`) : 'requests for hosts no rule names';
  // each server's directives pushed into one array: no copies of the locations
  const start = (listen: Directive[], withCertificate: boolean): Directive[] => {
    const out = listen;
    if (name) out.push(name);
    if (withCertificate) for (const c of certificate) out.push(c);
    for (const g of common.guards) out.push(g);
    for (const x of root) out.push(x);
    for (const x of snippet) out.push(x);
    return out;
  };
  const https = start(hd.splitHttp ? [common.https] : [common.http, common.https], true);
  locationsFor(ctx, hd, 'https', places, https);
  if (!hd.splitHttp) return [block('server', [], https, comment)];
  const http = start([common.http], false);
  const redirect = redirectOnly(ctx, hd, places);
  if (redirect) for (const x of redirect) http.push(x);
  else locationsFor(ctx, hd, 'http', places, http);
  return [block('server', [], http, `${comment}, plain HTTP`), block('server', [], https, `${comment}, HTTPS`)];
}

/**
 * The plain-HTTP side of a host whose every route redirects to HTTPS: one regex location for
 * "some route matches" (308) beside the fallback, instead of every route's locations again
 * (nginx's start-up time and memory grow with the number of locations).
 */
function redirectOnly(ctx: ServerContext, hd: HostDecisions, places: Place[]): Directive[] | undefined {
  // with the route header, each redirect names its route: one location per route then
  if (ctx.routeHeader) return undefined;
  // the routes in the order their places come, with the rule bytes the places know (by the
  // route's index in the host: no set or map of routes)
  const routes: Route[] = [];
  const placedAt: number[] = [];
  const seen: boolean[] = new Array<boolean>(hd.routes.length).fill(false);
  const bytes: (string | undefined)[] = new Array<string | undefined>(hd.routes.length).fill(undefined);
  for (const p of places) {
    if (!p.route) continue;
    const i = p.index!;
    if (!hd.routes[i].httpsRedirect) return undefined;
    if (p.bytes !== undefined && bytes[i] === undefined) bytes[i] = p.bytes;
    if (!seen[i]) seen[i] = true, routes.push(p.route), placedAt.push(i);
  }
  if (!routes.length) return undefined;
  const fallback = fallbackAction(ctx, hd, 'http');
  const bytesOf = (r: Route, i: number) => bytes[placedAt[i]] ?? ruleBytes(r);
  if (routes.some((r, i) => r.match.kind === 'Prefix' && bytesOf(r, i) === '')) return [block('location', ['/'], redirectBody(ctx), 'every path matches a route')];
  const pattern = unionPattern(routes, bytesOf);
  if (!pattern) return undefined;
  return [block('location', ['~', text(pattern)], redirectBody(ctx), `a path any route matches: ${routes.length} route(s)`), block('location', ['/'], fallback, 'no route matches')];
}
