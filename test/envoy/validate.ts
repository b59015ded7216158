// A strict check of an Envoy config (proto JSON mapping, as Envoy reads YAML) against
// Envoy's API definitions. protobufjs's fromObject drops unknown fields and coerces
// values, so this walks the message types itself: unknown or deprecated fields, wrong
// JSON types, enum names, oneofs set twice, `Any` types that do not resolve, and the
// protoc-gen-validate rules (pgv.ts), applied as PGV does (rules on proto3 scalars
// also hold for an absent field's default value).
import protobuf from 'protobufjs';
import { checkDuration, checkEnum, checkScalar, rulesOf, uninterpreted, type Rules } from './pgv.js';
import { envoyApi } from './proto.js';

export interface Problem {
  path: string;
  message: string;
}

export { uninterpreted };

export function validateBootstrap(value: unknown): Problem[] {
  return validateAs('envoy.config.bootstrap.v3.Bootstrap', value);
}

export function validateAs(typeName: string, value: unknown): Problem[] {
  const problems: Problem[] = [];
  new Walker(envoyApi(), problems).message(envoyApi().lookupType(typeName), value, '');
  return problems;
}

const WRAPPERS: Record<string, string> = {
  'google.protobuf.BoolValue': 'bool',
  'google.protobuf.StringValue': 'string',
  'google.protobuf.BytesValue': 'bytes',
  'google.protobuf.UInt32Value': 'uint32',
  'google.protobuf.Int32Value': 'int32',
  'google.protobuf.UInt64Value': 'uint64',
  'google.protobuf.Int64Value': 'int64',
  'google.protobuf.DoubleValue': 'double',
  'google.protobuf.FloatValue': 'float',
};

/** Rule groups this walker interprets (the keys under (validate.rules)). */
const RULE_KINDS = new Set(['message', 'string', 'bytes', 'bool', 'enum', 'repeated', 'map', 'duration', 'any', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'double', 'float']);

const DURATION = /^-?\d{1,12}(\.\d{1,9})?s$/;
const TYPE_URL = /^type\.googleapis\.com\/([A-Za-z_][\w.]*)$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nameOf = (t: protobuf.ReflectionObject) => t.fullName.replace(/^\./, '');
const isSynthetic = (o: protobuf.OneOf) => o.name.startsWith('_') && o.oneof.length === 1;

class Walker {
  constructor(
    private readonly root: protobuf.Root,
    private readonly problems: Problem[],
  ) {}

  private problem(path: string, message: string): void {
    this.problems.push({ path: path || '(root)', message });
  }

  message(type: protobuf.Type, value: unknown, path: string): void {
    const name = nameOf(type);
    if (name in WRAPPERS) return this.scalar(WRAPPERS[name], value, path);
    switch (name) {
      case 'google.protobuf.Any':
        return this.any(value, path);
      case 'google.protobuf.Duration':
        if (typeof value !== 'string' || !DURATION.test(value)) this.problem(path, `expected a Duration such as "5s", got ${JSON.stringify(value)}`);
        return;
      case 'google.protobuf.Struct':
        if (!isObject(value)) this.problem(path, 'expected an object (Struct)');
        return;
      case 'google.protobuf.Value':
        return;
      case 'google.protobuf.ListValue':
        if (!Array.isArray(value)) this.problem(path, 'expected a list (ListValue)');
        return;
      case 'google.protobuf.Empty':
        if (!isObject(value) || Object.keys(value).length) this.problem(path, 'expected {} (Empty)');
        return;
      case 'google.protobuf.Timestamp':
      case 'google.protobuf.FieldMask':
        if (typeof value !== 'string') this.problem(path, `expected a string (${name})`);
        return;
    }
    if (!isObject(value)) return this.problem(path, `expected an object (${name}), got ${JSON.stringify(value)}`);

    for (const [key, v] of Object.entries(value)) {
      const field = type.fields[key];
      const at = path ? `${path}.${key}` : key;
      if (!field) {
        this.problem(at, `unknown field "${key}" in ${name}`);
        continue;
      }
      if (field.options?.deprecated) this.problem(at, `field "${key}" of ${name} is deprecated`);
      if (v === null) {
        this.problem(at, 'null is not a value');
        continue;
      }
      this.field(field, v, at);
    }

    for (const oneof of type.oneofsArray) {
      if (isSynthetic(oneof)) continue;
      const set = oneof.oneof.filter((n) => value[n] !== undefined);
      if (set.length > 1) this.problem(path, `oneof ${oneof.name} of ${name} has ${set.length} members set: ${set.join(', ')}`);
      if (set.length === 0 && oneof.options?.['(validate.required)']) this.problem(path, `oneof ${oneof.name} of ${name} is required: set one of ${oneof.oneof.join(', ')}`);
    }

    for (const field of type.fieldsArray) {
      if (value[field.name] !== undefined) continue;
      this.absent(field, path ? `${path}.${field.name}` : field.name);
    }
  }

