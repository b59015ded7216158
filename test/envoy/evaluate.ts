// A small evaluator of Envoy's documented request handling, run on an emitted
// bootstrap (as parsed from envoy.yaml), so routing can be checked without an Envoy
// binary:
// - listener by port; HTTPS filter chain by SNI (exact name, then "*.parent" wildcards
//   walking up the labels, then the default chain);
// - the connection manager's path handling: %2F/%5C refused (path_with_escaped_slashes_action),
//   %00 refused and the path normalised (normalize_path: escapes of unreserved
//   characters decoded, others upper-cased, "\" read as "/", dot segments removed as in
//   RFC 3986), then repeated slashes merged (merge_slashes); the Host's port stripped;
// - virtual host by domain: exact, then the longest "*suffix", then the longest
//   "prefix*", then "*" (case-insensitive);
// - the first route whose path matcher and header matchers (":method", ":authority" and
//   request headers) all match; safe_regex is a full match, evaluated with real RE2 (re2-wasm);
// - the HTTP filters in order, with the route's per-filter configs: buffer (413 on
//   Content-Length), local_ratelimit (token buckets kept in `state`, nothing refills
//   between requests of one evaluation), rbac (principals by the client address),
//   basic_auth ({SHA} users; a filter marked disabled acts only where a route configures it);
// - the router: direct responses, redirects, one cluster or a weighted split (drawn with
//   `random`), a cookie hash policy on a RING_HASH cluster (the cookie Envoy sets when
//   absent, and the endpoint a cookie value sticks to), route response headers with
//   %REQ(name)% filled in.
import { createHash } from 'node:crypto';
import { RE2 } from 're2-wasm';
import { cidrContains, parseCidr } from '../../src/model/cidr.js';
import type { Request } from '../../src/model/match.js';

/** A request as the model's Matcher takes it (headers in any case here), on one connection. */
export interface EnvoyRequest extends Request {
  /** which downstream connection carries the request (per-connection rate limits); default one per request */
  connection?: string;
  /** the listener port (Gateway listeners on other ports); default by scheme from the options */
  port?: number;
  /** the TLS server name; default the Host's name */
  sni?: string;
}

export interface EvaluateOptions {
  httpPort: number;
  httpsPort: number;
  /** weighted clusters draw with it (default Math.random) */
  random?: () => number;
  /** rate limit buckets and round-robin counters, kept across calls that share it */
  state?: Map<string, number>;
}

interface Common {
  route?: string;
  /** response headers the route adds (lower-case names) */
  headers?: Record<string, string>;
}

export type EnvoyAnswer =
  | ({ status: 200; cluster: string; upstreamPath: string; route: string; upstreamHost?: string; upstreamHeaders: Record<string, string>; endpoint?: string; setCookie?: string; upstreamRequestHeaders?: Record<string, string> } & Common)
  | ({ status: 300 | 301 | 302 | 303 | 304 | 305 | 306 | 307 | 308; location: string } & Common)
  | ({ status: number; reason?: string } & Common);

type Obj = Record<string, any>;

const UNRESERVED = /[A-Za-z0-9\-._~]/;
const REDIRECT_CODES: Record<string, 301 | 302 | 303 | 307 | 308> = { MOVED_PERMANENTLY: 301, FOUND: 302, SEE_OTHER: 303, TEMPORARY_REDIRECT: 307, PERMANENT_REDIRECT: 308 };
const STATUS_CODES: Record<string, number> = { ServiceUnavailable: 503, TooManyRequests: 429, Forbidden: 403 };

const regexCache = new Map<string, RE2>();
/** RE2 full match, as Envoy's safe_regex and StringMatcher.safe_regex. */
export function re2FullMatch(regex: string, input: string): boolean {
  let re = regexCache.get(regex);
  if (!re) regexCache.set(regex, (re = new RE2(`^(?:${regex})$`, 'u')));
  return re.test(input);
}

let requestCount = 0;

