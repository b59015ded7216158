// The frontend: docs/routing.md as http-request rules, in the Matcher's order. The request
// path is made canonical, the host picks a virtual host (txn.vh), the first matching
// route of that host in model order is stored in txn.route, and every later rule
// (redirect, 404, body limit, upstream path, use_backend) reads txn.route.
import type { EmitOptions } from '../types.js';
import { line, note, quoted, quotedTest, quotedWord, reused, testHead, unless, when, whenAny, type Line, type Quoted, type Section, type Test, type WrittenLines } from './config.js';
import type { Decision, Plan, VhostPlan } from './plan.js';
import { forIds, groupRuns, idsWhere } from './ids.js';
import { logFormatText, UnsafeValue } from './quote.js';
import { formatBackend } from '../../model/backends.js';
import { ROUTE_HEADER } from '../../model/route-label.js';
import { headerSafe } from '../../model/validate-values.js';

const routed: Test = reused({ acl: 'routed' });
const notRouted: Test = reused({ acl: 'routed', not: true });
const vhostFound: Test = reused({ acl: 'vhost_found' });
const plainHttp: Test = reused({ fetch: 'ssl_fc', not: true });
const inVhost = (v: VhostPlan): Test => ({ fetch: 'var(txn.vh)', flags: ['-m', 'str'], patterns: [v.id] });

/**
 * docs/routing.md "The request path": refuse what engines read differently, then route on
 * the canonical path. Steps in the order that gives nginx's answers: decode unreserved
 * escapes first (so %2e%2e is a dot segment), merge slashes before resolving ".."
 * (/a//../b → /b). The client's path and query are kept for the upstream.
 */
export function requestPathRules(): Line[] {
  const pathHas = (flags: string[], patterns: string[]): Test => ({ fetch: 'path', flags: ['-m', 'sub', ...flags], patterns });
  return [
    note('the request path (docs/routing.md): refuse %2F, %5C, %00 and a raw backslash, then route on the canonical path'),
    line(['http-request', 'deny', 'deny_status', '400'], whenAny([pathHas([], ['\\'])], [pathHas(['-i'], ['%2f', '%5c', '%00'])])),
    line(['http-request', 'set-var(txn.rawpathq)', 'pathq']),
    line(['http-request', 'set-var(txn.query)', 'pathq,regsub(^[^?]*,)']),
    line(['http-request', 'normalize-uri', 'percent-decode-unreserved', 'strict']),
    line(['http-request', 'normalize-uri', 'percent-to-uppercase', 'strict']),
    line(['http-request', 'normalize-uri', 'path-merge-slashes']),
    line(['http-request', 'normalize-uri', 'path-strip-dot']),
    line(['http-request', 'normalize-uri', 'path-strip-dotdot']),
    note('".." above the root is left in place by path-strip-dotdot: refused, as by the model'),
    line(['http-request', 'deny', 'deny_status', '400'], when({ fetch: 'path', flags: ['-m', 'beg'], patterns: ['/../'] })),
    note('the path with a final "/", so that Prefix /foo is one test: begins with /foo/'),
    line(['http-request', 'set-var-fmt(txn.segpath)', '%[path]/']),
  ];
}

/** docs/routing.md "Host": lower-cased, without port or final dot; a malformed Host is refused as by the model. */
export function hostRules(): Line[] {
  return [
    note('the host (docs/routing.md): lower-cased, without port or final dot'),
    line(['http-request', 'deny', 'deny_status', '400'], when({ fetch: 'req.fhdr(host)', flags: ['-m', 'found'] }, { not: true, fetch: 'req.fhdr(host),lower', flags: ['-m', 'reg'], patterns: ['^(\\[[0-9a-f:.]*\\]|[a-z0-9_.-]*)(:[0-9]*)?$'] })),
    line(['http-request', 'set-var(txn.host)', 'req.fhdr(host),lower,regsub(:[0-9]*$,),regsub([.]$,)']),
    line(['http-request', 'deny', 'deny_status', '400'], when({ fetch: 'var(txn.host)', flags: ['-m', 'sub'], patterns: ['..'] })),
    note('"*" and the host from its first dot: the one wildcard that may match (exactly one more label)'),
    line(['http-request', 'set-var(txn.wild)', 'var(txn.host),regsub(^[^.]+,*)']),
  ];
}