  /** Rules that bind an absent field: required messages, and proto3 scalars checked at their default. */
  private absent(field: protobuf.Field, path: string): void {
    const rules = rulesOf(field.parsedOptions);
    if (!rules) return;
    if (field.partOf && !isSynthetic(field.partOf)) return; // an unset oneof member is not checked
    if (rules.message?.required || rules.duration?.required || rules.any?.required) return this.problem(path, `field "${field.name}" is required`);
    if (field.map) {
      if (rules.map?.min_pairs > 0) this.problem(path, `needs at least ${rules.map.min_pairs} entries`);
    } else if (field.repeated) {
      if (rules.repeated?.min_items > 0) this.problem(path, `needs at least ${rules.repeated.min_items} items`);
    } else if (field.resolvedType instanceof protobuf.Enum) {
      if (rules.enum) checkEnum(field.resolvedType.values, rules.enum, 0, (m) => this.problem(path, m));
    } else if (!field.resolvedType && !(field.options?.proto3_optional)) {
      const dflt = field.type === 'string' || field.type === 'bytes' ? '' : field.type === 'bool' ? false : 0;
      const r = rules[field.type];
      if (r) checkScalar(field.type, r, dflt, (m) => this.problem(path, `${m} (the field is absent)`));
    }
  }

  private field(field: protobuf.Field, v: unknown, path: string): void {
    const rules = rulesOf(field.parsedOptions);
    if (field.map) {
      if (!isObject(v)) return this.problem(path, 'expected a map (object)');
      const n = Object.keys(v).length;
      if (rules?.map?.min_pairs !== undefined && n < rules.map.min_pairs) this.problem(path, `needs at least ${rules.map.min_pairs} entries`);
      for (const [k, item] of Object.entries(v)) {
        const keyType = (field as unknown as protobuf.MapField).keyType;
        if (keyType !== 'string' && !/^-?\d+$/.test(k)) this.problem(`${path}.${k}`, `map key must be a ${keyType}`);
        if (rules?.map?.keys?.string && keyType === 'string') checkScalar('string', rules.map.keys.string, k, (m) => this.problem(`${path}.${k}`, `key: ${m}`));
        this.value(field, item, rules?.map?.values, `${path}.${k}`);
      }
      return;
    }
    if (field.repeated) {
      if (!Array.isArray(v)) return this.problem(path, 'expected a list');
      const r = rules?.repeated;
      if (r?.min_items !== undefined && v.length < r.min_items) this.problem(path, `needs at least ${r.min_items} items, has ${v.length}`);
      if (r?.max_items !== undefined && v.length > r.max_items) this.problem(path, `allows at most ${r.max_items} items, has ${v.length}`);
      if (r?.unique && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) this.problem(path, 'items must be unique');
      v.forEach((item, i) => this.value(field, item, r?.items, `${path}[${i}]`));
      return;
    }
    this.value(field, v, rules, path);
  }