export function evaluate(bootstrap: Obj, req: EnvoyRequest, options: EvaluateOptions): EnvoyAnswer {
  const port = req.port ?? (req.scheme === 'http' ? options.httpPort : options.httpsPort);
  const listener = (bootstrap.static_resources?.listeners ?? []).find((l: Obj) => l.address?.socket_address?.port_value === port);
  if (!listener) return { status: 0, reason: `no listener on port ${port}` };
  const chain = req.scheme === 'https' ? chainForSni(listener, req.sni ?? sniName(req.host)) : listener.filter_chains?.[0];
  if (!chain) return { status: 0, reason: 'no filter chain accepts the connection' };
  const hcm = chain.filters?.[0]?.typed_config;
  if (!hcm || !String(hcm['@type']).endsWith('.HttpConnectionManager')) throw new Error('the chain has no HTTP connection manager');

  const [rawPath, query] = splitTarget(req.target);
  if (hcm.path_with_escaped_slashes_action === 'REJECT_REQUEST' && /%(2f|5c)/i.test(rawPath)) return { status: 400, reason: 'escaped slash' };
  let path = rawPath;
  if (hcm.normalize_path === true) {
    if (/%00/.test(path)) return { status: 400, reason: '%00 in the path' };
    path = normalizePath(path);
  }
  if (hcm.merge_slashes === true) path = path.replace(/\/{2,}/g, '/');

  let authority = req.host;
  if (hcm.strip_any_host_port === true) authority = stripPort(authority);
  const vhost = virtualHost(hcm.route_config?.virtual_hosts ?? [], authority.toLowerCase());
  if (!vhost) return { status: 404, reason: 'no virtual host' };
  const headers: Record<string, string> = { ':authority': authority, ':method': req.method ?? 'GET' };
  for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
  const route = (vhost.routes ?? []).find((r: Obj) => routeMatches(r.match ?? {}, path, query, headers));
  if (!route) return { status: 404, reason: `no route in virtual host ${vhost.name}` };

  const state = options.state ?? new Map<string, number>();
  const refused = runFilters(hcm.http_filters ?? [], route, req, headers, state);
  if (refused) return { ...refused, route: route.name };

  const added = responseHeaders(route, headers);
  const common = { route: route.name, ...(added ? { headers: added } : {}) };
  if (route.direct_response) {
    const status = route.direct_response.status;
    return status >= 300 && status <= 308 && added?.location ? { status, location: added.location, ...common } : { status, ...common };
  }
  if (route.redirect) {
    const r = route.redirect;
    const scheme = r.scheme_redirect ?? (r.https_redirect ? 'https' : req.scheme);
    const host = (r.host_redirect ?? authority) + (r.port_redirect ? `:${r.port_redirect}` : '');
    const target = r.regex_rewrite ? re2GlobalReplace(r.regex_rewrite.pattern.regex, path, r.regex_rewrite.substitution) : (r.path_redirect ?? path);
    const keepQuery = !r.strip_query && query !== undefined;
    const status = REDIRECT_CODES[r.response_code ?? 'MOVED_PERMANENTLY'];
    return { status, location: `${scheme}://${host}${target}${keepQuery ? `?${query}` : ''}`, ...common };
  }
  return forwardTo(bootstrap, route, path, headers, req, options, state, common);
}

