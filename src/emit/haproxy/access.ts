// Access annotations in the Matcher's order: a closed route (503), rate limits (503),
// source ranges (403), basic authentication (401). Each returns the frontend rules and
// what they need elsewhere: named ACLs (declared before use), stick tables, userlists.
import type { Finding } from '../../findings/finding.js';
import type { BasicAuth, Cidr, HashFormat, SourceRanges } from '../../model/policy.js';
import { isObjectName, targetFinding } from './check.js';
import { line, note, when, type Line, type Section, type Test } from './config.js';
import { forIds, groupRuns, idsWhere, annotationAt } from './ids.js';
import type { Decision, Plan } from './plan.js';
import { logFormatText, wordProblem } from './quote.js';

export interface AccessParts {
  /** `acl` lines for the top of the frontend */
  acls: Line[];
  rules: Line[];
  /** stick-table backends and userlists */
  sections: Section[];
}

/** An Ingress whose access annotations could not be applied: its routes answer 503 (the model says why). */
export function deniedRules(plan: Plan): Line[] {
  const ids = idsWhere(plan.runs, (d) => Boolean(d.policy.denied));
  return ids.length ? [note('closed: an annotation guarding access could not be applied'), ...forIds(ids, (t) => line(['http-request', 'return', 'status', '503'], when(t)))] : [];
}

/**
 * limit-rps / limit-connections, per client address, one stick table per Ingress (its
 * zone). Requests are counted once accepted (a refused request does not count), in a
 * sliding window that holds the burst: burst + 1 requests per (burst + 1) / rps seconds.
 */
export function rateLimitParts(plan: Plan, findings: Finding[]): AccessParts {
  const rules: Line[] = [];
  const sections: Section[] = [];
  let n = 0;
  for (const [limit, { first, ids }] of groupRuns(plan.runs, (d) => d.policy.rateLimit)) {
    const [ns, name] = limit.zone.split('/');
    const table = ns && name && isObjectName(ns) && isObjectName(name) ? `limit:${ns}:${name}` : `limit:zone${++n}`;
    const { rps, burst, connections } = limit;
    const rate = rps && burst !== undefined ? rateWindow(rps, burst) : undefined;
    const stored = [...(rate ? [`gpc0_rate(${rate.windowMs}ms)`] : []), ...(connections ? ['conn_cur'] : [])];
    if (!stored.length) continue;
    sections.push({ head: ['backend', table], lines: [note(`limit-rps / limit-connections of Ingress ${limit.zone}, per client address`), line(['stick-table', 'type', 'ipv6', 'size', '100k', 'expire', `${Math.max(60_000, rate?.windowMs ?? 0)}ms`, 'store', stored.join(',')])] });
    const refuse = (t: Test, extra: Test) => line(['http-request', 'return', 'status', String(limit.status)], when(t, extra));
    rules.push(note(`rate limits of Ingress ${limit.zone}`), ...forIds(ids, (t) => line(['http-request', 'track-sc0', 'src', 'table', table], when(t))));
    if (connections) {
      rules.push(...forIds(ids, (t) => refuse(t, { fetch: 'sc0_conn_cur', flags: ['gt'], patterns: [String(connections)] })));
    }
    if (rate) {
      rules.push(...forIds(ids, (t) => refuse(t, { fetch: 'sc0_gpc0_rate', flags: ['ge'], patterns: [String(rate.allowed)] })));
      rules.push(...forIds(ids, (t) => line(['http-request', 'sc-inc-gpc0(0)'], when(t))));
      findings.push(targetFinding('target-approximate', 'warning', annotationAt(first, 'limit-rps'), `limit-rps ${rps} (burst ${burst}): HAProxy accepts ${rate.allowed} requests per ${rate.windowMs} ms sliding window from one client address; nginx's leaky bucket lets a client back in one request every ${Math.round(1000 / rps!)} ms after a burst, HAProxy only as the window slides`));
    }
  }
  return { acls: [], rules, sections };
}

/** The window that lets a burst through at once and averages `rps`. */
export function rateWindow(rps: number, burst: number): { allowed: number; windowMs: number } {
  const allowed = burst + 1;
  return { allowed, windowMs: Math.ceil((allowed / rps) * 1000) };
}

const CIDR = /^[0-9a-f.:]+\/\d{1,3}$/;
const cidrText = (c: Cidr) => `${c.address}/${c.prefix}`;
/** acl name + "src" + the networks: at most 64 words a line. */
const CIDRS_PER_LINE = 50;