  private value(field: protobuf.Field, v: unknown, rules: Rules | undefined, path: string): void {
    if (v === null) return this.problem(path, 'null is not a value');
    for (const k of Object.keys(rules ?? {})) if (!RULE_KINDS.has(k)) uninterpreted.add(k);
    const rt = field.resolvedType;
    if (rt instanceof protobuf.Enum) {
      const known = typeof v === 'string' ? v in rt.values : typeof v === 'number' && Object.values(rt.values).includes(v);
      if (!known) return this.problem(path, `${JSON.stringify(v)} is not a value of enum ${nameOf(rt)} (${Object.keys(rt.values).join(', ')})`);
      if (typeof v === 'string' && rt.valuesOptions?.[v]?.deprecated) this.problem(path, `enum value ${v} is deprecated`);
      if (rules?.enum) checkEnum(rt.values, rules.enum, v, (m) => this.problem(path, m));
      return;
    }
    if (rt instanceof protobuf.Type) {
      const name = nameOf(rt);
      if (name in WRAPPERS) {
        this.scalar(WRAPPERS[name], v, path);
        const r = rules?.[WRAPPERS[name]];
        if (r) checkScalar(WRAPPERS[name], r, v, (m) => this.problem(path, m));
        return;
      }
      if (name === 'google.protobuf.Duration' && rules?.duration && typeof v === 'string' && DURATION.test(v)) checkDuration(rules.duration, v, (m) => this.problem(path, m));
      if (name === 'google.protobuf.Any' && rules?.any && isObject(v)) {
        const url = v['@type'];
        if (rules.any.in && !rules.any.in.includes(url)) this.problem(path, `type ${url} is not allowed here`);
        if (rules.any.not_in?.includes(url)) this.problem(path, `type ${url} is not allowed here`);
      }
      if (rules?.message?.skip) return;
      return this.message(rt, v, path);
    }
    this.scalar(field.type, v, path);
    const r = rules?.[field.type];
    if (r) checkScalar(field.type, r, v, (m) => this.problem(path, m));
  }

  private any(value: unknown, path: string): void {
    if (!isObject(value)) return this.problem(path, 'expected an object with "@type" (Any)');
    const url = value['@type'];
    const m = typeof url === 'string' ? TYPE_URL.exec(url) : null;
    if (!m) return this.problem(path, `"@type" must be type.googleapis.com/<message>, got ${JSON.stringify(url)}`);
    const t = this.root.lookup(m[1]);
    if (!(t instanceof protobuf.Type)) return this.problem(path, `"@type" ${url} does not resolve to a known message type`);
    const { '@type': _, ...rest } = value;
    this.message(t, rest, path);
  }

  private scalar(kind: string, v: unknown, path: string): void {
    const bad = (what: string) => this.problem(path, `expected ${what}, got ${JSON.stringify(v)}`);
    switch (kind) {
      case 'string':
        if (typeof v !== 'string') bad('a string');
        return;
      case 'bool':
        if (typeof v !== 'boolean') bad('true or false');
        return;
      case 'bytes':
        if (typeof v !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(v)) bad('base64 bytes');
        return;
      case 'double':
      case 'float':
        if (typeof v !== 'number' && !['NaN', 'Infinity', '-Infinity'].includes(v as string)) bad('a number');
        return;
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) && /64$/.test(kind) ? Number(v) : NaN;
    if (!Number.isInteger(n)) return bad(`an integer (${kind})`);
    const unsigned = kind.startsWith('uint') || kind.startsWith('fixed');
    const bits = /64$/.test(kind) ? 64 : 32;
    const min = unsigned ? 0 : -(2 ** (bits - 1));
    const max = unsigned ? 2 ** bits - 1 : 2 ** (bits - 1) - 1;
    if (n < min || n > max) bad(`an integer in the ${kind} range`);
  }
}
