// Annotations → IngressAnnotations: each supported ingress-nginx annotation is parsed
// and validated here, once; invalid values become findings and are never applied.
import type { Document } from '../../load/document.js';
import { findingAt, type Finding } from '../../findings/finding.js';
import { defaultPolicy } from '../policy.js';
import { emptyAnnotations, NGINX_PREFIX, unsafeCharacter, type AnnotationSpec, type IngressAnnotations } from './types.js';
import { finishAnnotations } from './finish.js';
import { useRegex } from './use-regex.js';
import { rewriteTarget } from './rewrite-target.js';
import { appRoot } from './app-root.js';
import { xForwardedPrefix } from './x-forwarded-prefix.js';
import { sslRedirect } from './ssl-redirect.js';
import { forceSslRedirect } from './force-ssl-redirect.js';
import { permanentRedirect } from './permanent-redirect.js';
import { permanentRedirectCode } from './permanent-redirect-code.js';
import { temporalRedirect } from './temporal-redirect.js';
import { temporalRedirectCode } from './temporal-redirect-code.js';
import { fromToWwwRedirect } from './from-to-www-redirect.js';
import { backendProtocol } from './backend-protocol.js';
import { upstreamVhost } from './upstream-vhost.js';
import { serviceUpstream } from './service-upstream.js';
import { proxyConnectTimeout } from './proxy-connect-timeout.js';
import { proxySendTimeout } from './proxy-send-timeout.js';
import { proxyReadTimeout } from './proxy-read-timeout.js';
import { proxyBodySize } from './proxy-body-size.js';
import { defaultBackend } from './default-backend.js';
import { allowlistSourceRange } from './allowlist-source-range.js';
import { whitelistSourceRange } from './whitelist-source-range.js';
import { denylistSourceRange } from './denylist-source-range.js';
import { authType } from './auth-type.js';
import { authSecret } from './auth-secret.js';
import { authRealm } from './auth-realm.js';
import { enableCors } from './enable-cors.js';
import { corsAllowOrigin } from './cors-allow-origin.js';
import { corsAllowMethods } from './cors-allow-methods.js';
import { corsAllowHeaders } from './cors-allow-headers.js';
import { corsAllowCredentials } from './cors-allow-credentials.js';
import { corsMaxAge } from './cors-max-age.js';
import { corsExposeHeaders } from './cors-expose-headers.js';
import { canary } from './canary.js';
import { canaryWeight } from './canary-weight.js';
import { canaryWeightTotal } from './canary-weight-total.js';
import { canaryByHeader } from './canary-by-header.js';
import { canaryByHeaderValue } from './canary-by-header-value.js';
import { canaryByHeaderPattern } from './canary-by-header-pattern.js';
import { canaryByCookie } from './canary-by-cookie.js';
import { affinity } from './affinity.js';
import { sessionCookieName } from './session-cookie-name.js';
import { sessionCookieMaxAge } from './session-cookie-max-age.js';
import { sessionCookiePath } from './session-cookie-path.js';
import { limitRps } from './limit-rps.js';
import { limitConnections } from './limit-connections.js';

export { NGINX_PREFIX, type IngressAnnotations } from './types.js';

/** Every annotation the model reads, in the order of the set (docs and the support matrix list them so). */
export const SUPPORTED_ANNOTATIONS: readonly AnnotationSpec<any>[] = [
  useRegex, rewriteTarget, appRoot, xForwardedPrefix,
  sslRedirect, forceSslRedirect, permanentRedirect, permanentRedirectCode, temporalRedirect, temporalRedirectCode, fromToWwwRedirect,
  backendProtocol, upstreamVhost, serviceUpstream, proxyConnectTimeout, proxySendTimeout, proxyReadTimeout, proxyBodySize, defaultBackend,
  allowlistSourceRange, whitelistSourceRange, denylistSourceRange, authType, authSecret, authRealm,
  enableCors, corsAllowOrigin, corsAllowMethods, corsAllowHeaders, corsAllowCredentials, corsMaxAge, corsExposeHeaders,
  canary, canaryWeight, canaryWeightTotal, canaryByHeader, canaryByHeaderValue, canaryByHeaderPattern, canaryByCookie,
  affinity, sessionCookieName, sessionCookieMaxAge, sessionCookiePath,
  limitRps, limitConnections,
];

const byName = new Map(SUPPORTED_ANNOTATIONS.map((a) => [a.name, a]));

export function readAnnotations(doc: Document): { result: IngressAnnotations; findings: Finding[] } {
  const result = emptyAnnotations(defaultPolicy());
  const findings: Finding[] = [];
  const present = new Set<string>();
  const annotations = doc.obj.metadata?.annotations;
  if (!annotations || typeof annotations !== 'object') return { result, findings };
  for (const [key, raw] of Object.entries(annotations as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) {
    if (!key.startsWith(NGINX_PREFIX)) continue;
    const spec = byName.get(key.slice(NGINX_PREFIX.length));
    if (!spec) continue;
    const path = ['metadata', 'annotations', key];
    if (typeof raw !== 'string') continue; // the schema reports non-string values
    present.add(spec.name);
    const value = raw.trim();
    const bad = spec.ownCharacters ? undefined : unsafeCharacter(value);
    const parsed = bad ? { ok: false as const, message: `contains ${bad}, which is never allowed in an annotation value` } : spec.parse(value);
    if (!parsed.ok) {
      const effect = spec.invalid ? spec.invalid(result, parsed.message) : '; ignored';
      findings.push(findingAt(doc, { ruleId: 'annotation-value', message: `${key}: ${parsed.message}${effect}`, hint: parsed.hint, path }));
      continue;
    }
    spec.apply(result, parsed.value);
  }
  findings.push(...finishAnnotations(doc, result, present));
  return { result, findings };
}
