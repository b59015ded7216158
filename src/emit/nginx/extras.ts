// What the annotation set needs at the http level, decided before any server is written:
// maps (CORS origins, cookies, canary choices, affinity keys), split_clients (canary
// weights), rate-limit zones, and the htpasswd files of basic auth. Every name is made
// here from counters; every value from the model goes through the quote module.
import { formatCidr } from '../../model/cidr.js';
import type { Finding } from '../../findings/finding.js';
import type { BasicAuth, CorsPolicy, RateLimit, RoutePolicy } from '../../model/policy.js';
import type { AffinityDecision, PlannedDecision, TargetPlan } from '../plan.js';
import type { Canary, Origin, Route } from '../../model/types.js';
import type { EmittedFile } from '../types.js';
import { block, d, entry, type Directive } from './config.js';
import { corsVars, type CorsVars } from './cors.js';
import { findingFor } from './findings.js';
import { regexLiteral } from './paths.js';
import { join, text, word } from './quote.js';
import type { Upstreams } from './upstreams.js';
import { isDnsLabel, isDnsSubdomain } from '../../model/validate-values.js';


export class HttpExtras {
  readonly blocks: Directive[] = [];
  readonly files: EmittedFile[] = [];
  readonly findings: Finding[] = [];
  private readonly cors = new Map<string, CorsVars>();
  private readonly cookies = new Map<string, string>();
  private readonly affinityKeys = new Map<string, string>();
  private readonly setCookies = new Map<string, string>();
  private readonly zones = new Map<string, { rps?: string; conn?: string }>();
  private readonly authFiles = new Map<string, string>();
  private readonly canaries = new Map<Route, string>();
  private count = 0;

  /** One pass over the model, before the servers: every http-level block a location will name. */
  prepare(plan: TargetPlan, upstreams: Upstreams): void {
    // the routes' decisions host by host, then the default backends': the order of the plan
    for (const decisions of plan.hostRoutes) for (const d of decisions) this.prepareOne(d, upstreams);
    for (const d of plan.hostDefaults.values()) this.prepareOne(d, upstreams);
    if (plan.catchAll) this.prepareOne(plan.catchAll, upstreams);
  }

  private prepareOne({ policy, route, origin, affinity, canary }: PlannedDecision, upstreams: Upstreams): void {
    if (policy.denied) return;
    if (policy.cors) this.corsVars(policy.cors);
    if (policy.rateLimit) this.zoneNames(policy.rateLimit);
    if (policy.basicAuth) this.authFile(policy.basicAuth);
    if (affinity) this.setCookie(affinity);
    if (policy.fallbackBackend) upstreams.register(policy.fallbackBackend, this.affinityKey(affinity));
    if (route) {
      upstreams.register(route.backend, this.affinityKey(affinity));
      if (canary) this.canary(route, canary, upstreams, origin, affinity);
    }
  }

  private name(kind: string): string {
    return `$ingressctl_${kind}_${++this.count}`;
  }

  /** CORS: the maps of a policy, made once (src/emit/nginx/cors.ts). */
  corsVars(cors: CorsPolicy): CorsVars {
    const key = JSON.stringify(cors);
    let vars = this.cors.get(key);
    if (!vars) this.cors.set(key, (vars = corsVars(cors, (kind) => this.name(kind), this.blocks)));
    return vars;
  }

  /** The first value of a cookie ("" when absent), as $cookie_NAME but for any cookie name. */
  private cookie(name: string): string {
    let v = this.cookies.get(name);
    if (v) return v;
    v = this.name('cookie');
    const capture = `c${this.count}`;
    this.blocks.push(block('map', ['$http_cookie', v], [entry(word('default'), text('')), entry(text(`~(?:^|;)\\s*${regexLiteral(name)}=(?<${capture}>[^;]*)`), word(`$${capture}`))], `cookie ${name}`));
    this.cookies.set(name, v);
    return v;
  }

  /** affinity (as the plan decided it): the key the endpoints are hashed on: the cookie, or for a client without it the request id its new cookie carries. */
  affinityKey(a: AffinityDecision | undefined): string | undefined {
    if (!a) return undefined;
    let key = this.affinityKeys.get(a.cookieName);
    if (key) return key;
    const cookie = this.cookie(a.cookieName);
    key = this.name('affinity');
    this.blocks.push(block('map', [cookie, key], [entry(text(''), word('$request_id')), entry(word('default'), word(cookie))], `affinity cookie ${a.cookieName}`));
    this.affinityKeys.set(a.cookieName, key);
    return key;
  }

  /** The Set-Cookie value for a client without the affinity cookie ("" for one with it): the plan's cookie. */
  setCookie(a: AffinityDecision): string {
    const path = a.path;
    const id = JSON.stringify([a.cookieName, path, a.maxAge]);
    let v = this.setCookies.get(id);
    if (v) return v;
    const cookie = this.cookie(a.cookieName);
    v = this.name('set_cookie');
    // a map value: nginx expands variables in it, so only $request_id is a word, the rest is text (quote.ts escapes its "$")
    const value = (secure: boolean) => join(text(`${a.cookieName}=`), '$request_id', text(`; Path=${path}${a.maxAge !== undefined ? `; Max-Age=${a.maxAge}` : ''}${secure ? '; Secure' : ''}; HttpOnly`));
    this.blocks.push(block('map', [`${cookie}:$https`, v], [entry(word('default'), text('')), entry(text('~^:on\\z'), value(true)), entry(text('~^:\\z'), value(false))]));
    this.setCookies.set(id, v);
    return v;
  }

