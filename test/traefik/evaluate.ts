// A small evaluator of Traefik v3's documented request handling, run on a rendered
// dynamic configuration (as parsed from dynamic/routes.yml), so routing can be checked
// without a Traefik binary:
// - the entry point by scheme (web / websecure; routers with `tls` only on websecure);
// - the request path as Traefik's "Request Path" page describes it: escapes of unreserved
//   characters decoded and other escapes upper-cased, then ".", ".." and duplicate slashes
//   removed (RFC 3986 remove_dot_segments: ".." above the root is dropped; a trailing slash
//   stays); matchers see it with reserved characters still encoded (%2F stays "%2F");
// - routers of the entry point by priority, highest first (equal priorities are refused
//   here: Traefik's order between them is not defined); the first whose rule matches;
//   Host compares lower-cased, without the port, a trailing dot ignored; the *Regexp
//   matchers search (unanchored) with Go's syntax, run here with RE2 (re2-wasm); Header
//   matches when a value equals; ClientIP by address or CIDR; Path exact; PathPrefix a
//   character prefix;
// - the router's middlewares in order: ipAllowList (rejectStatusCode, default 403),
//   redirectScheme and redirectRegex (permanent: 301 to GET, 308 otherwise; else 302 / 307),
//   basicAuth ($apr1$, {SHA}, bcrypt users), buffering (413 by Content-Length),
//   replacePathRegex, headers (customRequestHeaders, Host included; customResponseHeaders;
//   CORS: a preflight, OPTIONS with Origin and Access-Control-Request-Method, answered 200
//   with the Allow headers; other answers carry Allow-Origin for an allowed origin, and
//   Allow-Credentials and Expose-Headers whatever the origin); rateLimit and inFlightReq
//   let single requests pass;
// - the service: a loadBalancer (its name carries the backend), or a weighted one drawn with
//   `random` (Traefik shares by weighted round robin; the shares are what is checked).
// Sources: doc.traefik.io "Rules & Priority", "Request Path" and the middleware pages; two
// facts the pages leave out come from the maintainers and Traefik's source: a permanent
// redirect is 301 to GET and 308 otherwise (traefik/traefik#7829), reserved escapes stay
// encoded in the path the matchers see (pkg/muxer/http/mux.go), and which CORS headers go on
// which answer (pkg/middlewares/headers/header.go).
import { RE2 } from 're2-wasm';
import { cidrContains, parseCidr } from '../../src/model/cidr.js';
import { hashFormat, verifyPassword } from '../../src/model/htpasswd.js';
import type { Request } from '../../src/model/match.js';
import { parseRule, type RuleNode } from './rule.js';

export interface TraefikOptions {
  /** weighted services draw with it (default Math.random) */
  random?: () => number;
}

export type TraefikAnswer =
  | { status: 200; service: string; router: string; upstreamPath: string; upstreamHost?: string; upstreamHeaders: Record<string, string>; headers: Record<string, string> }
  | { status: number; location?: string; router?: string; reason?: string; headers?: Record<string, string> };

type Obj = Record<string, any>;

const UNRESERVED = /[A-Za-z0-9\-._~]/;
/** Characters Traefik keeps percent-encoded in the path its matchers see (RFC 3986 reserved, and "%"). */
const RESERVED = new Set([':', '/', '?', '#', '[', ']', '@', '!', '$', '&', "'", '(', ')', '*', '+', ',', ';', '=', '%']);

const regexCache = new Map<string, RE2>();
/** Go regexp MatchString: a search anywhere in the input. */
export function goSearch(regex: string, input: string): boolean {
  let re = regexCache.get(regex);
  if (!re) regexCache.set(regex, (re = new RE2(regex, 'u')));
  return re.test(input);
}

