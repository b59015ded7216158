// render --target nginx for a Gateway: one server per listener port (mapped as serve maps
// them). Every decision is a `map` (nginx evaluates regex entries in order, first match
// wins), so the route is chosen as the model chooses it: the listener by Host (on HTTPS a
// TLS server name of another listener answers 421), its virtual host, then the first route
// of the model's order whose path, method, headers and query all hold. The choice is frozen
// with `set` before anything rewrites the URI; the route's actions (redirect, rewrite,
// header changes, weighted backend) are maps on that one variable. Every manifest value
// passes the serializer (quote.ts), which decides "$" by the directive's position.
import type { EmitResult, EmittedFile } from '../emit/types.js';
import { block, d, entry, serialize, type Directive } from '../emit/nginx/config.js';
import { DOLLAR_VARIABLE, join, text, unquotable, word, type Arg } from '../emit/nginx/quote.js';
import { Upstreams } from '../emit/nginx/upstreams.js';
import { findingFor } from '../emit/nginx/findings.js';
import { corsProblem, corsVars, type CorsVars } from '../emit/nginx/cors.js';
import { corsHeaderPlan } from '../model/cors.js';
import type { CorsPolicy } from '../model/policy.js';
import { listenAddress } from '../emit/nginx/render.js';
import { gatewayValueProblem, planGatewayRedirect, planListenAddress } from '../emit/plan.js';
import { certFiles } from '../emit/cert-names.js';
import { selfSignedCertificate } from '../emit/self-signed.js';
import type { Finding } from '../findings/finding.js';
import { trimTrailingSlash } from '../model/path.js';
import { headerValueProblem, isHeaderName } from '../model/validate-values.js';
import type { GatewayListener, GatewayModel, HeaderModifier, Route, RouteModel } from '../model/types.js';
import { localPorts, type PortOptions } from './local-ports.js';

export interface GatewayNginxOptions extends PortOptions {
  listenAddress?: string;
  resolver?: string;
}

/** PCRE: every character of `s` literal. */
const reEscape = (s: string) => s.replace(/[\\^$.|?*+()[\]{}/]/g, '\\$&');
/** nginx's variable for a request header: lower case, "-" as "_" */
const headerVar = (name: string) => `$http_${name.toLowerCase().replace(/-/g, '_')}`;
const upstreamHeaderVar = (name: string) => `$upstream_http_${name.toLowerCase().replace(/-/g, '_')}`;

function specificity(l: GatewayListener): number {
  return !l.hostname ? 0 : l.hostname.startsWith('*.') ? 1 + l.hostname.length : 1000 + l.hostname.length;
}

/** A host pattern as a regex body: `*.example.com` takes one or more labels (Gateway API). */
function hostRegex(host: string): string {
  return host.startsWith('*.') ? `.+${reEscape(host.slice(1))}` : reEscape(host);
}

class Unwritable extends Error {}

/** A manifest value as input text, refused (the route answers 500, reported) when nginx could not read it in one token. */
function safe(value: string, what: string): ReturnType<typeof text> {
  const problem = unquotable(value);
  if (problem) throw new Unwritable(`${what} ${JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)}: ${problem}`);
  return text(value);
}

interface RouteOut {
  id: string;
  route: Route;
  /** condition maps (the route holds when every one is 1) */
  conditions: string[];
}