/** allowlist-/whitelist-/denylist-source-range: 403 for a client address denied, or not allowed. */
export function sourceRangeParts(plan: Plan, findings: Finding[]): AccessParts {
  const acls: Line[] = [];
  const rules: Line[] = [];
  let n = 0;
  for (const [ranges, { first, ids }] of groupRuns(plan.runs, (d) => d.policy.sourceRanges)) {
    n++;
    const bad = [...ranges.allow, ...ranges.deny].find((c) => !CIDR.test(cidrText(c)));
    if (bad) {
      findings.push(targetFinding('target-unsafe-value', 'error', sourceOrigin(first, ranges), `source range ${JSON.stringify(cidrText(bad))} is not a network; the routes answer 403 to everyone`));
      rules.push(...forIds(ids, (t) => line(['http-request', 'deny', 'deny_status', '403'], when(t))));
      continue;
    }
    const declare = (name: string, list: Cidr[]) => {
      for (let i = 0; i < list.length; i += CIDRS_PER_LINE) acls.push(line(['acl', name, 'src', ...list.slice(i, i + CIDRS_PER_LINE).map(cidrText)]));
    };
    rules.push(note(`source ranges of Ingress ${first.source.replace(/^Ingress /, '')}`));
    if (ranges.deny.length) {
      declare(`src_deny_${n}`, ranges.deny);
      rules.push(...forIds(ids, (t) => line(['http-request', 'deny', 'deny_status', '403'], when(t, { acl: `src_deny_${n}` }))));
    }
    if (ranges.allow.length) {
      declare(`src_allow_${n}`, ranges.allow);
      rules.push(...forIds(ids, (t) => line(['http-request', 'deny', 'deny_status', '403'], when(t, { acl: `src_allow_${n}`, not: true }))));
    }
  }
  return { acls, rules, sections: [] };
}

function sourceOrigin(d: Decision, r: SourceRanges) {
  return annotationAt(d, r.deny.length && !r.allow.length ? 'denylist-source-range' : 'allowlist-source-range');
}

/** Hash formats HAProxy's userlist checks: crypt(3) (libxcrypt: DES, MD5, SHA-256/512, bcrypt), and plain text. */
const CRYPT: ReadonlySet<HashFormat> = new Set(['des-crypt', 'md5-crypt', 'sha256-crypt', 'sha512-crypt', 'bcrypt']);

/** auth-type: basic: a userlist per Secret; a request without a user of it is answered 401 with the auth-realm. */
export function basicAuthParts(plan: Plan, findings: Finding[]): AccessParts {
  const rules: Line[] = [];
  const lists = new Map<string, Section>();
  for (const [auth, { first, ids }] of groupRuns(plan.runs, (d) => d.policy.basicAuth)) {
    const { namespace, name } = auth.secret;
    const list = isObjectName(namespace) && isObjectName(name) ? `auth_${namespace}_${name}` : `auth_${lists.size + 1}`;
    if (!lists.has(list)) lists.set(list, userlist(list, auth, findings));
    let realm = auth.realm;
    if (/["\\]/.test(realm) || wordProblem(realm)) {
      findings.push(targetFinding('target-unsafe-value', 'error', annotationAt(first, 'auth-realm'), `auth-realm ${JSON.stringify(realm)} cannot be written in a WWW-Authenticate header; an empty realm is sent`));
      realm = '';
    }
    const challenge = logFormatText(`Basic realm="${realm}"`);
    rules.push(...forIds(ids, (t) => line(['http-request', 'return', 'status', '401', 'hdr', 'www-authenticate', challenge], when(t, { not: true, fetch: `http_auth(${list})` }))));
  }
  return { acls: [], rules: rules.length ? [note('basic authentication (auth-type, auth-secret, auth-realm)'), ...rules] : [], sections: [...lists.values()] };
}

function userlist(name: string, auth: BasicAuth, findings: Finding[]): Section {
  const lines: Line[] = [note(`users of Secret ${auth.secret.namespace}/${auth.secret.name}`)];
  const lost: string[] = [];
  for (const u of auth.users) {
    const plain = u.format === 'plain' ? u.hash.slice('{PLAIN}'.length) : undefined;
    if ((!CRYPT.has(u.format) && plain === undefined) || wordProblem(u.name) || wordProblem(u.hash) || u.name.includes(':')) {
      lost.push(`${u.name} (${u.format})`);
      continue;
    }
    lines.push(line(plain !== undefined ? ['user', u.name, 'insecure-password', plain] : ['user', u.name, 'password', u.hash]));
  }
  if (lost.length) {
    const none = lost.length === auth.users.length ? '; no user can log in, every request is answered 401' : '';
    findings.push(targetFinding('target-unsupported', 'warning', auth.origin, `HAProxy checks crypt(3) and {PLAIN} password hashes only: user${lost.length > 1 ? 's' : ''} ${lost.join(', ')} of Secret ${auth.secret.namespace}/${auth.secret.name} cannot log in${none}`, 'Hash the passwords with openssl passwd -6 (SHA-512 crypt), which nginx and HAProxy both check.'));
  }
  return { head: ['userlist', name], lines };
}
