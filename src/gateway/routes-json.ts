// `routes -o json`: the text of a Gateway API route of the usual shape (a path match, its
// weighted backends, no conditions or filters), the same bytes as the general route writer
// (src/cli/model-output.ts) makes, from few and mostly shared pieces. A route's text is made of
// ~60 pieces there; turned into bytes, a text of many small pieces costs several times one of
// few large ones (27 MB for 1,000 HTTPRoutes × 10 rules). Anything else goes to `general`.
import { backendJson, policyJson } from '../model/serialize.js';
import type { RoutePolicy } from '../model/policy.js';
import type { Backend, Origin, Route, WeightedBackend } from '../model/types.js';

/** JSON.stringify(value, null, 2) with its lines after the first indented by `indent` (as the general writer). */
function jsonAt(value: unknown, indent: string): string {
  return indented(JSON.stringify(value, null, 2), indent);
}

/** A JSON text's lines after the first indented by `indent`. */
function indented(json: string, indent: string): string {
  return json.replace(/\n/g, '\n' + indent);
}

/** A text made of many pieces, made one piece (shared texts are read again for every route: flat, once). */
function flat(s: string): string {
  // a string's character read flattens it in V8; Number() keeps it from being optimized away
  return Number.isNaN(s.charCodeAt(0)) ? s : s;
}

const s = JSON.stringify;

/** Texts at one indentation: an origin's and a weighted backend's. */
class AtIndent {
  /** the origin's object and file, up to its line (the same for the fields of one object) */
  private last?: { kind: string; namespace: string; name: string; file: string; head: string };
  private readonly columnKey: string;
  private readonly fieldKey: string;
  private readonly end: string;
  constructor(readonly indent: string) {
    const i = indent + '  ';
    this.columnKey = `,\n${i}"column": `;
    this.fieldKey = `,\n${i}"field": `;
    this.end = `\n${indent}}`;
  }

  /** The origin's text as the general writer's originAt; undefined for an origin of another shape. */
  origin(o: Origin, fields: Map<string, string>): string | undefined {
    if (o.file === undefined || o.namespace === undefined || o.field === undefined || !Number.isFinite(o.line) || !Number.isFinite(o.column) || typeof o.kind !== 'string' || typeof o.name !== 'string') return undefined;
    let last = this.last;
    if (!last || last.kind !== o.kind || last.namespace !== o.namespace || last.name !== o.name || last.file !== o.file) {
      const i = this.indent + '  ';
      const head = flat(`{\n${i}"kind": ${s(o.kind)},\n${i}"namespace": ${s(o.namespace)},\n${i}"name": ${s(o.name)},\n${i}"file": ${s(o.file)},\n${i}"line": `);
      this.last = last = { kind: o.kind, namespace: o.namespace, name: o.name, file: o.file, head };
    }
    let field = fields.get(o.field);
    if (field === undefined) fields.set(o.field, (field = s(o.field)));
    return last.head + o.line + this.columnKey + o.column + this.fieldKey + field + this.end;
  }
}

export class GatewayRouteWriter {
  private readonly fields = new Map<string, string>();
  private readonly at: AtIndent;
  private readonly at4: AtIndent;
  private readonly head: string;
  private readonly matchKind: string;
  private readonly valueKey: string;
  private readonly pathTypeKey: string;
  private readonly backendsKey: string;
  private readonly originKey: string;
  private readonly close: string;
  private readonly weightKey: string;
  private readonly originKey4: string;
  private readonly itemEnd: string;
  /** per backend: the text of a weighted backend item up to its weight */
  private readonly items = new Map<Backend, string>();
  /** per backend and per policy: their texts at the route's keys */
  private readonly backends = new Map<Backend, string>();
  private readonly policies = new Map<RoutePolicy, string>();
  private readonly json = new Map<Backend, string>();
  /** what the routes of one rule share, from the match's pathType to "backends" */
  private last?: { pathType: string; backend: Backend; policy: RoutePolicy; text: string };

