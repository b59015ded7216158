// Generated manifest sets for the injection fuzz. A case is a template: the objects as
// JSON, where every string a manifest author controls and that can reach a config is a
// Slot. Materialising the template with the identity gives the hostile manifests; with
// twin() (twin.ts) it gives the same manifests with each hostile value replaced by a
// benign placeholder that the model and the emitters treat the same way.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NGINX_PREFIX } from '../../src/model/annotations/index.js';
import { benignOr, hostileString } from './hostile.js';

export type SlotKind = 'name' | 'host' | 'tlsHost' | 'path' | 'dns' | 'annotation';

export interface Slot {
  slot: SlotKind;
  v: string;
  /** paths: the Ingress (index among the case's Ingresses) whose annotations decide regex or not */
  ingress?: number;
  pathType?: string;
}

export type Template = string | number | boolean | Slot | Template[] | { [key: string]: Template };

const isSlot = (t: Template): t is Slot => typeof t === 'object' && t !== null && !Array.isArray(t) && 'slot' in t;

export function slotsOf(t: Template, out: Slot[] = []): Slot[] {
  if (isSlot(t)) out.push(t);
  else if (Array.isArray(t)) t.forEach((x) => slotsOf(x, out));
  else if (t && typeof t === 'object') Object.values(t).forEach((x) => slotsOf(x, out));
  return out;
}

export function materialize(t: Template, f: (s: Slot) => string): unknown {
  if (isSlot(t)) return f(t);
  if (Array.isArray(t)) return t.map((x) => materialize(x, f));
  if (t && typeof t === 'object') return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, materialize(v, f)]));
  return t;
}

/** Manifests as YAML: one JSON document each (JSON is YAML), so every value is a double-quoted scalar with escapes. */
export function manifestText(objects: unknown[]): string {
  return objects.map((o) => `---\n${JSON.stringify(o)}\n`).join('');
}

const fixtureSecret = readFileSync(join(__dirname, '../../fixtures/cafe/cafe-secret.yaml'), 'utf8');
/** The fixtures' certificate and key (base64), so that TLS Secrets are usable and their files get written. */
export const TLS_DATA = {
  crt: /tls\.crt: (\S+)/.exec(fixtureSecret)![1],
  key: /tls\.key: (\S+)/.exec(fixtureSecret)![1],
};

const slot = (kind: SlotKind) => (v: string): Slot => ({ slot: kind, v });

const name = fc.oneof({ arbitrary: fc.constantFrom('svc-a', 'svc-b', 'tls-a', 'default', 'team-1', 'web.v2'), weight: 6 }, { arbitrary: hostileString(), weight: 1 });
const host = benignOr(['a.example.com', 'b.example.com', '*.w.example.com', 'x.w.example.com', 'A.example.com', 'a'.repeat(63) + '.' + 'b'.repeat(63) + '.example.com'], fc.oneof(hostileString(), hostileString({ prefix: fc.constantFrom('a.example.com', '*.', 'a') })), 1);
const path = benignOr(
  ['/', '/a', '/a/', '/a/b', '/api', '', '/api/(.*)', '/x[0-9]+', '/(a|b)/c', '/a{2}', '/v1/.*', '/a;b', "/q'x", '/%41', '/a//b'],
  fc.oneof(hostileString({ prefix: fc.constantFrom('/', '/a', '/api/(', '') }), hostileString()),
  2,
);
const dns = benignOr(['db.example.com', 'db.example.com.', '10.0.0.1', 'fd00::1', 'UP.Example.COM'], hostileString(), 1);

const ANNOTATION_VALUES: Record<string, string[]> = {
  'use-regex': ['true', 'false'],
  'rewrite-target': ['/', '/$1', '/api/$2', '/x?y=1', "/a'b", '/%41'],
  'ssl-redirect': ['true', 'false'],
  'force-ssl-redirect': ['true', 'false'],
  'proxy-body-size': ['0', '8m', '512k', '1g', '100', '8192'],
  'proxy-connect-timeout': ['1', '5', '0', '30s'],
  'proxy-read-timeout': ['60', '120s', '0', '7'],
  'proxy-send-timeout': ['60', '90', '3s'],
  'backend-protocol': ['HTTP', 'HTTPS', 'GRPC', 'GRPCS', 'https'],
};

const annotation = (key: string) =>
  fc.tuple(
    fc.constant(NGINX_PREFIX + key),
    benignOr(ANNOTATION_VALUES[key], fc.oneof(hostileString(), hostileString({ prefix: fc.constantFrom(...ANNOTATION_VALUES[key]) }), hostileString().map((h) => ANNOTATION_VALUES[key][0] + h + ANNOTATION_VALUES[key][0])), 2).map(slot('annotation')),
  );

const port = fc.oneof(fc.constantFrom(80, 443, 8080).map((n) => ({ number: n }) as Template), fc.nat(3).map((i) => ({ nameRef: i }) as Template));