export function renderGatewayNginx(model: RouteModel, gateway: GatewayModel, options: GatewayNginxOptions): EmitResult {
  const plan = planListenAddress('nginx', options.listenAddress);
  const findings: Finding[] = [...plan.findings];
  const files: EmittedFile[] = [];
  const upstreams = new Upstreams();
  const maps: Directive[] = [];
  const servers: Directive[] = [];
  const splits: Directive[] = [];
  let n = 0;
  const report = (r: Route, message: string, hint?: string) => findings.push(findingFor(r.origin, 'target-unsupported', 'error', `nginx: ${message}`, hint));

  const fallback = selfSignedCertificate('ingressctl fallback certificate', ['ingress.local']);
  const secretFiles = certFiles(files);
  const certOf = (l: GatewayListener) => {
    const tls = l.tls;
    if (!tls?.usable || !tls.certPem || !tls.keyPem) return { cert: 'certs/fallback.crt', key: 'certs/fallback.key' };
    return secretFiles(tls, tls.certPem, tls.keyPem);
  };
  files.push({ path: 'certs/fallback.crt', content: fallback.certPem, mode: 0o644 }, { path: 'certs/fallback.key', content: fallback.keyPem, mode: 0o600 });

  for (const [port, { local, protocol }] of localPorts(gateway, options)) {
    const on = gateway.listeners.filter((l) => l.port === port).sort((a, b) => specificity(b) - specificity(a));
    const v = (name: string) => `$gw_${name}_${port}`;
    const listenerEntries = on.map((l, i) => (l.hostname ? entry(text(`~^(?:${hostRegex(l.hostname)})$`), `l${i}`) : undefined));
    const dflt = on.findIndex((l) => !l.hostname);
    const listenerMap = (source: string, out: string, comment: string) => block('map', [source, out], [entry(word('default'), dflt >= 0 ? word(`l${dflt}`) : text('')), ...listenerEntries.filter((e): e is Directive => !!e)], comment);
    maps.push(listenerMap('$host', v('l'), `port ${port}: the listener, by Host, the most specific hostname first`));
    const guards: Directive[] = [block('if', ['($ingressctl_bad_path)'], [d('return', 400)]), block('if', ['($ingressctl_bad_host)'], [d('return', 400)])];
    if (protocol === 'HTTPS') {
      maps.push(block('map', ['$ssl_server_name', v('ls')], [entry(word('default'), dflt >= 0 ? word(`l${dflt}`) : text('')), entry(text(''), text('')), ...listenerEntries.filter((e): e is Directive => !!e)], `port ${port}: the listener the TLS server name chose`));
      const pairs: Directive[] = [];
      on.forEach((_, i) => on.forEach((__, j) => i !== j && pairs.push(entry(text(`l${i}:l${j}`), 1))));
      maps.push(block('map', [join(v('l'), ':', v('ls')), v('misdirected')], [entry(word('default'), 0), ...pairs], 'the TLS server name chose another listener than the Host: 421'));
      guards.push(block('if', [`(${v('misdirected')})`], [d('return', 421)]));
    }
    const vhEntries: Directive[] = [];
    const routes: RouteOut[] = [];
    on.forEach((l, i) => {
      l.hosts.forEach((vh, j) => {
        const id = `l${i}h${j}`;
        vhEntries.push(entry(text(vh.host ? `~^l${i}:(?:${hostRegex(vh.host)})$` : `~^l${i}:`), id));
        for (const r of vh.routes) {
          const out = routeConditions(r, `r${n}`);
          if (typeof out === 'string') {
            report(r, `${out}; the route ${r.id} is left out`);
            continue;
          }
          const rid = `r${n++}`;
          maps.push(...out.maps);
          // the route holds: its virtual host, then every condition
          const source = out.conds.length ? join(v('vh'), '/', ...out.conds.map((c) => `$gw_${c}`)) : word(v('vh'));
          maps.push(block('map', [source, `$gw_${rid}`], [entry(word('default'), 0), entry(text(out.conds.length ? `${id}/${'1'.repeat(out.conds.length)}` : id), 1)], `${r.origin.kind} ${r.origin.namespace}/${r.origin.name} ${r.origin.field}`));
          routes.push({ id: rid, route: r, conditions: out.conds });
          void l;
        }
      });
    });
    maps.push(block('map', [join(v('l'), ':', '$host'), v('vh')], [entry(word('default'), text('')), ...vhEntries], `port ${port}: the virtual host of the listener`));
    // the first route whose bit is 1, in the model's order
    const bits = routes.length ? join(...routes.map((r) => `$gw_${r.id}`)) : word('0');
    maps.push(block('map', [bits, v('pick')], [entry(word('default'), 'none'), ...routes.map((r, k) => entry(text(`~^0{${k}}1`), r.id))], `port ${port}: the first route that holds, in the model's order`));

    const cors = new GatewayCors(port, maps);
    const actions = routeActions(routes, on, port, v, upstreams, maps, splits, findings, cors);
    const listen = listenAddress(plan.address, local);
    const body = (cert?: { cert: string; key: string }): Directive[] => [
      ...(cert ? [d('ssl_certificate', text(cert.cert)), d('ssl_certificate_key', text(cert.key))] : []),
      // the CORS headers are maps on the route: none chosen yet for the checks' answers
      ...(cors.used() ? [d('set', '$gw_route', 'none')] : []),
      ...guards,
      { ...d('set', '$gw_route', v('pick')), comment: 'the route, chosen once, before anything rewrites the URI' },
      block('if', ['($gw_route', '=', 'none)'], [d('return', 404)]),
      ...actions,
    ];
    const title = `Gateway ${gateway.namespace}/${gateway.name} port ${port} (${protocol})`;
    if (protocol === 'HTTP') servers.push(block('server', [], [d('listen', listen, 'default_server'), d('server_name', '_'), ...body()], title));
    else {
      // one server per listener, only for its certificate (nginx chooses it by the TLS server name); every one routes alike
      const first = dflt >= 0 ? dflt : 0;
      servers.push(block('server', [], [d('listen', listen, 'ssl', 'default_server'), d('server_name', '_'), ...body(certOf(on[first]))], `${title}: the default certificate`));
      for (const l of on) if (l.hostname) servers.push(block('server', [], [d('listen', listen, 'ssl'), d('server_name', text(l.hostname)), ...body(certOf(l))], `${title}: listener ${l.name}`));
    }
  }

  const http: Directive[] = [
    d('access_log', 'access.log'),
    d('client_body_temp_path', 'client_body_temp'),
    d('proxy_temp_path', 'proxy_temp'),
    d('fastcgi_temp_path', 'fastcgi_temp'),
    d('uwsgi_temp_path', 'uwsgi_temp'),
    d('scgi_temp_path', 'scgi_temp'),
    d('server_tokens', 'off'),
    d('merge_slashes', 'on'),
    d('map_hash_bucket_size', 128),
    d('variables_hash_max_size', 4096),
    d('proxy_http_version', '1.1'),
    ...(upstreams.usesResolver ? [d('resolver', options.resolver ?? '127.0.0.1', 'valid=30s'), d('resolver_timeout', '5s')] : []),
    block('geo', [DOLLAR_VARIABLE], [entry(word('default'), text('$'))], 'a "$" for input text where nginx expands variables (quote.ts)'),
    block('map', ['$request_uri', '$ingressctl_bad_path'], [entry(word('default'), 0), entry(text('~^[^?#]*(?:%2[Ff]|%5[Cc]|%00|\\\\)'), 1)], 'paths every target refuses with 400'),
    block('map', ['$request_uri', '$gw_path'], [entry(word('default'), word('$uri')), entry(text('~^(?<gwp>[^?]*)'), word('$gwp'))], 'the request path as the client sent it (redirects keep it)'),
    block('map', ['$host', '$ingressctl_bad_host'], [entry(word('default'), 1), entry(text('~^[a-z0-9_.-]*\\z'), 0), entry(text('~^\\[[^\\]]*\\]\\z'), 0)], 'Host headers the model refuses with 400'),
    ...upstreams.blocks,
    ...splits,
    ...maps,
    ...servers,
  ];
  const conf: Directive[] = [d('pid', 'nginx.pid'), d('error_log', 'error.log', 'notice'), d('worker_processes', 1), block('events', [], [d('worker_connections', 1024)]), block('http', [], http)];
  const header = "# Generated by ingressctl from the route model (Gateway API). Run: nginx -p DIR/ -c nginx.conf -g 'daemon off;'\n";
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { mainFile: 'nginx.conf', files: [{ path: 'nginx.conf', content: header + serialize(conf), mode: 0o644 }, ...files], findings: [...findings, ...upstreams.findings] };

  /** Condition maps of a route (`$gw_rN_cK` is 1 when condition K holds), or why it cannot be written. */
  function routeConditions(r: Route, rid: string): { conds: string[]; maps: Directive[] } | string {
    if (r.grpc) return 'GRPCRoute needs HTTP/2 without TLS beside HTTP/1.1 on one port, which this nginx build does not serve';
    const out: Directive[] = [];
    const conds: string[] = [];
    const cond = (source: string, pattern: string, what: string) => {
      const problem = unquotable(pattern, 'regex');
      if (problem) throw new Unwritable(`${what}: ${problem}`);
      const c = `${rid}_c${conds.length}`;
      conds.push(c);
      out.push(block('map', [source, `$gw_${c}`], [entry(word('default'), 0), entry(text(`~${pattern}`), 1)]));
    };
    try {
      const m = r.match;
      if (m.kind === 'Exact') cond('$uri', `^${reEscape(m.value)}$`, 'the path');
      else if (m.kind === 'Prefix') {
        const p = trimTrailingSlash(m.value);
        if (p) cond('$uri', `^${reEscape(p)}(?:/|$)`, 'the path');
      } else if (m.kind === 'RegularExpression') cond('$uri', `^(?:${m.value})$`, 'the path');
      else return `path match ${m.kind} is not a Gateway API path`;
      const c = r.conditions ?? {};
      if (c.method) cond('$request_method', `^${reEscape(c.method)}$`, 'the method');
      for (const h of c.headers ?? []) {
        if (!isHeaderName(h.name)) return `header name ${JSON.stringify(h.name)} has characters nginx does not read as a variable name`;
        cond(headerVar(h.name), h.type === 'Exact' ? `^${reEscape(h.value)}$` : `^(?:${h.value})$`, `the value of header ${h.name}`);
      }
      for (const q of c.query ?? []) {
        if (!/^[A-Za-z0-9_]{1,64}$/.test(q.name)) return `query parameter name ${JSON.stringify(q.name)} cannot be an nginx $arg_ variable`;
        cond(`$arg_${q.name}`, q.type === 'Exact' ? `^${reEscape(q.value)}$` : `^(?:${q.value})$`, `the value of query parameter ${q.name}`);
      }
    } catch (err) {
      if (err instanceof Unwritable) return err.message;
      throw err;
    }
    return { conds, maps: out };
  }
}