function forwardTo(bootstrap: Obj, route: Obj, path: string, headers: Record<string, string>, req: EnvoyRequest, options: EvaluateOptions, state: Map<string, number>, routeCommon: Common): EnvoyAnswer {
  let common = routeCommon;
  const action = route.route;
  const clusters: Obj[] = bootstrap.static_resources?.clusters ?? [];
  let name: string = action.cluster;
  let entry: Obj | undefined;
  if (action.weighted_clusters) {
    if (action.cluster !== undefined) throw new Error(`route ${route.name} has both cluster and weighted_clusters`);
    const ws: Obj[] = action.weighted_clusters.clusters;
    const total = ws.reduce((n, w) => n + (w.weight ?? 0), 0);
    let draw = Math.floor((options.random ?? Math.random)() * total);
    entry = ws.find((w) => (draw -= w.weight ?? 0) < 0)!;
    name = entry.name;
  }
  const cluster = clusters.find((c) => c.name === name);
  // cluster_not_found_response_code (the route configuration must not validate clusters then)
  if (!cluster && action.cluster_not_found_response_code === 'INTERNAL_SERVER_ERROR') return { status: 500, reason: `cluster ${name} not found`, ...common };
  if (!cluster) throw new Error(`route ${route.name} names unknown cluster ${name}`);
  const endpoints: string[] = (cluster.load_assignment?.endpoints ?? []).flatMap((l: Obj) => (l.lb_endpoints ?? []).map((e: Obj) => `${e.endpoint.address.socket_address.address}:${e.endpoint.address.socket_address.port_value}`));
  if (!endpoints.length) return { status: 503, reason: 'no healthy upstream', ...common };
  const sticky = stickiness(action.hash_policy, cluster, headers, req);
  let endpoint: string;
  if (sticky) endpoint = endpoints[sticky.hash % endpoints.length];
  else {
    const n = state.get(`rr ${name}`) ?? 0;
    state.set(`rr ${name}`, n + 1);
    endpoint = endpoints[n % endpoints.length];
  }
  const upstreamPath = action.regex_rewrite ? re2GlobalReplace(action.regex_rewrite.pattern.regex, path, action.regex_rewrite.substitution) : path;
  const upstreamHeaders: Record<string, string> = {};
  for (const h of route.request_headers_to_add ?? []) upstreamHeaders[h.header.key.toLowerCase()] = formatValue(h.header.value, headers);
  // the whole request as the upstream gets it: the route's header changes, then the weighted cluster's
  const full: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (!k.startsWith(':')) full[k] = v;
  for (const at of [route, entry ?? {}]) {
    for (const n of at.request_headers_to_remove ?? []) delete full[n.toLowerCase()];
    for (const h of at.request_headers_to_add ?? []) {
      const k = h.header.key.toLowerCase();
      full[k] = h.append_action === 'APPEND_IF_EXISTS_OR_ADD' && full[k] !== undefined ? `${full[k]},${formatValue(h.header.value, headers)}` : formatValue(h.header.value, headers);
    }
  }
  if (action.host_rewrite_literal) full.host = action.host_rewrite_literal;
  const entryResponse = entry ? responseHeaders(entry, headers) : undefined;
  if (entryResponse) common = { ...common, headers: { ...common.headers, ...entryResponse } };
  return {
    upstreamRequestHeaders: full,
    status: 200,
    cluster: name,
    upstreamPath,
    route: route.name,
    ...(action.host_rewrite_literal ? { upstreamHost: action.host_rewrite_literal } : {}),
    upstreamHeaders,
    endpoint,
    ...(sticky?.setCookie ? { setCookie: sticky.setCookie } : {}),
    ...(common.headers ? { headers: common.headers } : {}),
  };
}

/** A cookie hash policy: only a consistent-hash cluster honours it; the cookie is made when absent and a ttl is given. */
function stickiness(policies: Obj[] | undefined, cluster: Obj, headers: Record<string, string>, req: EnvoyRequest): { hash: number; setCookie?: string } | undefined {
  const c = policies?.find((p) => p.cookie)?.cookie;
  if (!c || !['RING_HASH', 'MAGLEV'].includes(cluster.lb_policy)) return undefined;
  const hash = (v: string) => createHash('sha256').update(v).digest().readUInt32BE(0);
  const sent = cookieValue(headers.cookie, c.name);
  if (sent !== undefined) return { hash: hash(sent) };
  if (c.ttl === undefined) return undefined;
  const value = createHash('sha256').update(`${req.clientIp ?? '127.0.0.1'} ${requestCount++}`).digest('hex').slice(0, 16);
  const ttl = Number(String(c.ttl).replace(/s$/, ''));
  const attributes = (c.attributes ?? []).map((a: Obj) => `; ${a.name}${a.value ? `=${a.value}` : ''}`).join('');
  return { hash: hash(value), setCookie: `${c.name}="${value}"${ttl > 0 ? `; Max-Age=${ttl}` : ''}${c.path ? `; Path=${c.path}` : ''}; HttpOnly${attributes}` };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

/** %REQ(name)% is the request header; %% is "%". */
function formatValue(value: string, headers: Record<string, string>): string {
  return value.replace(/%REQ\(([^)]+)\)%|%%/g, (m, name: string | undefined) => (m === '%%' ? '%' : headers[name!.toLowerCase()] ?? ''));
}

