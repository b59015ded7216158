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
// - the first route whose path matcher and header matchers all match; safe_regex
//   is a full match, evaluated with real RE2 (re2-wasm).
import { RE2 } from 're2-wasm';

export interface EnvoyRequest {
  scheme: 'http' | 'https';
  /** the Host header (also the SNI name for https) */
  host: string;
  /** path and query as sent */
  target: string;
}

export type EnvoyAnswer =
  | { status: 200; cluster: string; upstreamPath: string; route: string }
  | { status: 301 | 302 | 303 | 307 | 308; location: string; route: string }
  | { status: number; route?: string; reason?: string };

type Obj = Record<string, any>;

const UNRESERVED = /[A-Za-z0-9\-._~]/;
const REDIRECT_CODES: Record<string, 301 | 302 | 303 | 307 | 308> = { MOVED_PERMANENTLY: 301, FOUND: 302, SEE_OTHER: 303, TEMPORARY_REDIRECT: 307, PERMANENT_REDIRECT: 308 };

const regexCache = new Map<string, RE2>();
/** RE2 full match, as Envoy's safe_regex and StringMatcher.safe_regex. */
export function re2FullMatch(regex: string, input: string): boolean {
  let re = regexCache.get(regex);
  if (!re) regexCache.set(regex, (re = new RE2(`^(?:${regex})$`, 'u')));
  return re.test(input);
}

export function evaluate(bootstrap: Obj, req: EnvoyRequest, ports: { httpPort: number; httpsPort: number }): EnvoyAnswer {
  const port = req.scheme === 'http' ? ports.httpPort : ports.httpsPort;
  const listener = (bootstrap.static_resources?.listeners ?? []).find((l: Obj) => l.address?.socket_address?.port_value === port);
  if (!listener) return { status: 0, reason: `no listener on port ${port}` };
  const chain = req.scheme === 'https' ? chainForSni(listener, sniName(req.host)) : listener.filter_chains?.[0];
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
  const route = (vhost.routes ?? []).find((r: Obj) => routeMatches(r.match ?? {}, path, query, { ':authority': authority }));
  if (!route) return { status: 404, reason: `no route in virtual host ${vhost.name}` };

  if (route.direct_response) return { status: route.direct_response.status, route: route.name };
  if (route.redirect) {
    const r = route.redirect;
    const scheme = r.https_redirect ? 'https' : req.scheme;
    const host = r.port_redirect ? `${stripPort(authority)}:${r.port_redirect}` : authority;
    const status = REDIRECT_CODES[r.response_code ?? 'MOVED_PERMANENTLY'];
    return { status, location: `${scheme}://${host}${path}${query === undefined ? '' : `?${query}`}`, route: route.name };
  }
  const action = route.route;
  const clusters: Obj[] = bootstrap.static_resources?.clusters ?? [];
  if (!clusters.some((c) => c.name === action.cluster)) throw new Error(`route ${route.name} names unknown cluster ${action.cluster}`);
  const upstreamPath = action.regex_rewrite ? re2GlobalReplace(action.regex_rewrite.pattern.regex, path, action.regex_rewrite.substitution) : path;
  return { status: 200, cluster: action.cluster, upstreamPath, route: route.name };
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
  return ok && (m.headers ?? []).every((h: Obj) => headerMatches(h, headers[h.name]));
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