  /** limit_req_zone / limit_conn_zone of an Ingress, per client address. */
  zoneNames(limit: RateLimit): { rps?: string; conn?: string } {
    let z = this.zones.get(limit.zone);
    if (z) return z;
    const [ns, name] = limit.zone.split('/');
    const base = isDnsLabel(ns) && isDnsSubdomain(name) ? `${ns}.${name}` : `zone${++this.count}`;
    z = {};
    if (limit.rps) {
      z.rps = `ingressctl_rps.${base}`;
      this.blocks.push({ ...d('limit_req_zone', '$binary_remote_addr', `zone=${z.rps}:10m`, `rate=${limit.rps}r/s`), comment: `limit-rps of Ingress ${limit.zone}` });
    }
    if (limit.connections) {
      z.conn = `ingressctl_conn.${base}`;
      this.blocks.push({ ...d('limit_conn_zone', '$binary_remote_addr', `zone=${z.conn}:10m`), comment: `limit-connections of Ingress ${limit.zone}` });
    }
    this.zones.set(limit.zone, z);
    return z;
  }

  /** auth/NAMESPACE_NAME.htpasswd: the Secret's users (read by the workers: not private like a key). */
  authFile(auth: BasicAuth): string | undefined {
    const id = `${auth.secret.namespace}/${auth.secret.name}`;
    const known = this.authFiles.get(id);
    if (known) return known;
    if (!isDnsLabel(auth.secret.namespace) || !isDnsSubdomain(auth.secret.name)) {
      this.findings.push(findingFor(auth.origin, 'target-unsafe-value', 'error', `auth Secret name ${JSON.stringify(id)} cannot name a file safely; its routes answer 503`));
      return undefined;
    }
    const path = `auth/${auth.secret.namespace}_${auth.secret.name}.htpasswd`;
    // names and hashes are printable ASCII without ":" in the name (the model checked), one a line
    this.files.push({ path, content: auth.users.map((u) => `${u.name}:${u.hash}\n`).join(''), mode: 0o644 });
    this.authFiles.set(id, path);
    return path;
  }

  /** A route with a canary: the variable holding the address its request goes to. */
  canaryVar(route: Route): string | undefined {
    return this.canaries.get(route);
  }

  private canary(route: Route, c: Canary, upstreams: Upstreams, origin: Origin | undefined, affinity: AffinityDecision | undefined): void {
    const key = this.affinityKey(affinity);
    if (key) upstreams.register(c.backend, key);
    const main = upstreams.target(route.backend, origin, key);
    const alt = upstreams.target(c.backend, c.origin, key);
    if (!main || !alt) {
      this.findings.push(findingFor(c.origin, 'target-unsupported', 'warning', `nginx: the canary of ${route.id} is not rendered: ${!main ? 'the main' : 'the canary'} backend has nowhere to send requests here`));
      return;
    }
    const parts: string[] = [];
    if (c.header) {
      const h = c.header;
      const v = this.name('canary_header');
      const source = `$http_${h.name.toLowerCase().replace(/-/g, '_')}`;
      const entries =
        h.kind === 'always-never'
          ? [entry(text('~^always\\z'), 'canary'), entry(text('~^never\\z'), 'main')]
          : [entry(text(h.kind === 'value' ? `~^${regexLiteral(h.value)}\\z` : `~${h.pattern}`), 'canary')];
      this.blocks.push(block('map', [source, v], [entry(word('default'), text('')), ...entries], `canary-by-header ${h.name}`));
      parts.push(v);
    }
    if (c.cookie) {
      const v = this.name('canary_cookie');
      this.blocks.push(block('map', [this.cookie(c.cookie), v], [entry(word('default'), text('')), entry(text('~^always\\z'), 'canary'), entry(text('~^never\\z'), 'main')], `canary-by-cookie ${c.cookie}`));
      parts.push(v);
    }
    let weighted = c.weight <= 0 ? 'main' : c.weight >= c.weightTotal ? 'canary' : undefined;
    if (!weighted) {
      // split_clients takes percentages with two decimals; the request id makes it a fresh draw per request
      const exact = (c.weight * 100) / c.weightTotal;
      const pct = Math.round(exact * 100) / 100;
      if (pct !== exact) this.findings.push(findingFor(c.origin, 'target-approximate', 'info', `nginx: canary-weight ${c.weight}/${c.weightTotal} is ${pct}% (split_clients takes two decimals)`));
      weighted = this.name('canary_weight');
      this.blocks.push(block('split_clients', ['$request_id', weighted], [entry(text(`${pct}%`), 'canary'), entry(word('*'), 'main')], `canary-weight ${c.weight} of ${c.weightTotal}`));
    }
    let choice = weighted;
    if (parts.length) {
      choice = this.name('canary');
      const [h, k] = [parts[0], parts[1] ?? ''];
      // header first, then cookie: "canary:…"/"main:…" decide, then ":canary"/":main", else the weight
      const source = parts.length === 2 ? `${h}:${k}` : `${h}:`;
      this.blocks.push(block('map', [source, choice], [entry(text('~^canary:'), 'canary'), entry(text('~^main:'), 'main'), ...(parts.length === 2 ? [entry(text('~^:canary'), 'canary'), entry(text('~^:main'), 'main')] : []), entry(word('default'), word(weighted))]));
    }
    const up = this.name('canary_upstream');
    this.blocks.push(block('map', [choice, up], [entry(text('canary'), text(alt.address)), entry(word('default'), text(main.address))], `canary of ${route.id}`));
    this.canaries.set(route, up);
  }
}

/** allow/deny in the model's order: denied networks, then the allow-list and "deny all". */
export function accessDirectives(policy: RoutePolicy): Directive[] {
  const r = policy.sourceRanges;
  if (!r) return [];
  return [...r.deny.map((c) => d('deny', formatCidr(c))), ...r.allow.map((c) => d('allow', formatCidr(c))), ...(r.allow.length ? [d('deny', 'all')] : [])];
}
