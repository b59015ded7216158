// The annotations that name other objects: auth-secret (an htpasswd file in a Secret) and
// default-backend (a Service). Resolved once per Ingress, with findings at the annotation.
import type { Document } from '../load/document.js';
import { NGINX_PREFIX, type IngressAnnotations } from './annotations/index.js';
import { resolveBackend, type ResolveBackendContext } from './backends.js';
import { findingAt, type Finding } from '../findings/finding.js';
import { parseHtpasswd } from './htpasswd.js';
import { arr, field, key, str, type ObjectIndex } from './objects.js';
import { originOf } from './origin.js';

const at = (name: string) => ['metadata', 'annotations', NGINX_PREFIX + name];

/** auth-type: basic → policy.basicAuth with the Secret's users; a Secret that cannot be used closes the routes. */
export function resolveBasicAuth(doc: Document, ann: IngressAnnotations, objects: ObjectIndex): Finding[] {
  const ref = ann.auth.secret;
  if (ann.auth.type !== 'basic' || !ref || ann.policy.denied) return [];
  const findings: Finding[] = [];
  const namespace = ref.namespace ?? doc.namespace;
  const label = `${namespace}/${ref.name}`;
  const refuse = (message: string, hint: string) => {
    ann.policy.denied = `auth-secret ${label}: ${message}`;
    findings.push(findingAt(doc, { ruleId: 'auth-secret', path: at('auth-secret'), message: `${NGINX_PREFIX}auth-secret: Secret ${label} ${message}; the routes of this Ingress answer 503 (closed rather than left open)`, hint }));
    return findings;
  };
  const secret = objects.secrets.get(key(namespace, ref.name));
  if (!secret) return refuse('is not in the input', 'Add the Secret (an htpasswd file in its `auth` key).');
  const text = secretText(secret, 'auth');
  if (text === undefined) return refuse('has no `auth` key (auth-secret-type auth-file)', 'Put the htpasswd file in the `auth` key of the Secret.');
  const parsed = parseHtpasswd(text);
  for (const p of parsed.problems) {
    findings.push(findingAt(doc, { ruleId: 'auth-secret-user', path: at('auth-secret'), message: `${NGINX_PREFIX}auth-secret: line ${p.line} of Secret ${label} key auth: ${p.reason}; it is left out`, hint: 'Write users as user:hash, with hashes from htpasswd or openssl passwd.' }));
  }
  if (!parsed.users.length) return refuse('holds no user with a usable password hash', 'Write users as user:hash, with hashes from htpasswd or openssl passwd.');
  ann.policy.basicAuth = { realm: ann.auth.realm ?? '', secret: { namespace, name: ref.name }, users: parsed.users, origin: originOf(doc, at('auth-secret')) };
  return findings;
}

/** A Secret value: `stringData` as written, `data` base64-decoded; undefined when absent or not valid base64. */
function secretText(secret: Document, name: string): string | undefined {
  const plain = str(field(secret.obj, 'stringData', name));
  if (plain !== undefined) return plain;
  const b64 = str(field(secret.obj, 'data', name));
  if (b64 === undefined || !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(b64)) return undefined;
  return Buffer.from(b64, 'base64').toString('utf8');
}

/** default-backend: the Service's first port, resolved as any backend (findings at the annotation). */
export function resolveFallbackBackend(doc: Document, ann: IngressAnnotations, ctx: ResolveBackendContext): Finding[] {
  const name = ann.defaultBackendService;
  if (!name) return [];
  const svc = ctx.objects.services.get(key(doc.namespace, name));
  const first = arr(field(svc?.obj, 'spec', 'ports'))[0];
  const port = field(first, 'port');
  if (!svc || typeof port !== 'number') {
    const why = svc ? 'has no ports' : 'is not in the input';
    // without any Service in the input only the port is unknown (as for a named port); else the Service is missing
    if (!svc && !ctx.servicesGiven) return [findingAt(doc, { ruleId: 'service-port-unresolved', path: at('default-backend'), message: `${NGINX_PREFIX}default-backend: the first port of Service ${doc.namespace}/${name} cannot be resolved without the Service; not applied`, hint: 'Give the Service manifest too.' })];
    return [findingAt(doc, { ruleId: 'service-not-found', path: at('default-backend'), message: `${NGINX_PREFIX}default-backend: Service ${doc.namespace}/${name} ${why} (its first port is used); not applied`, hint: 'Add the Service manifest, or fix the name.' })];
  }
  const r = resolveBackend({ service: { name, port: { number: port } }, path: at('default-backend') }, { ...ctx, doc, protocol: 'http' });
  if (r.backend) ann.policy.fallbackBackend = r.backend;
  return r.findings;
}
