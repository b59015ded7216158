// Annotations → IngressAnnotations: each supported ingress-nginx annotation is parsed
// and validated here, once; invalid values become findings and are never applied.
import type { Document } from '../../load/document.js';
import { findingAt, type Finding } from '../findings.js';
import { defaultPolicy } from '../policy.js';
import { NGINX_PREFIX, unsafeCharacter, type AnnotationSpec, type IngressAnnotations } from './types.js';
import { useRegex } from './use-regex.js';
import { rewriteTarget } from './rewrite-target.js';
import { sslRedirect, forceSslRedirect } from './ssl-redirect.js';
import { proxyBodySize, proxyConnectTimeout, proxyReadTimeout, proxySendTimeout } from './proxy-limits.js';
import { backendProtocol } from './backend-protocol.js';

export { NGINX_PREFIX, type IngressAnnotations } from './types.js';

export const SUPPORTED_ANNOTATIONS: readonly AnnotationSpec<any>[] = [
  useRegex,
  rewriteTarget,
  sslRedirect,
  forceSslRedirect,
  proxyBodySize,
  proxyConnectTimeout,
  proxyReadTimeout,
  proxySendTimeout,
  backendProtocol,
];

const byName = new Map(SUPPORTED_ANNOTATIONS.map((a) => [a.name, a]));

export function readAnnotations(doc: Document): { result: IngressAnnotations; findings: Finding[] } {
  const result: IngressAnnotations = { policy: defaultPolicy(), useRegex: false, protocol: 'http' };
  const findings: Finding[] = [];
  const annotations = doc.obj.metadata?.annotations;
  if (!annotations || typeof annotations !== 'object') return { result, findings };
  for (const [key, raw] of Object.entries(annotations as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) {
    if (!key.startsWith(NGINX_PREFIX)) continue;
    const spec = byName.get(key.slice(NGINX_PREFIX.length));
    if (!spec) continue;
    const path = ['metadata', 'annotations', key];
    if (typeof raw !== 'string') continue; // the schema reports non-string values
    const value = raw.trim();
    const bad = unsafeCharacter(value);
    const parsed = bad ? { ok: false as const, message: `contains ${bad}, which is never allowed in an annotation value` } : spec.parse(value);
    if (!parsed.ok) {
      findings.push(findingAt(doc, { ruleId: 'annotation-value', severity: 'error', message: `${key}: ${parsed.message}; ignored`, hint: parsed.hint, path }));
      continue;
    }
    spec.apply(result, parsed.value);
  }
  return { result, findings };
}