const setVh = quoted(['http-request', 'set-var(txn.vh)']);
const ifWord = quoted(['if']);
const ifNoVhost = quoted(['if'], [{ ...vhostFound, not: true }]);
const hostIs = testHead('var(txn.host)', ['-m', 'str']);
const wildIs = testHead('var(txn.wild)', ['-m', 'str']);

// 10,000 lines for 10,000 hosts: written as they are made, the shared parts quoted once
function writeVhostRules(out: WrittenLines, plan: Plan): void {
  out.note('virtual host: the exact host, else the one-label wildcard, else the host-less rules');
  for (const v of plan.vhosts) {
    const k = v.vhost.kind;
    if (k === 'exact') out.quoted(setVh, quotedWord(`str(${v.id})`), ifWord, quotedTest(hostIs, v.vhost.host));
    else if (k === 'wildcard') out.quoted(setVh, quotedWord(`str(${v.id})`), ifNoVhost, quotedTest(wildIs, v.vhost.host));
  }
  const any = plan.vhosts.find((v) => v.vhost.kind === 'any');
  if (any) out.line(line(['http-request', 'set-var(txn.vh)', `str(${any.id})`], unless(vhostFound)));
}

const pathIs = testHead('path', ['-m', 'str']);
const pathMatches = testHead('path', ['-m', 'reg', '-i']);
const pathBegins = testHead('path', ['-m', 'beg']);
const segpathBegins = testHead('var(txn.segpath)', ['-m', 'beg']);

/** The path test of a route as a quoted part of a line, or none when it matches every path (Prefix /): no Test made (100,000 routes). */
function quotedPathTest(d: Decision): Quoted | undefined {
  const m = d.match!;
  const value = m.value;
  if (m.kind === 'Exact') return quotedTest(pathIs, value);
  if (m.kind === 'Regex') return quotedTest(pathMatches, '^' + value);
  if (m.kind === 'StringPrefix') return value === '/' ? undefined : quotedTest(pathBegins, value);
  // Prefix /foo and /foo/ both: "/foo/"
  const prefix = value.charCodeAt(value.length - 1) === 0x2f ? value.replace(/\/+$/, '') : value;
  return prefix ? quotedTest(segpathBegins, prefix + '/') : undefined;
}

/** A host's default backend or the catch-all, for its comment. */
function describe(d: Decision): string {
  const what = d.vhost ? 'default backend of the host' : 'catch-all';
  return `${d.id}: ${what} -> ${formatBackend(d.backend.backend)} (${d.source})`;
}

const setRoute = quoted(['http-request', 'set-var(txn.route)']);

// written per route as the file is written: 100,000 routes' lines are never held at once;
// the parts a host's lines share are quoted once per host, the rest per route
function writeRouteRules(out: WrittenLines, plan: Plan): void {
  out.note('routes of the virtual host in model order (longest path first, Exact before Prefix): the first match wins');
  const routeId = (d: Decision) => quotedWord(`str(${d.id})`);
  for (const v of plan.vhosts) {
    out.note(`${v.id} ${v.vhost.host || '(any host)'}${v.vhost.tls ? ` TLS ${v.vhost.tls.secretNamespace}/${v.vhost.tls.secretName}` : ''}`);
    // "if !routed { var(txn.vh) -m str vN }"
    const inThis = quoted(['if'], [notRouted, inVhost(v)]);
    // one comment per run of routes from the same Ingress to the same backend (an Ingress's
    // paths, usually): the route's id and path are on its own line
    let source: string | undefined;
    let backend: Decision['backend'] | undefined;
    for (const d of v.routes) {
      if (d.source !== source || d.backend !== backend) {
        source = d.source;
        backend = d.backend;
        out.note(`${source} -> ${formatBackend(backend.backend)}`);
      }
      out.quoted(setRoute, routeId(d), inThis, quotedPathTest(d));
    }
    if (v.fallback) {
      out.note(describe(v.fallback));
      out.quoted(setRoute, routeId(v.fallback), inThis);
    }
  }
  if (plan.catchAll) {
    out.note(describe(plan.catchAll));
    out.line(line(['http-request', 'set-var(txn.route)', `str(${plan.catchAll.id})`], unless(routed)));
  }
}