function responseHeaders(route: Obj, headers: Record<string, string>): Record<string, string> | undefined {
  const list: Obj[] = route.response_headers_to_add ?? [];
  if (!list.length) return undefined;
  const out: Record<string, string> = {};
  for (const h of list) {
    const k = h.header.key.toLowerCase();
    const value = formatValue(h.header.value, headers);
    // Envoy drops a header whose value formats to "" (keep_empty_value is false by default)
    if (value === '' && !h.keep_empty_value) continue;
    if (h.append_action === 'APPEND_IF_EXISTS_OR_ADD') out[k] = out[k] === undefined ? value : `${out[k]},${value}`;
    else if (h.append_action === 'OVERWRITE_IF_EXISTS_OR_ADD') out[k] = value;
    else throw new Error(`unexpected append_action ${h.append_action}`);
  }
  return out;
}

/** The route's config of filter `name`: FilterConfig unwrapped; undefined when absent or disabled there. */
function perRoute(route: Obj, name: string): Obj | undefined {
  const c = route.typed_per_filter_config?.[name];
  if (!c) return undefined;
  if (String(c['@type']).endsWith('.FilterConfig')) return c.disabled ? undefined : c.config;
  return c;
}

/** The HTTP filters before the router, in order: the first that answers ends the request. */
function runFilters(filters: Obj[], route: Obj, req: EnvoyRequest, headers: Record<string, string>, state: Map<string, number>): { status: number; reason: string } | undefined {
  for (const f of filters) {
    const own = perRoute(route, f.name);
    switch (f.name) {
      case 'envoy.filters.http.buffer': {
        if (own?.disabled) break;
        const limit = own?.buffer?.max_request_bytes ?? f.typed_config.max_request_bytes;
        const length = Number(headers['content-length'] ?? 0);
        if (length > limit) return { status: 413, reason: `body of ${length} bytes over ${limit}` };
        break;
      }
      case 'envoy.filters.http.local_ratelimit': {
        const cfg = own ?? f.typed_config;
        const enabled = cfg.filter_enabled?.default_value?.numerator === 100 && cfg.filter_enforced?.default_value?.numerator === 100;
        if (!cfg.token_bucket || !enabled) break;
        const key = `bucket ${route.name} ${cfg.local_rate_limit_per_downstream_connection ? (req.connection ?? `c${requestCount++}`) : ''}`;
        const tokens = state.get(key) ?? cfg.token_bucket.max_tokens;
        if (tokens <= 0) return { status: STATUS_CODES[cfg.status?.code ?? 'TooManyRequests'], reason: 'local rate limit' };
        state.set(key, tokens - 1);
        break;
      }
      case 'envoy.filters.http.rbac': {
        const rules = own?.rbac?.rules ?? (own ? undefined : f.typed_config.rules);
        if (!rules) break;
        const matched = Object.values(rules.policies ?? {}).some((p: any) => (p.permissions ?? []).some((x: Obj) => x.any === true) && (p.principals ?? []).some((x: Obj) => principal(x, req.clientIp ?? '127.0.0.1')));
        if ((rules.action ?? 'ALLOW') === 'ALLOW' ? !matched : matched) return { status: 403, reason: 'RBAC: access denied' };
        break;
      }
      case 'envoy.filters.http.basic_auth': {
        if (f.disabled && !own) break;
        const users: string = (own ?? f.typed_config).users?.inline_string ?? '';
        if (!basicAuthOk(users, headers.authorization)) return { status: 401, reason: 'basic auth' };
        break;
      }
      case 'envoy.filters.http.router':
        return undefined;
      default:
        throw new Error(`the evaluator does not know HTTP filter ${f.name}`);
    }
  }
  throw new Error('no router at the end of the HTTP filters');
}

