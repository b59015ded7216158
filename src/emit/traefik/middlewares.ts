// RoutePolicy → Traefik middlewares, each written once and named by what it does.
// Traefik has no "answer with this status" middleware: an ipAllowList that admits no
// address (255.255.255.255/32 is never a TCP client) with rejectStatusCode answers every
// request with that status (400 for refused paths, 401, 403, 404, 503).
import { annotationOrigin } from '../../model/origin.js';
import type { BasicAuth, Cidr, CorsPolicy, RateLimit } from '../../model/policy.js';
import type { CheckedRedirect } from '../../model/redirect.js';
import type { Origin } from '../../model/types.js';
import { originAlternation } from '../policy-values.js';
import type { FindingSink } from './findings.js';
import { unwritable } from './quote.js';
import type { Middleware } from './types.js';

const NOBODY = '255.255.255.255/32';
const URL = /^https?:\/\/[\x21-\x7e]+$/;
/** The password hashes Traefik's basicAuth checks (its documentation: MD5 as $apr1$, SHA1, bcrypt). */
export const TRAEFIK_HASHES = new Set(['apr1', 'sha1', 'bcrypt']);
const USER = /^[\x21-\x39\x3b-\x7e]+$/; // printable, no ":"

const at = (origin: Origin | undefined, name: string) => origin && annotationOrigin(origin, name);

export class Middlewares {
  readonly all: Record<string, Middleware> = {};
  private readonly byKey = new Map<string, string>();

  constructor(private readonly sink: FindingSink) {}

  private add(base: string, m: Middleware): string {
    const key = JSON.stringify(m);
    const known = this.byKey.get(key);
    if (known) return known;
    let name = base;
    for (let n = 2; this.all[name]; n++) name = `${base}-${n}`;
    this.all[name] = m;
    this.byKey.set(key, name);
    return name;
  }

  /** Every request answered with `status` (see the file comment). */
  answer(status: 400 | 401 | 403 | 404 | 503): string {
    return this.add(`answer-${status}`, { ipAllowList: { sourceRange: [NOBODY], rejectStatusCode: status } });
  }

  /** The HTTPS redirect: permanent (Traefik: 301 for GET, 308 for other methods), to the HTTPS port. */
  httpsRedirect(httpsPort: number): string {
    return this.add('redirect-https', { redirectScheme: { scheme: 'https', permanent: true, port: String(httpsPort) } });
  }

  /** permanent-/temporal-redirect: every request to the URL as written (Traefik picks the code from the kind and the method). */
  redirect(r: CheckedRedirect, origin: Origin | undefined): string | undefined {
    if (!URL.test(r.url) || r.url.includes('$') || unwritable(r.url)) {
      this.sink.add('target-unsupported', 'error', `${r.kind}-redirect ${JSON.stringify(r.url)} cannot be written; the route answers 503 instead`, at(origin, `${r.kind}-redirect`));
      return undefined;
    }
    const permanent = r.kind === 'permanent';
    // Traefik picks the code from the kind and the method: no code is kept for every method
    const natural = permanent ? [301, 308] : [302, 307];
    this.sink.add('target-approximate', 'warning', `${r.kind}-redirect answers ${r.code} in the model; Traefik answers ${natural[0]} to GET and ${natural[1]} to other methods`, at(origin, `${r.kind}-redirect`));
    return this.add('redirect', { redirectRegex: { regex: '^.*$', replacement: r.url, permanent } });
  }

  /** app-root: "/" → 302 to the path (validated by the plan) on the host as sent (the query dropped). */
  appRoot(path: string): string {
    return this.add('app-root', { redirectRegex: { regex: '^(https?://[^/]+)/.*$', replacement: '${1}' + path, permanent: false } });
  }

  /** from-to-www-redirect: the other name → the rules' name, scheme, path and query kept. */
  hostRedirect(to: string): string {
    return this.add('www-redirect', { redirectRegex: { regex: '^(https?)://[^/]+(.*)$', replacement: '${1}://' + to + '${2}', permanent: true } });
  }

  /** proxy-body-size: 413 beyond the limit (the body is buffered to be counted); 0 is no limit. */
  bodyLimit(bytes: number): string | undefined {
    if (bytes === 0) return undefined;
    return this.add(`body-limit-${bytes}`, { buffering: { maxRequestBodyBytes: bytes } });
  }