function redirectRules(plan: Plan, httpsPort: number): Line[] {
  const ids = idsWhere(plan.runs, (d) => d.redirect);
  if (!ids.length) return [];
  const port = httpsPort === 443 ? '' : `:${httpsPort}`;
  const location = `https://%[var(txn.host)]${port}%[path]%[var(txn.query)]`;
  return [
    note('plain HTTP to a TLS host (or with force-ssl-redirect): 308 to HTTPS, canonical path, query as sent'),
    ...forIds(ids, (t) => line(['http-request', 'redirect', 'location', location, 'code', '308'], when(plainHttp, t))),
  ];
}

/** 413 beyond the body limit, read from Content-Length (see findings for chunked bodies). */
function bodyLimitRules(plan: Plan): Line[] {
  const byLimit = groupRuns(plan.runs, (d) => (d.policy.bodySizeLimit > 0 ? d.policy.bodySizeLimit : undefined));
  const out: Line[] = [];
  for (const [limit, { ids }] of [...byLimit].sort((a, b) => a[0] - b[0])) {
    out.push(...forIds(ids, (t) => line(['http-request', 'deny', 'deny_status', '413'], when(t, { fetch: 'req.hdr_val(content-length)', flags: ['gt'], patterns: [String(limit)] }))));
  }
  return out.length ? [note('request body limit (proxy-body-size; default 1m)'), ...out] : [];
}

/**
 * A rewrite-target the config applies: replace-path for regex routes ($N → \N) and where the
 * plan gives the path's literal regex (the rewrite does not apply to every path the route
 * takes), set-path otherwise.
 */
export function rewriteWords(d: Decision, target: string): string[] {
  const pattern = d.match?.kind === 'Regex' ? d.match.value : d.shared.rewriteRegex;
  if (pattern !== undefined) {
    const replacement = logFormatText(target).replace(/\$([1-9])/g, '\\$1');
    return ['http-request', 'replace-path', `(?i)^${pattern}`, replacement];
  }
  // an Exact or Prefix path has no capture groups: $N is empty, as in nginx
  return ['http-request', 'set-path', logFormatText(target.replace(/\$[1-9]/g, '')) || '/'];
}

function upstreamPathRules(rewrites: Map<Decision, string[]>): Line[] {
  const ids = [...rewrites.keys()].map((d) => d.id);
  const out: Line[] = [note('the upstream receives the path and query as the client sent them, unless rewrite-target says otherwise')];
  if (!ids.length) return [...out, line(['http-request', 'set-pathq', '%[var(txn.rawpathq)]'])];
  const keep = forIds(ids, (t) => line(['http-request', 'set-pathq', '%[var(txn.rawpathq)]'], unless(t)));
  if (keep.length === 1) out.push(...keep);
  else {
    // more ids than one line holds (64 words): "unless" cannot be split over lines, so the routes with a rewrite are marked first
    out.push(...forIds(ids, (t) => line(['http-request', 'set-var(txn.rewrite)', 'bool(true)'], when(t))));
    out.push(line(['http-request', 'set-pathq', '%[var(txn.rawpathq)]'], unless({ fetch: 'var(txn.rewrite)', flags: ['-m', 'bool'] })));
  }
  for (const [d, rewrite] of rewrites) {
    const only = when({ fetch: 'var(txn.route)', flags: ['-m', 'str'], patterns: [d.id] });
    out.push(note(`rewrite-target of ${d.id}`), line(rewrite, only), line(['http-request', 'set-pathq', '%[path]%[var(txn.query)]'], only));
  }
  return out;
}

function forwardedHeaders(): Line[] {
  return [
    note('the client\'s Host is passed through unchanged; X-Forwarded-For comes from "option forwardfor"'),
    line(['http-request', 'set-header', 'X-Forwarded-Proto', 'https'], when({ fetch: 'ssl_fc' })),
    line(['http-request', 'set-header', 'X-Forwarded-Proto', 'http'], unless({ fetch: 'ssl_fc' })),
    line(['http-request', 'set-header', 'X-Forwarded-Port', '%[dst_port]']),
    line(['http-request', 'set-header', 'X-Real-IP', '%[src]']),
  ];
}

