// ingress-nginx annotations the model does not read: nothing renders them, on any target,
// so `render` lists each one with its file:line instead of dropping it silently.
import type { Document } from '../load/document.js';
import { NGINX_PREFIX, SUPPORTED_ANNOTATIONS } from '../model/annotations/index.js';
import { findingAt, type Finding } from '../model/findings.js';
import type { RouteModel } from '../model/types.js';

const SUPPORTED = new Set(SUPPORTED_ANNOTATIONS.map((a) => a.name));

/** Ingresses that contributed to the model (class filtering and invalid rules left the others out). */
function usedIngresses(model: RouteModel): Set<string> {
  const used = new Set<string>();
  const add = (o?: { namespace: string; name: string }) => o && used.add(`${o.namespace}/${o.name}`);
  for (const v of model.hosts) {
    for (const r of v.routes) add(r.origin);
    add(v.defaultBackend?.origin);
  }
  add(model.defaultBackend?.origin);
  return used;
}

export function ignoredAnnotations(documents: readonly Document[], model: RouteModel): Finding[] {
  const used = usedIngresses(model);
  const findings: Finding[] = [];
  for (const doc of documents) {
    if (doc.kind !== 'Ingress' || !used.has(`${doc.namespace}/${doc.name}`)) continue;
    const annotations = doc.obj.metadata?.annotations;
    if (!annotations || typeof annotations !== 'object') continue;
    for (const key of Object.keys(annotations).sort()) {
      if (!key.startsWith(NGINX_PREFIX) || SUPPORTED.has(key.slice(NGINX_PREFIX.length))) continue;
      const snippet = /snippet$/.test(key);
      findings.push(
        findingAt(doc, {
          ruleId: 'annotation-not-translated',
          severity: 'warning',
          path: ['metadata', 'annotations', key],
          at: 'key',
          message: `${key} is not translated: ${snippet ? 'snippets are raw configuration and are never copied into a render' : 'ingressctl does not support this annotation yet'}; it has no effect`,
          hint: snippet ? 'Express the behaviour with a supported annotation, or add it to the rendered file by hand.' : 'Remove it, or check the README for supported annotations.',
        }),
      );
    }
  }
  return findings;
}