  /** limit-rps / limit-connections, per client address. Traefik answers 429 where the model says 503. */
  rateLimits(limit: RateLimit, origin: Origin | undefined): string[] {
    const out: string[] = [];
    if (limit.rps && limit.burst !== undefined) {
      this.sink.add('target-approximate', 'warning', `limit-rps ${limit.rps} (burst ${limit.burst}) is counted per client address by Traefik's token bucket, but answered 429 where the model says 503, and counted per route, not per Ingress`, at(origin, 'limit-rps'));
      out.push(this.add('rate-limit', { rateLimit: { average: limit.rps, period: '1s', burst: limit.burst + 1 } }));
    }
    if (limit.connections) {
      this.sink.add('target-approximate', 'warning', `limit-connections ${limit.connections} is counted per client address, but answered 429 where the model says 503`, at(origin, 'limit-connections'));
      out.push(this.add('in-flight', { inFlightReq: { amount: limit.connections, sourceCriterion: { ipStrategy: { depth: 0 } } } }));
    }
    return out;
  }

  /** allowlist-source-range: 403 for other client addresses (the connection's own address). */
  allowList(allow: readonly Cidr[]): string {
    return this.add('source-range', { ipAllowList: { sourceRange: allow.map((c) => `${c.address}/${c.prefix}`) } });
  }

  /** auth-type basic: the users whose hash Traefik checks; undefined when none is left (the route answers 401). */
  basicAuth(auth: BasicAuth): string | undefined {
    const kept = auth.users.filter((u) => TRAEFIK_HASHES.has(u.format) && USER.test(u.name) && !unwritable(u.hash) && !u.hash.includes(':'));
    const lost = auth.users.filter((u) => !kept.includes(u));
    if (lost.length) {
      const none = kept.length ? '' : '; no user can log in, every request is answered 401';
      this.sink.add('target-unsupported', 'warning', `Traefik's basicAuth checks $apr1$, {SHA} and bcrypt hashes only: user${lost.length > 1 ? 's' : ''} ${lost.map((u) => `${u.name} (${u.format})`).join(', ')} of Secret ${auth.secret.namespace}/${auth.secret.name} cannot log in${none}`, auth.origin, 'Hash the passwords with htpasswd -B (bcrypt) for Traefik.');
    }
    if (!kept.length) return undefined;
    const realm = auth.realm.replace(/["\\]/g, '');
    return this.add('basic-auth', { basicAuth: { users: kept.map((u) => `${u.name}:${u.hash}`), realm: unwritable(realm) ? 'Authentication Required' : realm } });
  }

  /** The challenge of a route no user can log in to (its 401 comes from answer(401), which sends none). */
  challenge(auth: BasicAuth): string {
    const realm = auth.realm.replace(/["\\]/g, '');
    return this.add('auth-challenge', { headers: { customResponseHeaders: { 'WWW-Authenticate': `Basic realm="${unwritable(realm) ? 'Authentication Required' : realm}"` } } });
  }

  /** enable-cors: the headers middleware (it answers preflights itself, with 200). */
  cors(c: CorsPolicy, origin: Origin | undefined): string | undefined {
    const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
    if ([c.methods, c.headers, c.exposeHeaders].some((v) => unwritable(v))) {
      this.sink.add('target-unsupported', 'error', 'CORS header values cannot be written; no CORS headers are sent', at(origin, 'enable-cors'));
      return undefined;
    }
    const origins = c.origins === '*' ? { accessControlAllowOriginList: ['*'] } : c.origins.length ? { accessControlAllowOriginListRegex: [`(?i)^${originAlternation(c.origins)}$`] } : undefined;
    if (!origins) return undefined;
    return this.add('cors', {
      headers: {
        ...origins,
        accessControlAllowMethods: list(c.methods),
        accessControlAllowHeaders: list(c.headers),
        ...(c.exposeHeaders ? { accessControlExposeHeaders: list(c.exposeHeaders) } : {}),
        accessControlAllowCredentials: c.credentials,
        accessControlMaxAge: c.maxAge,
        addVaryHeader: true,
      },
    });
  }

  /** upstream-vhost (the Host the upstream receives) and x-forwarded-prefix, as the plan validated them. */
  upstreamHeaders(host: string | undefined, prefix: string | undefined): string | undefined {
    const headers: Record<string, string> = {};
    if (host !== undefined) headers.Host = host;
    if (prefix !== undefined) headers['X-Forwarded-Prefix'] = prefix;
    if (!Object.keys(headers).length) return undefined;
    return this.add('upstream-headers', { headers: { customRequestHeaders: headers } });
  }

  /** rewrite-target: the whole path replaced, $n from the route's regex. */
  rewrite(regex: string, replacement: string): string {
    return this.add('rewrite', { replacePathRegex: { regex, replacement } });
  }
}