function principal(p: Obj, ip: string): boolean {
  if (p.any === true) return true;
  if (p.direct_remote_ip) {
    const c = parseCidr(`${p.direct_remote_ip.address_prefix}/${p.direct_remote_ip.prefix_len}`);
    if (!c) throw new Error(`bad CIDR ${JSON.stringify(p.direct_remote_ip)}`);
    return cidrContains(c, ip);
  }
  if (p.and_ids) return p.and_ids.ids.every((x: Obj) => principal(x, ip));
  if (p.or_ids) return p.or_ids.ids.some((x: Obj) => principal(x, ip));
  if (p.not_id) return !principal(p.not_id, ip);
  throw new Error(`the evaluator does not know principal ${JSON.stringify(p)}`);
}

/** htpasswd lines "user:{SHA}base64(sha1(password))", as Envoy's basic_auth reads them. */
function basicAuthOk(users: string, authorization: string | undefined): boolean {
  const m = /^Basic ([A-Za-z0-9+/]+=*)$/.exec(authorization ?? '');
  if (!m) return false;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return false;
  const hash = `{SHA}${createHash('sha1').update(decoded.slice(colon + 1)).digest('base64')}`;
  return users.split('\n').some((l) => l === `${decoded.slice(0, colon)}:${hash}`);
}

function splitTarget(target: string): [string, string | undefined] {
  const noFragment = target.split('#')[0];
  const q = noFragment.indexOf('?');
  return q === -1 ? [noFragment, undefined] : [noFragment.slice(0, q), noFragment.slice(q + 1)];
}

function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1) || host;
  return host.replace(/:\d*$/, '');
}

function sniName(host: string): string {
  return stripPort(host).toLowerCase().replace(/\.$/, '');
}

function chainForSni(listener: Obj, sni: string): Obj | undefined {
  const chains: Obj[] = listener.filter_chains ?? [];
  const named = (name: string) => chains.find((c) => (c.filter_chain_match?.server_names ?? []).includes(name));
  let found = named(sni);
  for (let rest = sni; !found && rest.includes('.'); ) {
    rest = rest.slice(rest.indexOf('.') + 1);
    found = named(`*.${rest}`);
  }
  return found ?? listener.default_filter_chain ?? chains.find((c) => !c.filter_chain_match);
}

/** normalize_path: RFC 3986 normalisation as Envoy's canonicalPath does it. */
export function normalizePath(path: string): string {
  let decoded = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    const hex = path.slice(i + 1, i + 3);
    if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      const ch = String.fromCharCode(parseInt(hex, 16));
      decoded += UNRESERVED.test(ch) ? ch : `%${hex.toUpperCase()}`;
      i += 2;
    } else decoded += c === '\\' ? '/' : c;
  }
  const out: string[] = [];
  const segments = decoded.split('/').slice(1);
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    if (seg === '.' || seg === '..') {
      if (seg === '..') out.pop();
      if (last) out.push('');
    } else out.push(seg);
  });
  return '/' + out.join('/');
}

function virtualHost(vhosts: Obj[], host: string): Obj | undefined {
  const has = (pred: (d: string) => boolean) => vhosts.find((v) => (v.domains ?? []).some((d: string) => pred(d.toLowerCase())));
  const exact = has((d) => d === host);
  if (exact) return exact;
  const longest = (kind: 'suffix' | 'prefix') => {
    let best: Obj | undefined;
    let bestLen = -1;
    for (const v of vhosts) {
      for (const raw of v.domains ?? []) {
        const d = raw.toLowerCase();
        if (d === '*') continue;
        const part = kind === 'suffix' && d.startsWith('*') ? d.slice(1) : kind === 'prefix' && d.endsWith('*') ? d.slice(0, -1) : undefined;
        if (part === undefined || host.length <= part.length) continue; // the wildcard never matches nothing
        if ((kind === 'suffix' ? host.endsWith(part) : host.startsWith(part)) && part.length > bestLen) {
          best = v;
          bestLen = part.length;
        }
      }
    }
    return best;
  };
  return longest('suffix') ?? longest('prefix') ?? has((d) => d === '*');
}