  /** `indent`: the route's keys' indentation; `general`: the general writer's text of a route (at the same place) */
  constructor(private readonly indent: string, private readonly general: (r: Route) => string) {
    const i = indent + '  ';
    const i2 = indent + '  ';
    const i4 = i2 + '  ';
    this.at = new AtIndent(indent);
    this.at4 = new AtIndent(i4);
    this.head = `{\n${indent}"id": `;
    this.matchKind = `,\n${indent}"match": {\n${i}"kind": `;
    this.valueKey = `,\n${i}"value": `;
    this.pathTypeKey = `,\n${i}"pathType": `;
    this.backendsKey = `,\n${indent}"backends": [`;
    this.originKey = `\n${indent}],\n${indent}"origin": `;
    this.close = `\n${indent.slice(2)}}`;
    this.weightKey = `,\n${i4}"weight": `;
    this.originKey4 = `,\n${i4}"origin": `;
    this.itemEnd = `\n${i2}}`;
  }

  text(r: Route): string {
    const m = r.match;
    const list = r.backends;
    if (r.canary || r.conditions || r.filters || !list?.length || !usualMatch(m)) return this.general(r);
    const origin = this.at.origin(r.origin, this.fields);
    if (origin === undefined) return this.general(r);
    let items = '';
    for (let n = 0; n < list.length; n++) {
      const item = this.item(list[n]);
      if (item === undefined) return this.general(r);
      items += n ? ',' + item : item;
    }
    let last = this.last;
    if (!last || last.pathType !== m.pathType || last.backend !== r.backend || last.policy !== r.policy) {
      const ind = this.indent;
      const text = flat(`${this.pathTypeKey}${s(m.pathType)}\n${ind}},\n${ind}"backend": ${this.backend(r.backend)},\n${ind}"policy": ${this.policy(r.policy)}${this.backendsKey}`);
      this.last = last = { pathType: m.pathType, backend: r.backend, policy: r.policy, text };
    }
    return this.head + s(r.id) + this.matchKind + s(m.kind) + this.valueKey + s(m.value) + last.text + items + this.originKey + origin + this.close;
  }

  /** One weighted backend's text (its leading newline included); undefined for one of another shape. */
  private item(b: WeightedBackend): string | undefined {
    if (!b.backend || b.invalid || b.filters || typeof b.weight !== 'number') return undefined;
    const origin = this.at4.origin(b.origin, this.fields);
    if (origin === undefined) return undefined;
    let head = this.items.get(b.backend);
    if (head === undefined) {
      const i2 = this.indent + '  ';
      const i4 = i2 + '  ';
      this.items.set(b.backend, (head = flat(`\n${i2}{\n${i4}"backend": ${indented(this.backendJson(b.backend), i4)}${this.weightKey}`)));
    }
    return head + s(b.weight) + this.originKey4 + origin + this.itemEnd;
  }

  private backend(b: Backend): string {
    let t = this.backends.get(b);
    if (t === undefined) this.backends.set(b, (t = indented(this.backendJson(b), this.indent)));
    return t;
  }

  /** A backend's JSON text, made once for both places it is written (the route's backend, its weighted backends). */
  private backendJson(b: Backend): string {
    let t = this.json.get(b);
    if (t === undefined) this.json.set(b, (t = JSON.stringify(backendJson(b), null, 2)));
    return t;
  }

  private policy(p: RoutePolicy): string {
    let t = this.policies.get(p);
    if (t === undefined) this.policies.set(p, (t = jsonAt(policyJson(p), this.indent)));
    return t;
  }
}

const MATCH_KEYS = ['kind', 'value', 'pathType'];

/** A match of the usual shape: kind, value and pathType, all strings, in that order. */
function usualMatch(m: Route['match']): boolean {
  let n = 0;
  for (const k in m) {
    if (k !== MATCH_KEYS[n++] || typeof (m as unknown as Record<string, unknown>)[k] !== 'string') return false;
  }
  return n === 3;
}
