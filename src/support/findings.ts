// What a target does not honour, or only approximately, for the Ingresses in the model:
// every ingress-nginx annotation with its file:line (render, lint --target). Nothing is
// dropped silently: annotations the model does not read are reported too.
import type { Document } from '../load/document.js';
import { NGINX_PREFIX, SUPPORTED_ANNOTATIONS } from '../model/annotations/index.js';
import { findingAt, findingAtOrigin, type Finding } from '../findings/finding.js';
import type { RouteModel } from '../model/types.js';
import { HASHES, MATRIX, type SupportTarget } from './matrix.js';

const READ = new Set(SUPPORTED_ANNOTATIONS.map((a) => a.name));
export const SNIPPETS = new Set(['configuration-snippet', 'server-snippet', 'auth-snippet', 'stream-snippet', 'modsecurity-snippet']);

/** Ingresses that contributed to the model (class filtering and invalid rules left the others out), canaries included. */
export function usedIngresses(model: RouteModel): Set<string> {
  const used = new Set<string>();
  const add = (o?: { namespace: string; name: string }) => o && used.add(`${o.namespace}/${o.name}`);
  // an Ingress's routes come one after another: its key is made once per run, not per route (100,000 routes)
  let namespace: string | undefined;
  let name: string | undefined;
  for (const v of model.hosts) {
    for (const r of v.routes) {
      const o = r.origin;
      if (o.name !== name || o.namespace !== namespace) {
        namespace = o.namespace;
        name = o.name;
        add(o);
      }
      if (r.canary) add(r.canary.origin);
    }
    add(v.defaultBackend?.origin);
    add(v.appRoot?.origin);
  }
  for (const r of model.hostRedirects ?? []) add(r.origin);
  add(model.defaultBackend?.origin);
  return used;
}

export interface TargetFindingOptions {
  /** --allow-snippets (nginx): snippets are reported by the emitter, not here */
  allowSnippets?: boolean;
}

/** What an annotation key means for a target: nothing to report, or a finding (without its place). */
type KeyFinding = { ruleId: Finding['ruleId']; severity: Finding['severity']; message: string; hint?: string } | null;

function keyFinding(key: string, target: SupportTarget, options: TargetFindingOptions): KeyFinding {
  const name = key.slice(NGINX_PREFIX.length);
  if (SNIPPETS.has(name)) {
    if (options.allowSnippets && target === 'nginx') return null;
    return { ruleId: 'annotation-not-translated', severity: 'warning', message: `${key} is not translated: snippets are raw configuration and are never copied into a ${target} configuration${target === 'nginx' ? ' (unless --allow-snippets)' : ''}; it has no effect`, hint: 'Express the behaviour with a supported annotation.' };
  }
  if (!READ.has(name)) {
    return { ruleId: 'annotation-not-translated', severity: 'warning', message: `${key} is not translated: ingressctl does not support this annotation; it has no effect`, hint: 'Remove it, or see docs/annotations.md for the supported set.' };
  }
  const s = MATRIX[name][target];
  if (s.level === 'unsupported') {
    return { ruleId: 'annotation-not-translated', severity: 'warning', message: `${key} is not honoured by ${target}${s.note ? `: ${s.note}` : ''}`, hint: 'See docs/annotations.md for what each target supports.' };
  }
  if (s.level === 'approximate') return { ruleId: 'annotation-approximate', severity: 'info', message: `${key} is only approximate on ${target}: ${s.note}` };
  return null;
}

export function annotationFindings(documents: readonly Document[], model: RouteModel, target: SupportTarget, options: TargetFindingOptions = {}): Finding[] {
  const used = usedIngresses(model);
  const findings: Finding[] = [];
  // what a key means, decided once per key (10,000 Ingresses carry the same few keys)
  const byKey = new Map<string, KeyFinding>();
  for (const doc of documents) {
    if (doc.kind !== 'Ingress' || !used.has(`${doc.namespace}/${doc.name}`)) continue;
    const annotations = doc.obj.metadata?.annotations;
    if (!annotations || typeof annotations !== 'object') continue;
    for (const key of Object.keys(annotations).sort()) {
      if (!key.startsWith(NGINX_PREFIX)) continue;
      let f = byKey.get(key);
      if (f === undefined) byKey.set(key, (f = keyFinding(key, target, options)));
      if (!f) continue;
      findings.push(findingAt(doc, { ruleId: f.ruleId, severity: f.severity, path: ['metadata', 'annotations', key], at: 'key', message: f.message, ...(f.hint !== undefined ? { hint: f.hint } : {}) }));
    }
  }
  return [...findings, ...hashFindings(model, target)];
}

/** Users of auth-secret whose hash format the target cannot check: they cannot log in there. */
export function hashFindings(model: RouteModel, target: SupportTarget): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const v of model.hosts) {
    for (const r of v.routes) {
      const auth = r.policy.basicAuth;
      if (!auth) continue;
      const id = `${r.origin.namespace}/${r.origin.name}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const lost = auth.users.filter((u) => !HASHES[u.format][target]);
      if (!lost.length) continue;
      const formats = [...new Set(lost.map((u) => u.format))].join(', ');
      findings.push(findingAtOrigin(auth.origin, { ruleId: 'annotation-approximate', severity: 'warning', message: `${target} cannot check ${formats} password hashes: user${lost.length > 1 ? 's' : ''} ${lost.map((u) => u.name).join(', ')} of Secret ${auth.secret.namespace}/${auth.secret.name} cannot log in there`, hint: 'Hash the passwords in a format every target checks, e.g. {SHA} or $apr1$ (see docs/annotations.md).' }));
    }
  }
  return findings;
}