/** Normalisation, then sanitisation, as Traefik's request-path page says. */
export function sanitizedPath(raw: string): string {
  let decoded = '';
  for (let i = 0; i < raw.length; i++) {
    const hex = raw.slice(i + 1, i + 3);
    if (raw[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      const ch = String.fromCharCode(parseInt(hex, 16));
      decoded += UNRESERVED.test(ch) ? ch : `%${hex.toUpperCase()}`;
      i += 2;
    } else decoded += raw[i];
  }
  const out: string[] = [];
  const segments = decoded.split('/').slice(1);
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    if (seg === '' && !last) return; // duplicate slashes
    if (seg === '.' || seg === '..') {
      if (seg === '..') out.pop();
      if (last) out.push('');
      return;
    }
    out.push(seg);
  });
  return '/' + out.join('/');
}

/**
 * The path matchers see: escapes of reserved characters kept, the others decoded (as bytes:
 * read here as UTF-8 text, which the rules are written in).
 */
export function routingPath(path: string): string {
  return path.replace(/(?:%[0-9A-F]{2})+/g, (run) => {
    let out = '';
    let bytes: number[] = [];
    const flush = () => ((out += Buffer.from(bytes).toString('utf8')), (bytes = []));
    for (const hex of run.match(/%[0-9A-F]{2}/g)!) {
      const ch = String.fromCharCode(parseInt(hex.slice(1), 16));
      if (RESERVED.has(ch)) {
        flush();
        out += hex;
      } else bytes.push(parseInt(hex.slice(1), 16));
    }
    flush();
    return out;
  });
}

function splitTarget(target: string): [string, string | undefined] {
  const noFragment = target.split('#')[0];
  const q = noFragment.indexOf('?');
  return q === -1 ? [noFragment, undefined] : [noFragment.slice(0, q), noFragment.slice(q + 1)];
}

function hostOnly(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.replace(/:\d*$/, '');
}

interface Ctx {
  host: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  clientIp: string;
}

export function ruleMatches(node: RuleNode, c: Ctx): boolean {
  switch (node.op) {
    case 'and':
      return ruleMatches(node.left, c) && ruleMatches(node.right, c);
    case 'or':
      return ruleMatches(node.left, c) || ruleMatches(node.right, c);
    case 'not':
      return !ruleMatches(node.inner, c);
  }
  const [a, b] = node.args;
  switch (node.name) {
    case 'Host': {
      if (a === '*') return true;
      const want = a.toLowerCase();
      return c.host === want || c.host.replace(/\.$/, '') === want.replace(/\.$/, '');
    }
    case 'HostRegexp':
      return goSearch(a, c.host);
    case 'Path':
      return c.path === a;
    case 'PathPrefix':
      return c.path.startsWith(a);
    case 'PathRegexp':
      return goSearch(a, c.path);
    case 'Method':
      return c.method === a.toUpperCase();
    case 'Header':
      return c.headers[a.toLowerCase()] === b;
    case 'HeaderRegexp':
      return c.headers[a.toLowerCase()] !== undefined && goSearch(b, c.headers[a.toLowerCase()]);
    case 'ClientIP': {
      const cidr = parseCidr(a.includes('/') ? a : `${a}/${a.includes(':') ? 128 : 32}`);
      if (!cidr) throw new Error(`bad ClientIP ${a}`);
      return cidrContains(cidr, c.clientIp);
    }
    default:
      throw new Error(`the evaluator does not know matcher ${node.name}`);
  }
}

const parsed = new Map<string, RuleNode>();
const ruleOf = (rule: string) => {
  let n = parsed.get(rule);
  if (!n) parsed.set(rule, (n = parseRule(rule)));
  return n;
};

/** Go's Regexp.Expand: $1 / ${1} (and $name), $$ for "$". */
function expand(template: string, groups: (string | undefined)[]): string {
  return template.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (_, all: string, braced?: string, bare?: string) => {
    if (all === '$') return '$';
    const name = braced ?? bare!;
    return /^\d+$/.test(name) ? groups[Number(name)] ?? '' : '';
  });
}

/** Go's ReplaceAllString for the anchored patterns the emitter writes: the one match replaced. */
function replaceAll(regex: string, input: string, replacement: string): string {
  const m = new RE2(regex, 'u').exec(input);
  if (!m) return input;
  if (m.index !== 0 || (m[0] ?? "").length !== input.length) throw new Error(`the evaluator expects ${regex} to match the whole input`);
  return expand(replacement, [...m]);
}