function routeMatches(m: Obj, path: string, query: string | undefined, headers: Record<string, string>): boolean {
  const fold = m.case_sensitive === false ? (s: string) => s.toLowerCase() : (s: string) => s;
  let ok: boolean;
  if (m.prefix !== undefined) ok = fold(path + (query === undefined ? '' : `?${query}`)).startsWith(fold(m.prefix));
  else if (m.path !== undefined) ok = fold(path) === fold(m.path);
  else if (m.path_separated_prefix !== undefined) {
    const p = fold(m.path_separated_prefix);
    ok = fold(path) === p || fold(path).startsWith(p + '/');
  } else if (m.safe_regex !== undefined) ok = re2FullMatch(m.safe_regex.regex, path);
  else throw new Error(`route match without a path matcher: ${JSON.stringify(m)}`);
  return ok && (m.headers ?? []).every((h: Obj) => headerMatches(h, headers[h.name])) && (m.query_parameters ?? []).every((q: Obj) => queryMatches(q, query));
}

/** A query_parameters matcher: the first value of the parameter, percent-decoded, against string_match. */
function queryMatches(q: Obj, query: string | undefined): boolean {
  for (const part of (query ?? '').split('&')) {
    const eq = part.indexOf('=');
    const name = decodeURIComponent(eq === -1 ? part : part.slice(0, eq));
    if (name !== q.name) continue;
    const value = eq === -1 ? '' : decodeURIComponent(part.slice(eq + 1));
    const s = q.string_match;
    if (s.exact !== undefined) return value === s.exact;
    if (s.safe_regex) return re2FullMatch(s.safe_regex.regex, value);
    throw new Error(`the evaluator does not know query matcher ${JSON.stringify(s)}`);
  }
  return false;
}

function headerMatches(h: Obj, value: string | undefined): boolean {
  let ok: boolean;
  if (h.present_match !== undefined) ok = (value !== undefined) === h.present_match;
  else if (value === undefined) ok = false;
  else if (h.string_match) {
    const s = h.string_match;
    const v = s.ignore_case ? value.toLowerCase() : value;
    const want = (x: string) => (s.ignore_case ? x.toLowerCase() : x);
    if (s.exact !== undefined) ok = v === want(s.exact);
    else if (s.prefix !== undefined) ok = v.startsWith(want(s.prefix));
    else if (s.suffix !== undefined) ok = v.endsWith(want(s.suffix));
    else if (s.contains !== undefined) ok = v.includes(want(s.contains));
    else if (s.safe_regex !== undefined) ok = re2FullMatch(s.safe_regex.regex, value);
    else throw new Error(`unsupported string matcher ${JSON.stringify(s)}`);
  } else throw new Error(`unsupported header matcher ${JSON.stringify(h)}`);
  return h.invert_match ? !ok : ok;
}

/** RE2::GlobalReplace: every match replaced, no empty match right after the previous one; \N is group N. */
export function re2GlobalReplace(regex: string, input: string, substitution: string): string {
  const re = new RE2(regex, 'gu');
  let out = '';
  let pos = 0;
  let lastEnd = -1;
  while (pos <= input.length) {
    re.lastIndex = pos;
    const found = re.exec(input);
    if (!found) break;
    const m = found;
    if (m[0] === '' && m.index === lastEnd) {
      if (m.index < input.length) out += input.charAt(m.index);
      pos = m.index + 1;
      continue;
    }
    out += input.slice(pos, m.index) + substitution.replace(/\\(\d)/g, (_, d: string) => m[Number(d)] ?? '');
    pos = lastEnd = m.index + (m[0] ?? '').length;
  }
  return out + input.slice(pos);
}
