// The annotations that only mean something together (a redirect and its code, the CORS
// set, the canary set…), combined into RoutePolicy once all of an Ingress's are read.
import type { Document } from '../../load/document.js';
import { findingAt, type Finding } from '../../findings/finding.js';
import type { CorsPolicy } from '../policy.js';
import { fixedRedirect } from '../redirect.js';
import type { CanaryHeader } from '../types.js';
import { NGINX_PREFIX, type IngressAnnotations } from './types.js';

/** ingress-nginx's CORS defaults. */
export const CORS_DEFAULTS: Omit<CorsPolicy, 'origins'> = {
  methods: 'GET, PUT, POST, DELETE, PATCH, OPTIONS',
  headers: 'DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization',
  exposeHeaders: '',
  credentials: true,
  maxAge: 1728000,
};

export const DEFAULT_AFFINITY_COOKIE = 'INGRESSCOOKIE';
/** ingress-nginx's limit-burst-multiplier default */
export const BURST_MULTIPLIER = 5;

/** The canary settings of a canary Ingress, before its backend is attached to the main route. */
export interface CanarySettings {
  header?: CanaryHeader;
  cookie?: string;
  weight: number;
  weightTotal: number;
}

export function finishAnnotations(doc: Document, a: IngressAnnotations, present: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  const note = (name: string, message: string) =>
    findings.push(findingAt(doc, { ruleId: 'annotation-no-effect', path: ['metadata', 'annotations', NGINX_PREFIX + name], at: 'key', message: `${NGINX_PREFIX}${name}: ${message}` }));
  const p = a.policy;

  const r = a.redirect;
  if (r.temporal) a.filters.redirect = fixedRedirect(r.temporal, (r.temporalCode ?? 302) as 302, 'temporal-redirect');
  else if (r.permanent) a.filters.redirect = fixedRedirect(r.permanent, (r.permanentCode ?? 301) as 301, 'permanent-redirect');
  if (r.temporal && r.permanent) note('permanent-redirect', 'has no effect: temporal-redirect is set too, and wins');
  for (const [code, url] of [['permanent-redirect-code', r.permanent], ['temporal-redirect-code', r.temporal]] as const) {
    if (present.has(code) && !url) note(code, `has no effect without ${code.replace(/-code$/, '')}`);
  }

  const allow = a.ranges.allow ?? a.ranges.whitelist;
  if (a.ranges.allow && a.ranges.whitelist) note('whitelist-source-range', 'has no effect: allowlist-source-range is set too, and wins');
  if (allow?.length || a.ranges.deny?.length) p.sourceRanges = { allow: allow ?? [], deny: a.ranges.deny ?? [] };

  if (a.cors.enabled) {
    const c = a.cors;
    p.cors = {
      origins: c.origins ?? '*',
      methods: c.methods ?? CORS_DEFAULTS.methods,
      headers: c.headers ?? CORS_DEFAULTS.headers,
      exposeHeaders: c.exposeHeaders ?? CORS_DEFAULTS.exposeHeaders,
      credentials: c.credentials ?? CORS_DEFAULTS.credentials,
      maxAge: c.maxAge ?? CORS_DEFAULTS.maxAge,
    };
  } else {
    for (const name of present) if (name.startsWith('cors-')) note(name, 'has no effect without enable-cors: "true"');
  }

  if (a.affinity.type === 'cookie') {
    p.affinity = {
      cookieName: a.affinity.cookieName ?? DEFAULT_AFFINITY_COOKIE,
      ...(a.affinity.maxAge !== undefined ? { maxAge: a.affinity.maxAge } : {}),
      ...(a.affinity.path !== undefined ? { path: a.affinity.path } : {}),
    };
  } else {
    for (const name of present) if (name.startsWith('session-cookie-')) note(name, 'has no effect without affinity: cookie');
  }

  const { rps, connections } = a.limits;
  if (rps || connections) {
    p.rateLimit = {
      zone: `${doc.namespace}/${doc.name}`,
      ...(rps ? { rps, burst: rps * BURST_MULTIPLIER } : {}),
      ...(connections ? { connections } : {}),
      status: 503,
    };
  }

  if (a.auth.type === 'basic' && !a.auth.secret) a.denied ??= 'auth-type is basic but auth-secret names no Secret';
  if (a.auth.type === undefined) {
    for (const name of ['auth-secret', 'auth-realm']) if (present.has(name)) note(name, 'has no effect without auth-type: basic');
  }

  if (!a.canary.enabled) {
    for (const name of present) if (name.startsWith('canary-')) note(name, 'has no effect without canary: "true"');
  } else {
    const c = a.canary;
    if (c.headerValue !== undefined && c.header === undefined) note('canary-by-header-value', 'has no effect without canary-by-header');
    if (c.headerPattern !== undefined && (c.header === undefined || c.headerValue !== undefined)) note('canary-by-header-pattern', c.header === undefined ? 'has no effect without canary-by-header' : 'has no effect: canary-by-header-value is set too, and wins');
    if ((c.weight ?? 0) > (c.weightTotal ?? 100)) note('canary-weight', `${c.weight} is more than canary-weight-total (${c.weightTotal ?? 100}); every request goes to the canary`);
  }

  if (a.denied) p.denied = a.denied;
  return findings;
}

/** The canary settings of an Ingress with canary: "true". */
export function canarySettings(a: IngressAnnotations): CanarySettings {
  const c = a.canary;
  const total = c.weightTotal ?? 100;
  const header: CanaryHeader | undefined =
    c.header === undefined ? undefined : c.headerValue !== undefined ? { name: c.header, kind: 'value', value: c.headerValue } : c.headerPattern !== undefined ? { name: c.header, kind: 'pattern', pattern: c.headerPattern } : { name: c.header, kind: 'always-never' };
  return { ...(header ? { header } : {}), ...(c.cookie ? { cookie: c.cookie } : {}), weight: Math.min(c.weight ?? 0, total), weightTotal: total };
}