/** CORS headers in the model's order (src/model/cors.ts) */
const ORDER = ['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Headers', 'Access-Control-Expose-Headers', 'Access-Control-Max-Age'];

/**
 * The CORS filters of one port's routes: each policy's maps from the Ingress emitter's
 * serializer (src/emit/nginx/cors.ts), then per header one map from the chosen route to its
 * variable or literal ("" for routes without CORS: nginx leaves the header out).
 */
class GatewayCors {
  private readonly byPolicy = new Map<string, CorsVars>();
  private readonly values = new Map<string, Directive[]>();
  private readonly preflight: Directive[] = [];
  private count = 0;
  constructor(private readonly port: number, private readonly maps: Directive[]) {}

  /** Throws Unwritable when a value cannot be written (the route then answers 500). */
  route(id: string, policy: CorsPolicy): void {
    const problem = corsProblem(policy);
    if (problem) throw new Unwritable(`CORS ${problem}`);
    const key = JSON.stringify(policy);
    let vars = this.byPolicy.get(key);
    if (!vars) this.byPolicy.set(key, (vars = corsVars(policy, (kind) => `$gw_${kind}_${this.port}_${++this.count}`, this.maps)));
    for (const [header, value] of vars.headers) {
      let list = this.values.get(header);
      if (!list) this.values.set(header, (list = []));
      list.push(entry(text(id), typeof value === 'string' ? word(value) : text(value.literal)));
    }
    this.preflight.push(vars.preflight === 'any-options' ? entry(text(`${id}:OPTIONS`), 1) : entry(text(`~^${id}:`), word(vars.preflight)));
  }