function useBackendRules(plan: Plan): Line[] {
  const byBackend = groupRuns(plan.runs, (d) => d.backend);
  return plan.backends.flatMap((b) => forIds(byBackend.get(b)?.ids ?? [], (t) => line(['use_backend', b.name], when(t))));
}

/** The annotation rules (redirects, access, CORS, canary, upstream headers), made by their own modules. */
export interface PolicyRules {
  /** named ACLs, declared at the top */
  acls: Line[];
  /** from-to-www-redirect: before the virtual host is chosen */
  hostRedirects: Line[];
  /** app-root: before the routes */
  appRoot: Line[];
  /** once the route is known: closed routes, CORS, redirects, rate limits, source ranges, basic auth, canary */
  afterRoute: Line[];
  upstreamHeaders: Line[];
  /** http-after-response rules */
  response: Line[];
  /** use_backend lines that come before the routes' own */
  useBackend: Line[];
}

export interface Listeners {
  http: string;
  https: string;
  /** "crt FILE" or "crt-list FILE" */
  certs: [string, string];
}

/** The frontend, its lines made as the file is written (each time it is written). */
export function frontendSection(plan: Plan, listeners: Listeners, options: EmitOptions, rewrites: Map<Decision, string[]>, policy: PolicyRules): Section {
  return { head: ['frontend', 'ingress'], writeLines: (out) => writeFrontend(out, plan, listeners, options, rewrites, policy) };
}

function writeFrontend(out: WrittenLines, plan: Plan, listeners: Listeners, options: EmitOptions, rewrites: Map<Decision, string[]>, policy: PolicyRules): void {
  out.line(line(['bind', listeners.http]));
  out.line(line(['bind', listeners.https, 'ssl', ...listeners.certs, 'alpn', 'h2,http/1.1']));
  out.line(line(['acl', 'vhost_found', 'var(txn.vh)', '-m', 'found']));
  out.line(line(['acl', 'routed', 'var(txn.route)', '-m', 'found']));
  if (options.serveAccessLog) out.line(line(['http-request', 'capture', 'req.hdr(host)', 'len', '256']));
  out.lines(policy.acls);
  out.blank();
  out.lines(requestPathRules());
  out.blank();
  out.lines(hostRules());
  out.lines(policy.hostRedirects);
  out.blank();
  writeVhostRules(out, plan);
  out.lines(policy.appRoot);
  out.blank();
  writeRouteRules(out, plan);
  out.blank();
  out.lines(redirectRules(plan, options.httpsPort));
  out.note('no route, no default backend: 404');
  out.line(line(['http-request', 'return', 'status', '404'], unless(routed)));
  out.lines(bodyLimitRules(plan));
  out.lines(policy.afterRoute);
  out.blank();
  out.lines(upstreamPathRules(rewrites));
  out.lines(forwardedHeaders());
  out.lines(policy.upstreamHeaders);
  out.lines(policy.response);
  if (options.routeHeader || options.serveAccessLog) out.lines(routeHeaderRules(plan, options));
  out.blank();
  out.lines(policy.useBackend);
  out.lines(useBackendRules(plan));
}

/**
 * x-ingressctl-route on every answer of a route, as serve's proxy sends it (serve --engine):
 * the label percent-encoded as serve encodes it, then written as log-format text.
 */
function routeHeaderRules(plan: Plan, options: EmitOptions): Line[] {
  const out: Line[] = [note('which rule answered (serve --engine)')];
  for (const d of plan.decisions) {
    let value: string;
    try {
      value = logFormatText(headerSafe(d.label));
    } catch (err) {
      if (err instanceof UnsafeValue) continue; // a label with a backslash: no header rather than a wrong one
      throw err;
    }
    const only = when({ fetch: 'var(txn.route)', flags: ['-m', 'str'], patterns: [d.id] });
    if (options.routeHeader) out.push(line(['http-after-response', 'set-header', ROUTE_HEADER, value], only));
    // for the access log
    if (options.serveAccessLog) out.push(line(['http-after-response', 'set-var-fmt(txn.label)', value], only));
  }
  return out;
}
