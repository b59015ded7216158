// Canary Ingresses (canary: "true") are not routes of their own: each of their paths is
// attached to the main route with the same host, path and pathType as an alternative
// backend (never a duplicate-route conflict). As in ingress-nginx, a canary
// without a main route is ignored, one route takes one canary, and the main route's
// annotations apply to both.
import { NGINX_PREFIX, SUPPORTED_ANNOTATIONS, type IngressAnnotations } from './annotations/index.js';
import { canarySettings } from './annotations/finish.js';
import { findingAt, type Finding } from '../findings/finding.js';
import type { IngressShape } from './ingress-shape.js';
import { originOf } from './origin.js';
import type { Backend, BackendProtocol, VirtualHost } from './types.js';

export interface CanaryIngress {
  ing: IngressShape;
  ann: IngressAnnotations;
  resolveRef(ref: NonNullable<IngressShape['defaultBackend']>, protocol: BackendProtocol, serviceUpstream: boolean): Backend | undefined;
}

const OWN = new Set(SUPPORTED_ANNOTATIONS.map((a) => a.name).filter((n) => n === 'canary' || n.startsWith('canary-')));

export function attachCanaries(canaries: readonly CanaryIngress[], vhosts: ReadonlyMap<string, VirtualHost>): Finding[] {
  const findings: Finding[] = [];
  for (const { ing, ann, resolveRef } of canaries) {
    const { doc } = ing;
    const settings = canarySettings(ann);
    const keys = Object.keys((doc.obj.metadata?.annotations as Record<string, unknown> | undefined) ?? {}).sort();
    for (const k of keys) {
      const name = k.startsWith(NGINX_PREFIX) ? k.slice(NGINX_PREFIX.length) : '';
      if (OWN.has(name) || !SUPPORTED_ANNOTATIONS.some((a) => a.name === name)) continue;
      findings.push(findingAt(doc, { ruleId: 'canary-ingress', path: ['metadata', 'annotations', k], at: 'key', message: `${k} has no effect on a canary Ingress: the main Ingress's annotations apply to its routes`, hint: 'Set it on the main Ingress.' }));
    }
    if (ing.defaultBackend) {
      findings.push(findingAt(doc, { ruleId: 'canary-ingress', path: ing.defaultBackend.path, message: 'the defaultBackend of a canary Ingress is not used', hint: 'Canary Ingresses only add alternative backends to paths of other Ingresses.' }));
    }
    for (const rule of ing.rules) {
      const vhost = vhosts.get(rule.host);
      for (const p of rule.paths) {
        if (!p.pathType || !p.backend) continue;
        const value = p.pathType === 'ImplementationSpecific' && p.path === '' ? '/' : p.path;
        const main = vhost?.routes.find((r) => r.match.pathType === p.pathType && r.match.value === value);
        const where = `${rule.host || '(any host)'} ${value} (${p.pathType})`;
        if (!main) {
          findings.push(findingAt(doc, { ruleId: 'canary-ingress', path: [...p.fieldPath, 'path'], message: `canary for ${where}, but no Ingress without canary has that host, path and pathType; it is ignored`, hint: 'A canary Ingress must repeat the host, path and pathType of the main Ingress.' }));
          continue;
        }
        if (main.canary) {
          findings.push(findingAt(doc, { ruleId: 'canary-ingress', path: [...p.fieldPath, 'path'], message: `${where} already has a canary (Ingress ${main.canary.origin.namespace}/${main.canary.origin.name}); one route takes one canary, so this one is ignored`, hint: 'Keep one canary Ingress per path.' }));
          continue;
        }
        const backend = resolveRef(p.backend, main.backend.protocol, main.policy.serviceUpstream);
        if (!backend) continue;
        main.canary = { backend, ...settings, origin: originOf(doc, p.fieldPath) };
      }
    }
  }
  return findings;
}