  /** some route of the port has CORS */
  used(): boolean {
    return this.preflight.length > 0;
  }

  private name(header: string): string {
    return `$gw_cors_${this.port}_${header.toLowerCase().replace(/^access-control-/, '').replace(/-/g, '_')}`;
  }

  private sorted(): string[] {
    return [...this.values.keys()].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  }

  /**
   * The location's lines: the upstream's own header is hidden and sent again when the route
   * sends none (an origin not allowed, a route without CORS), so the route's value replaces
   * the upstream's as on serve. `modified` (lower case): headers a response modifier map of
   * the port sends instead, made from `answer(h)`.
   */
  headers(modified: ReadonlySet<string> = new Set()): Directive[] {
    return this.sorted()
      .filter((h) => !modified.has(h.toLowerCase()))
      .flatMap((h) => [d('proxy_hide_header', h), d('add_header', h, this.answer(h), 'always')]);
  }

  /** The variable of header `h` as CORS leaves it: the chosen route's CORS value, else the upstream's. */
  answer(h: string): string {
    return `${this.name(h)}_out`;
  }

  /** The maps, the add_header lines for the server's own answers (redirects, the preflight), the preflight answered. */
  server(): Directive[] {
    if (!this.preflight.length) return [];
    for (const h of this.sorted()) {
      this.maps.push(block('map', ['$gw_route', this.name(h)], [entry(word('default'), text('')), ...this.values.get(h)!], `port ${this.port}: ${h} of the chosen route (CORS)`));
      this.maps.push(block('map', [this.name(h), `${this.name(h)}_out`], [entry(text(''), word(`$upstream_http_${h.toLowerCase().replace(/-/g, '_')}`)), entry(word('default'), word(this.name(h)))], `${h}: the route's, else the upstream's`));
    }
    const pre = `$gw_cors_preflight_${this.port}`;
    this.maps.push(block('map', [join('$gw_route', ':', '$request_method'), pre], [entry(word('default'), 0), ...this.preflight], `port ${this.port}: a CORS preflight the chosen route answers`));
    // the server's own answers (the preflight, redirects) have no upstream
    return [...this.sorted().map((h) => d('add_header', h, this.name(h), 'always')), block('if', [`(${pre})`], [d('return', 204)], 'a CORS preflight is answered here')];
  }
}

