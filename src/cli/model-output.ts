// `routes -o json|yaml` written host by host: the same text as serialising modelJson whole,
// without building the whole model as data and as one string (10k Ingresses: 120 MB).
import { dump } from 'js-yaml';
import { backendJson, gatewayJson, modelJson, modelTailJson, originJson, policyJson, routeJson, vhostJson } from '../model/serialize.js';
import type { Backend, Origin, Route, RouteModel, VirtualHost, WeightedBackend } from '../model/types.js';
import { GatewayRouteWriter } from '../gateway/routes-json.js';

/** JSON text of `value` as JSON.stringify(…, null, 2) writes it where its first line follows a key at indentation `indent`. */
function jsonAt(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, '\n' + indent);
}

/** A string as JSON, remembered while the same one comes again (origins come file by file, object by object). */
class LastJson {
  private last: string | undefined;
  private json = '';
  of(v: string): string {
    if (v !== this.last) {
      this.last = v;
      this.json = JSON.stringify(v);
    }
    return this.json;
  }
}
const fileJson = new LastJson();
const kindJson = new LastJson();
const namespaceJson = new LastJson();
const nameJson = new LastJson();

/** jsonAt(originJson(o), indent), written directly: every route and weighted backend has one. */
function originAt(o: Origin, indent: string): string {
  if (o.file === undefined || o.namespace === undefined || o.field === undefined || typeof o.line !== 'number' || typeof o.column !== 'number') return jsonAt(originJson(o), indent);
  const i = indent + '  ';
  const s = JSON.stringify;
  return `{\n${i}"kind": ${kindJson.of(o.kind)},\n${i}"namespace": ${namespaceJson.of(o.namespace)},\n${i}"name": ${nameJson.of(o.name)},\n${i}"file": ${fileJson.of(o.file)},\n${i}"line": ${jsonNumber(o.line)},\n${i}"column": ${jsonNumber(o.column)},\n${i}"field": ${s(o.field)}\n${indent}}`;
}