export function evaluate(dynamic: Obj, req: Request, options: TraefikOptions = {}): TraefikAnswer {
  const entry = req.scheme === 'http' ? 'web' : 'websecure';
  const [rawPath, query] = splitTarget(req.target);
  const path = sanitizedPath(rawPath);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
  const c: Ctx = { host: hostOnly(req.host.trim()).toLowerCase(), path: routingPath(path), method: (req.method ?? 'GET').toUpperCase(), headers, clientIp: req.clientIp ?? '127.0.0.1' };
  const routers = Object.entries<Obj>(dynamic.http?.routers ?? {}).filter(([, r]) => (r.entryPoints ?? []).includes(entry) && (entry === 'websecure' ? r.tls !== undefined : r.tls === undefined));
  const priorities = new Set<number>();
  for (const [name, r] of routers) {
    if (!Number.isInteger(r.priority) || r.priority < 1) throw new Error(`router ${name} has no explicit priority`);
    if (priorities.has(r.priority)) throw new Error(`two routers of ${entry} share priority ${r.priority}`);
    priorities.add(r.priority);
  }
  routers.sort((a, b) => b[1].priority - a[1].priority);
  const found = routers.find(([, r]) => ruleMatches(ruleOf(r.rule), c));
  if (!found) return { status: 404, reason: 'no router matches' };
  const [routerName, router] = found;
  const requestUri = path + (query !== undefined ? `?${query}` : '');
  const upstreamHeaders: Record<string, string> = {};
  let upstreamPath = path;
  let upstreamHost: string | undefined;
  // response headers of the headers middlewares met so far: they apply to whatever answers after them
  const response: Record<string, string> = {};
  const withHeaders = <T extends object>(a: T): T & { headers?: Record<string, string> } => (Object.keys(response).length ? { ...a, headers: { ...response } } : a);
  for (const mwName of router.middlewares ?? []) {
    const mw = dynamic.http?.middlewares?.[mwName];
    if (!mw) throw new Error(`router ${routerName} names unknown middleware ${mwName}`);
    const [kind, conf] = Object.entries<Obj>(mw)[0];
    const redirectStatus = (permanent: boolean) => (permanent ? (c.method === 'GET' ? 301 : 308) : c.method === 'GET' ? 302 : 307);
    switch (kind) {
      case 'ipAllowList': {
        const ok = (conf.sourceRange as string[]).some((r) => {
          const cidr = parseCidr(r.includes('/') ? r : `${r}/${r.includes(':') ? 128 : 32}`);
          return cidr !== undefined && cidrContains(cidr, c.clientIp);
        });
        if (!ok) return withHeaders({ status: conf.rejectStatusCode ?? 403, router: routerName });
        break;
      }
      case 'redirectScheme': {
        const port = conf.port && !(conf.scheme === 'https' && conf.port === '443') && !(conf.scheme === 'http' && conf.port === '80') ? `:${conf.port}` : '';
        return { status: redirectStatus(conf.permanent === true), location: `${conf.scheme}://${hostOnly(req.host.trim())}${port}${requestUri}`, router: routerName };
      }
      case 'redirectRegex': {
        const url = `${req.scheme}://${req.host.trim()}${requestUri}`;
        if (!goSearch(conf.regex, url)) break;
        return withHeaders({ status: redirectStatus(conf.permanent === true), location: replaceAll(conf.regex, url, conf.replacement), router: routerName });
      }
      case 'basicAuth': {
        const m = /^Basic ([A-Za-z0-9+/]+=*)$/.exec(headers.authorization ?? '');
        const decoded = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
        const colon = decoded.indexOf(':');
        const ok = colon > 0 && (conf.users as string[]).some((line) => {
          const i = line.indexOf(':');
          const hash = line.slice(i + 1);
          const format = hashFormat(hash);
          return line.slice(0, i) === decoded.slice(0, colon) && format !== undefined && verifyPassword({ name: line.slice(0, i), format, hash }, decoded.slice(colon + 1)) === true;
        });
        if (!ok) return { ...withHeaders({ status: 401, router: routerName, reason: `realm ${conf.realm}` }), headers: { ...response, 'www-authenticate': `Basic realm="${conf.realm}"` } };
        break;
      }
      case 'buffering':
        if (conf.maxRequestBodyBytes > 0 && Number(headers['content-length'] ?? 0) > conf.maxRequestBodyBytes) return withHeaders({ status: 413, router: routerName });
        break;
      case 'replacePathRegex':
        if (goSearch(conf.regex, upstreamPath)) upstreamPath = replaceAll(conf.regex, upstreamPath, conf.replacement);
        break;
      case 'headers': {
        for (const [k, v] of Object.entries<string>(conf.customRequestHeaders ?? {})) {
          if (k.toLowerCase() === 'host') upstreamHost = v;
          else upstreamHeaders[k.toLowerCase()] = v;
        }
        for (const [k, v] of Object.entries<string>(conf.customResponseHeaders ?? {})) response[k.toLowerCase()] = v;
        const list: string[] | undefined = conf.accessControlAllowOriginList;
        const regexes: string[] | undefined = conf.accessControlAllowOriginListRegex;
        if (!list && !regexes && !conf.accessControlAllowMethods) break;
        // the origin check: an entry equal to the Origin, or "*" (the Origin itself when credentials are allowed), or a regex that matches
        const origin = headers.origin ?? '';
        const credentials = conf.accessControlAllowCredentials === true;
        const match = list?.includes(origin) ? origin : list?.includes('*') ? (credentials ? origin : '*') : regexes?.some((r) => goSearch(r, origin)) ? origin : undefined;
        const cors: Record<string, string> = {};
        if (match !== undefined) cors['access-control-allow-origin'] = match;
        if (credentials) cors['access-control-allow-credentials'] = 'true';
        if (conf.accessControlExposeHeaders?.length) cors['access-control-expose-headers'] = conf.accessControlExposeHeaders.join(',');
        if (c.method === 'OPTIONS' && headers.origin !== undefined && headers['access-control-request-method'] !== undefined) {
          if (conf.accessControlAllowMethods?.length) cors['access-control-allow-methods'] = conf.accessControlAllowMethods.join(',');
          if (conf.accessControlAllowHeaders?.length) cors['access-control-allow-headers'] = conf.accessControlAllowHeaders.join(',');
          if (conf.accessControlMaxAge !== undefined) cors['access-control-max-age'] = String(conf.accessControlMaxAge);
          return { status: 200, router: routerName, reason: 'CORS preflight', headers: cors };
        }
        Object.assign(response, cors);
        break;
      }
      case 'rateLimit':
      case 'inFlightReq':
        break;
      default:
        throw new Error(`the evaluator does not know middleware ${kind}`);
    }
  }
  let serviceName: string = router.service;
  for (;;) {
    const s = dynamic.http?.services?.[serviceName];
    if (!s) throw new Error(`router ${routerName} names unknown service ${serviceName}`);
    if (s.loadBalancer) break;
    const ws: Obj[] = s.weighted.services;
    const total = ws.reduce((n, w) => n + w.weight, 0);
    let draw = (options.random ?? Math.random)() * total;
    serviceName = ws.find((w) => (draw -= w.weight) < 0)?.name ?? ws[ws.length - 1].name;
  }
  return { status: 200, service: serviceName, router: routerName, upstreamPath, ...(upstreamHost ? { upstreamHost } : {}), upstreamHeaders, headers: { ...response } };
}

/** "ns/svc:port" of a service named "<ns>_<svc>_<port>[_n]" (services.ts). */
export function backendOfService(name: string): string {
  const m = /^([^_]+)_([^_]+)_([^_]+)/.exec(name);
  if (!m) return `(service ${name})`;
  return `${m[1]}/${m[2]}:${m[3]}`;
}