/** A backendRef's header modifier, then its rule's (the first entry of a map wins: the backendRef's). */
function merge(a: HeaderModifier | undefined, b: HeaderModifier | undefined): HeaderModifier | undefined {
  if (!a || !b) return a ?? b;
  return { set: [...b.set, ...a.set], add: [...b.add, ...a.add], remove: [...b.remove, ...a.remove] };
}

/** Per route: the redirect (in the server), else a map entry for each value the proxy sends. */
function routeActions(routes: RouteOut[], on: GatewayListener[], port: number, v: (name: string) => string, upstreams: Upstreams, maps: Directive[], splits: Directive[], findings: Finding[], cors: GatewayCors): Directive[] {
  const server: Directive[] = [];
  const backend: Directive[] = [];
  const uri: Directive[] = [];
  const hostHeader: Directive[] = [];
  const request = new Map<string, Directive[]>();
  const response = new Map<string, Directive[]>();
  const report = (r: Route, message: string) => findings.push(findingFor(r.origin, 'target-unsupported', 'error', `nginx: ${message}`));
  const listenerOf = (r: Route) => on.find((l) => l.hosts.some((h) => h.routes.includes(r)))!;
  // a response modifier acts on a header as CORS leaves it (answerHeaders' order): the CORS
  // headers of the port's routes (those cors.route takes) are read from their CORS variable
  const corsWritten = new Set(routes.flatMap(({ route: r }) => (r.policy.cors && !corsProblem(r.policy.cors) ? corsHeaderPlan(r.policy.cors).map(([n]) => n) : [])));
  const responseSource = (name: string) => (corsWritten.has(name.toLowerCase()) ? cors.answer(name) : upstreamHeaderVar(name));
  /** the path after a path modifier, as a map value (captures of the entry's regex) */
  const pathEntry = (id: string, r: Route, p: { type: string; value: string }): Directive[] => {
    if (p.type === 'ReplaceFullPath' || r.match.kind !== 'Prefix') return [entry(text(`~^${id} `), safe(p.value, 'the path'))];
    const prefix = reEscape(trimTrailingSlash(r.match.value));
    safe(`~^${id} ${prefix}(/.*)?$`, 'the path prefix');
    const replacement = trimTrailingSlash(p.value);
    // ReplacePrefixMatch "/": /api/users → /users, /api → /; "/new": /old/x → /new/x, /old → /new
    if (!replacement) return [entry(text(`~^${id} ${prefix}/?$`), word('/')), entry(text(`~^${id} ${prefix}(/.*)$`), word('$1'))];
    return [entry(text(`~^${id} ${prefix}(/.*)?$`), join(safe(replacement, 'the path'), '$1'))];
  };
  for (const { id, route: r } of routes) {
    const f = r.filters ?? {};
    const l = listenerOf(r);
    try {
      if (r.policy.cors) cors.route(id, r.policy.cors);
      if (f.redirect) {
        const rd = planGatewayRedirect(f.redirect, l);
        if (rd.problem) throw new Unwritable(rd.problem);
        const where = rd.path ? '$gw_rpath' : '$gw_path';
        if (rd.path) uri.push(...pathEntry(id, r, rd.path));
        const location = join(`${rd.scheme}://`, ...(rd.hostname ? [safe(rd.hostname, 'the redirect hostname')] : ['$host']), rd.port ? `:${rd.port}` : '', `${where}$is_args$args`);
        server.push(block('if', [`($gw_route`, '=', `${id})`], [d('return', rd.statusCode, location)]));
        continue;
      }
      if (f.rewrite?.path) uri.push(...pathEntry(id, r, f.rewrite.path));
      const hp = f.rewrite?.hostname !== undefined ? gatewayValueProblem('hostname', f.rewrite.hostname) : undefined;
      if (hp) throw new Unwritable(`URLRewrite ${hp}`);
      if (f.rewrite?.path && gatewayValueProblem('path', f.rewrite.path.value)) throw new Unwritable(`URLRewrite ${gatewayValueProblem('path', f.rewrite.path.value)}`);
      if (f.rewrite?.hostname) hostHeader.push(entry(text(id), safe(f.rewrite.hostname, 'the URLRewrite hostname')));
      // a single backendRef's header modifiers apply to every request of the route
      const only = (r.backends ?? []).filter((b) => b.weight > 0);
      const one = only.length === 1 ? only[0].filters : undefined;
      modifier(id, merge(f.requestHeaders, one?.requestHeaders), request, 'request');
      modifier(id, merge(f.responseHeaders, one?.responseHeaders), response, 'response');
    } catch (err) {
      if (!(err instanceof Unwritable)) throw err;
      report(r, `${err.message}; the route answers 500`);
      backend.push(entry(text(id), word('gw500')));
      continue;
    }
    const weighted = (r.backends ?? []).filter((b) => b.weight > 0);
    const target = (b: (typeof weighted)[number]): string => {
      if (!b.backend || b.invalid) return 'gw500';
      upstreams.register(b.backend);
      const t = upstreams.target(b.backend, b.origin);
      return t ? t.address : 'gw500';
    };
    if (!weighted.length) {
      backend.push(entry(text(id), word('gw500')));
      continue;
    }
    if (weighted.length > 1) for (const b of weighted) if (b.filters?.requestHeaders || b.filters?.responseHeaders) report(r, `header modifiers on a backendRef of ${r.id} are not rendered (nginx sets headers per route)`);
    if (weighted.length === 1) {
      const t = target(weighted[0]);
      backend.push(entry(text(id), word(t)));
      continue;
    }
    // a weighted split: split_clients on the request id, a fresh draw per request
    const total = weighted.reduce((s, b) => s + b.weight, 0);
    const parts: Directive[] = [];
    let given = 0;
    weighted.forEach((b, i) => {
      const t = target(b);
      const value = word(t);
      if (i === weighted.length - 1) return void parts.push(entry(word('*'), value));
      const pct = Math.floor((b.weight / total) * 10000) / 100;
      given += pct;
      if (pct * total !== b.weight * 100) findings.push(findingFor(b.origin, 'target-approximate', 'info', `nginx: weight ${b.weight} of ${total} is ${pct}% (split_clients takes two decimals)`));
      parts.push(entry(text(`${pct}%`), value));
    });
    void given;
    splits.push(block('split_clients', ['$request_id', `$gw_split_${id}`], parts, `${r.id}: weighted backendRefs`));
    backend.push(entry(text(id), word(`$gw_split_${id}`)));
  }
  maps.push(block('map', ['$gw_route', v('backend')], [entry(word('default'), 'gw500'), ...backend], `port ${port}: the backend of each route (gw500: answer 500)`));
  const rewrites = uri.length > 0;
  if (rewrites) maps.push(block('map', [join('$gw_route', ' ', '$uri'), '$gw_rpath'], [entry(word('default'), word('$uri')), ...uri], `port ${port}: paths after a URLRewrite or a redirect's path`));
  const headers: Directive[] = [];
  if (hostHeader.length) maps.push(block('map', ['$gw_route', v('host')], [entry(word('default'), word('$http_host')), ...hostHeader], `port ${port}: the Host after a URLRewrite hostname`));
  headers.push(d('proxy_set_header', 'Host', hostHeader.length ? v('host') : '$http_host'));
  for (const [name, entries] of request) {
    const out = `$gw_rq_${port}_${name.toLowerCase().replace(/-/g, '_')}`;
    maps.push(block('map', [join('$gw_route', '|', headerVar(name)), out], [entry(word('default'), word(headerVar(name))), ...entries], `request header ${name}`));
    headers.push(d('proxy_set_header', name, out));
  }
  for (const [name, entries] of response) {
    const out = `$gw_rs_${port}_${name.toLowerCase().replace(/-/g, '_')}`;
    maps.push(block('map', [join('$gw_route', '|', responseSource(name)), out], [entry(word('default'), word(responseSource(name))), ...entries], `response header ${name}`));
    headers.push(d('proxy_hide_header', name), d('add_header', name, out, 'always'));
  }
  const location = block('location', ['/'], [
    ...cors.headers(new Set([...response.keys()].filter((n) => corsWritten.has(n)))),
    block('if', [`(${v('backend')}`, '=', 'gw500)'], [d('return', 500)]),
    d('proxy_pass', `http://${v('backend')}${rewrites ? '$gw_rpath$is_args$args' : '$request_uri'}`),
    ...headers,
    d('proxy_set_header', 'X-Forwarded-For', '$proxy_add_x_forwarded_for'),
    d('proxy_set_header', 'X-Forwarded-Proto', '$scheme'),
    d('proxy_set_header', 'Connection', text('')),
  ]);
  // CORS: the preflight before the redirects (the model's order); the headers on the server's own answers and the location's
  return [...cors.server(), ...server, location];

  /** set / add / remove of one route as entries of one map per header name: "" removes (nginx sends no empty header). */
  function modifier(id: string, m: HeaderModifier | undefined, into: Map<string, Directive[]>, kind: 'request' | 'response'): void {
    if (!m) return;
    const list = (name: string) => {
      if (!isHeaderName(name)) throw new Unwritable(`header name ${JSON.stringify(name)} has characters nginx does not read as a variable name`);
      const key = name.toLowerCase();
      let e = into.get(key);
      if (!e) into.set(key, (e = []));
      return e;
    };
    const current = (name: string) => (kind === 'request' ? headerVar(name) : responseSource(name));
    for (const h of m.set) {
      const p = headerValueProblem(h.value);
      if (p) throw new Unwritable(`the value of header ${h.name}: ${p}`);
      list(h.name).push(entry(text(`~^${id}\\|`), safe(h.value, `the value of header ${h.name}`)));
    }
    for (const h of m.add) {
      const p = headerValueProblem(h.value);
      if (p) throw new Unwritable(`the value of header ${h.name}: ${p}`);
      // joined with "," when the header is there already (the spec's "add")
      list(h.name).push(entry(text(`~^${id}\\|$`), safe(h.value, `the value of header ${h.name}`)), entry(text(`~^${id}\\|`), join(current(h.name), ',', text(h.value))));
    }
    for (const name of m.remove) list(name).push(entry(text(`~^${id}\\|`), text('')));
  }
}