/** A number as JSON writes it (non-finite numbers are null). */
function jsonNumber(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

const MATCH_KEYS = ['kind', 'value', 'pathType'];

/** jsonAt(m, indent) for a match of the usual shape (kind, value and pathType, all strings), written directly; else through JSON.stringify. */
function matchAt(m: Route['match'], indent: string): string {
  let n = 0;
  for (const k in m) {
    if (k !== MATCH_KEYS[n++] || typeof (m as unknown as Record<string, unknown>)[k] !== 'string') return jsonAt(m, indent);
  }
  if (n !== 3) return jsonAt(m, indent);
  const i = indent + '  ';
  const s = JSON.stringify;
  return `{\n${i}"kind": ${s(m.kind)},\n${i}"value": ${s(m.value)},\n${i}"pathType": ${s(m.pathType)}\n${indent}}`;
}

/**
 * A route's JSON as it appears in the whole document (its keys at `indent`). Backends and
 * policies are shared by many routes (one per Service port, one per Ingress or rule): their
 * text is made once per object.
 */
class RouteWriter {
  private backends = new Map<object, string>();
  private policies = new Map<object, string>();
  /** policies' text by their compact JSON: one Ingress's policy is most often another's too */
  private policyTexts = new Map<string, string>();
  /** between keys, and before the closing brace */
  private readonly sep: string;
  private readonly close: string;
  /** the keys' lines of a match and an origin (at indent + 2) */
  private readonly inner: string;
  /** the route's text up to the id, and between the end of an origin's line and its field */
  private readonly head: string;
  private readonly columnKey: string;
  private readonly fieldKey: string;
  private readonly tail: string;
  /** what the routes of one Ingress rule share, from the match's value to the origin's line (see text) */
  private last?: { kind: string; pathType: string; backend: Backend; policy: object; okind: string; namespace: string; name: string; file: string; valueKey: string; middle: string };
  constructor(private readonly indent: string) {
    this.sep = `,\n${indent}`;
    this.close = `\n${indent.slice(2)}}`;
    const i = indent + '  ';
    this.inner = i;
    this.head = `{\n${indent}"id": `;
    this.columnKey = `,\n${i}"column": `;
    this.fieldKey = `,\n${i}"field": `;
    this.tail = `\n${indent}}${this.close}`;
  }

  private backend(b: Backend, at: string): string {
    const k = at === this.indent ? this.backends : (this.weightedBackends ??= new Map());
    let t = k.get(b);
    if (t === undefined) k.set(b, (t = jsonAt(backendJson(b), at)));
    return t;
  }
  private weightedBackends?: Map<object, string>;

  private policy(p: Route['policy']): string {
    let t = this.policies.get(p);
    if (t === undefined) {
      const json = policyJson(p);
      const compact = JSON.stringify(json);
      t = this.policyTexts.get(compact);
      // the same compact JSON is the same value: its indented text is the same too
      if (t === undefined) this.policyTexts.set(compact, (t = jsonAt(json, this.indent)));
      this.policies.set(p, t);
    }
    return t;
  }

  /** "backends": a Gateway API rule's weighted backends, each with its origin (items at indent + 2). */
  private weighted(list: readonly WeightedBackend[]): string {
    if (!list.length) return '[]';
    const i2 = this.indent + '  ';
    const i4 = i2 + '  ';
    const sep = `,\n${i4}`;
    // one string built key by key (most rules have one backendRef: no arrays per route)
    let out = '[';
    for (let n = 0; n < list.length; n++) {
      const b = list[n];
      out += `${n ? ',' : ''}\n${i2}{\n${i4}`;
      if (b.backend) out += `"backend": ${this.backend(b.backend, i4)}${sep}`;
      if (b.invalid) out += `"invalid": ${JSON.stringify(b.invalid)}${sep}`;
      out += `"weight": ${JSON.stringify(b.weight)}${sep}`;
      if (b.filters) out += `"filters": ${jsonAt(b.filters, i4)}${sep}`;
      out += `"origin": ${originAt(b.origin, i4)}\n${i2}}`;
    }
    return `${out}\n${this.indent}]`;
  }

  text(r: Route): string {
    const ind = this.indent;
    // the shapes of Ingress paths and Gateway API rules are written here; a canary goes through routeJson whole
    if (r.canary) return jsonAt(routeJson(r), ind.slice(2));
    if (!r.conditions && !r.filters && !r.backends && usualMatch(r.match) && usualOrigin(r.origin)) return this.usual(r);
    const policy = this.policy(r.policy);
    // one string built key by key (100,000 routes: no array per route)
    const sep = this.sep;
    let out = `{\n${ind}"id": ${JSON.stringify(r.id)}${sep}"match": ${matchAt(r.match, ind)}${sep}"backend": ${this.backend(r.backend, ind)}${sep}"policy": ${policy}`;
    if (r.conditions) out += `${sep}"conditions": ${jsonAt(r.conditions, ind)}`;
    if (r.filters) out += `${sep}"filters": ${jsonAt(r.filters, ind)}`;
    if (r.backends) out += `${sep}"backends": ${this.weighted(r.backends)}`;
    return out + `${sep}"origin": ${originAt(r.origin, ind)}${this.close}`;
  }

  /**
   * The text of a route with only id, match, backend, policy and origin, all of the usual
   * shapes: as text() writes it, from few pieces. What lies between the match's value and the
   * origin's line (pathType, backend, policy, the origin's object and file) is the same for the
   * routes of one rule, so it is made once for them.
   */
  private usual(r: Route): string {
    const m = r.match;
    const o = r.origin;
    let last = this.last;
    if (!last || last.kind !== m.kind || last.pathType !== m.pathType || last.backend !== r.backend || last.policy !== r.policy || last.okind !== o.kind || last.namespace !== o.namespace || last.name !== o.name || last.file !== o.file) {
      const ind = this.indent;
      const i = this.inner;
      const s = JSON.stringify;
      const valueKey = `${this.sep}"match": {\n${i}"kind": ${s(m.kind)},\n${i}"value": `;
      const middle = `,\n${i}"pathType": ${s(m.pathType)}\n${ind}}${this.sep}"backend": ${this.backend(r.backend, ind)}${this.sep}"policy": ${this.policy(r.policy)}${this.sep}"origin": {\n${i}"kind": ${kindJson.of(o.kind)},\n${i}"namespace": ${namespaceJson.of(o.namespace)},\n${i}"name": ${nameJson.of(o.name)},\n${i}"file": ${fileJson.of(o.file)},\n${i}"line": `;
      this.last = last = { kind: m.kind, pathType: m.pathType, backend: r.backend, policy: r.policy, okind: o.kind, namespace: o.namespace, name: o.name, file: o.file, valueKey, middle };
    }
    return this.head + JSON.stringify(r.id) + last.valueKey + JSON.stringify(m.value) + last.middle + jsonNumber(o.line) + this.columnKey + jsonNumber(o.column) + this.fieldKey + JSON.stringify(o.field) + this.tail;
  }
}

/** A match matchAt writes directly: kind, value and pathType, in that order, all strings. */
function usualMatch(m: Route['match']): boolean {
  let n = 0;
  for (const k in m) {
    if (k !== MATCH_KEYS[n++] || typeof (m as unknown as Record<string, unknown>)[k] !== 'string') return false;
  }
  return n === 3;
}

/** An origin originAt writes directly. */
function usualOrigin(o: Origin): boolean {
  return o.file !== undefined && o.namespace !== undefined && o.field !== undefined && typeof o.line === 'number' && typeof o.column === 'number';
}

/**
 * Writes a JSON text that holds empty arrays under `key` at indentation `at` (each the line
 * `\n{at}"{key}": []`, in document order), with `fill(i)` the items of the i-th: JSON strings
 * hold no raw newline, so those lines are the arrays and nothing else.
 */
function writeFilled(text: string, key: string, at: string, fill: (i: number) => number, write: (text: string) => void): void {
  const marker = `\n${at}"${key}": []`;
  let from = 0;
  for (let i = 0, pos = text.indexOf(marker); pos !== -1; i++, pos = text.indexOf(marker, from)) {
    write(text.slice(from, pos) + `\n${at}"${key}": [`);
    write(fill(i) ? `\n${at}]` : ']');
    from = pos + marker.length;
  }
  write(text.slice(from));
}

/** The hosts of one list (items at `at`), route by route; how many. */
function writeHosts(hosts: readonly VirtualHost[], at: string, routes: { text(r: Route): string }, write: (text: string) => void): number {
  hosts.forEach((v, i) => {
    // the host without its routes, then the routes at its keys' depth + 2
    const host = at + jsonAt(vhostJson({ ...v, routes: [] }), at);
    write(i ? ',\n' : '\n');
    writeFilled(host, 'routes', at + '  ', () => {
      const first = `\n${at}    `;
      const next = ',' + first;
      v.routes.forEach((r, j) => write((j ? next : first) + routes.text(r)));
      return v.routes.length;
    }, write);
  });
  return hosts.length;
}

/** JSON.stringify(modelJson(model), null, 2) + '\n', in pieces: host by host, route by route (also a Gateway's). */
export function writeModelJson(model: RouteModel, write: (text: string) => void): void {
  write('{\n  "hosts": [');
  // a host is an item of "hosts" (4 spaces), its keys at 6, its routes at 8, their keys at 10
  writeHosts(model.hosts, '    ', new RouteWriter(' '.repeat(10)), write);
  write(model.hosts.length ? '\n  ]' : ']');
  // the Gateways' routes are written below, not made as data here: the key keeps its place
  const streamed = !!model.gateways?.length;
  const tail = modelTailJson(streamed ? { ...model, gateways: [] } : model);
  for (const k of Object.keys(tail) as (keyof typeof tail)[]) {
    if (k !== 'gateways' || !streamed) {
      write(`,\n  ${JSON.stringify(k)}: ${jsonAt(tail[k], '  ')}`);
      continue;
    }
    // gateways (items at 4) → listeners (items at 8) → hosts (items at 12, routes' keys at 18)
    const general = new RouteWriter(' '.repeat(18));
    const routes = new GatewayRouteWriter(' '.repeat(18), (r) => general.text(r));
    write(',\n  "gateways": [');
    model.gateways!.forEach((g, i) => {
      const text = '    ' + jsonAt(gatewayJson({ ...g, listeners: g.listeners.map((l) => ({ ...l, hosts: [] })) }), '    ');
      write(i ? ',\n' : '\n');
      writeFilled(text, 'hosts', ' '.repeat(10), (li) => writeHosts(g.listeners[li].hosts, ' '.repeat(12), routes, write), write);
    });
    write('\n  ]');
  }
  write('\n}\n');
}

/** dump(modelJson(model), { noRefs: true }), in pieces: each host dumped as the only item of `hosts`, its first line left out. */
export function writeModelYaml(model: RouteModel, write: (text: string) => void): void {
  if (!model.hosts.length) return write(dump(modelJson(model), { noRefs: true }));
  write('hosts:\n');
  for (const v of model.hosts) {
    const one = dump({ hosts: [vhostJson(v)] }, { noRefs: true });
    write(one.slice(one.indexOf('\n') + 1));
  }
  write(dump(modelTailJson(model), { noRefs: true }));
}