const pathEntry = fc.record({
  path,
  pathType: fc.constantFrom('Exact', 'Prefix', 'ImplementationSpecific'),
  svc: fc.nat(3),
  port,
});

const ingressArb = fc.record({
  ns: fc.nat(2),
  name,
  annotations: fc.uniqueArray(fc.constantFrom(...Object.keys(ANNOTATION_VALUES)), { maxLength: 4 }).chain((keys) => fc.tuple(...keys.map(annotation))),
  tls: fc.option(fc.record({ hosts: fc.array(fc.oneof(fc.nat(3), host), { maxLength: 3 }), secret: fc.nat(2) }), { freq: 2 }),
  rules: fc.array(fc.record({ host: fc.option(host, { freq: 5 }), paths: fc.array(pathEntry, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 2 }),
  defaultBackend: fc.option(fc.record({ svc: fc.nat(3), port }), { freq: 4 }),
});

const serviceArb = fc.record({
  ns: fc.nat(2),
  svc: fc.nat(3),
  external: fc.option(dns, { freq: 3 }),
  ports: fc.array(fc.record({ name: fc.option(fc.nat(3), { freq: 3 }), port: fc.constantFrom(80, 443, 8080) }), { minLength: 1, maxLength: 3 }),
});

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

export interface CaseSpec {
  namespaces: string[];
  services: string[];
  secrets: string[];
  portNames: string[];
  ingresses: ValueOf<typeof ingressArb>[];
  serviceObjects: ValueOf<typeof serviceArb>[];
  secretObjects: { ns: number; secret: number }[];
}

export const caseArb: fc.Arbitrary<CaseSpec> = fc.record({
  namespaces: fc.array(name, { minLength: 1, maxLength: 3 }),
  services: fc.array(name, { minLength: 1, maxLength: 4 }),
  secrets: fc.array(name, { minLength: 1, maxLength: 3 }),
  portNames: fc.array(name, { minLength: 1, maxLength: 4 }),
  ingresses: fc.array(ingressArb, { minLength: 1, maxLength: 3 }),
  serviceObjects: fc.array(serviceArb, { maxLength: 3 }),
  secretObjects: fc.array(fc.record({ ns: fc.nat(2), secret: fc.nat(2) }), { maxLength: 2 }),
}) as fc.Arbitrary<CaseSpec>;

const pick = <T>(list: T[], i: number): T => list[i % list.length];

/** The template of a case: Ingresses, Services, TLS Secrets. */
export function templateOf(c: CaseSpec): Template[] {
  const ns = (i: number) => slot('name')(pick(c.namespaces, i));
  const svc = (i: number) => slot('name')(pick(c.services, i));
  const backend = (b: { svc: number; port: Template }): Template => {
    const p = b.port as { number?: number; nameRef?: number };
    return { service: { name: svc(b.svc), port: p.number !== undefined ? { number: p.number } : { name: slot('name')(pick(c.portNames, p.nameRef!)) } } };
  };
  const objects: Template[] = [];
  c.ingresses.forEach((ing, index) => {
    const ruleHosts = ing.rules.map((r) => r.host).filter((h): h is string => h !== null);
    const spec: Record<string, Template> = {
      rules: ing.rules.map((r) => ({
        ...(r.host !== null ? { host: slot('host')(r.host) } : {}),
        http: { paths: r.paths.map((p) => ({ path: { slot: 'path', v: p.path, ingress: index, pathType: p.pathType } as Slot, pathType: p.pathType, backend: backend(p) })) },
      })),
    };
    if (ing.tls) {
      spec.tls = [{ hosts: ing.tls.hosts.map((h) => slot('tlsHost')(typeof h === 'number' ? (ruleHosts.length ? pick(ruleHosts, h) : 'a.example.com') : h)), secretName: slot('name')(pick(c.secrets, ing.tls.secret)) }];
    }
    if (ing.defaultBackend) spec.defaultBackend = backend(ing.defaultBackend);
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      // distinct creation times: the older Ingress decides conflicts, never the (hostile) names
      metadata: { name: slot('name')(ing.name), namespace: ns(ing.ns), creationTimestamp: new Date(Date.UTC(2024, 0, 1 + index)).toISOString().replace('.000', ''), ...(ing.annotations.length ? { annotations: Object.fromEntries(ing.annotations) } : {}) },
      spec,
    });
  });
  for (const s of c.serviceObjects) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: svc(s.svc), namespace: ns(s.ns) },
      spec: {
        ...(s.external !== null ? { type: 'ExternalName', externalName: slot('dns')(s.external) } : {}),
        ports: s.ports.map((p) => ({ ...(p.name !== null ? { name: slot('name')(pick(c.portNames, p.name)) } : {}), port: p.port })),
      },
    });
  }
  for (const s of c.secretObjects) {
    objects.push({ apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: slot('name')(pick(c.secrets, s.secret)), namespace: ns(s.ns) }, data: { 'tls.crt': TLS_DATA.crt, 'tls.key': TLS_DATA.key } });
  }
  return objects;
}
