// An interpreter for the protoc-gen-validate rules found in Envoy's protos
// ((validate.rules) on fields, (validate.required) on oneofs), as protobufjs parses
// them. Rules it does not know are collected, not ignored silently, so a test can
// assert that every rule on the emitted fields was checked.

export type Rules = Record<string, any>;

/** Rule names (e.g. "string.address") met on present values that this file does not interpret. */
export const uninterpreted = new Set<string>();

/** The merged (validate.rules) of a field or oneof's parsedOptions. */
export function rulesOf(parsedOptions: readonly Record<string, unknown>[] | null | undefined): Rules | undefined {
  let out: Rules | undefined;
  for (const o of parsedOptions ?? []) {
    const r = o['(validate.rules)'];
    if (r && typeof r === 'object') out = merge(out ?? {}, r as Rules);
  }
  return out;
}

function merge(a: Rules, b: Rules): Rules {
  const out: Rules = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' ? merge(out[k], v) : v;
  return out;
}

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

const NUMERIC = ['int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'double', 'float'];

const HEADER_NAME = /^:?[0-9a-zA-Z!#$%&'*+\-.^_|~`]+$/;
const HEADER_VALUE = /^[^\x00-\x08\x0A-\x1F\x7F]*$/;
const NO_NUL_CR_LF = /^[^\x00\n\r]*$/;

/** Problems of a scalar value (or wrapper's value) under its type's rules. */
export function checkScalar(kind: string, rules: Rules, value: unknown, problem: (m: string) => void): void {
  if (kind === 'string' && typeof value === 'string') return checkString(rules, value, problem);
  if (kind === 'bytes' && typeof value === 'string') {
    const n = Buffer.from(value, 'base64').length;
    if (rules.min_len !== undefined && n < rules.min_len) problem(`bytes shorter than min_len ${rules.min_len}`);
    if (rules.max_len !== undefined && n > rules.max_len) problem(`bytes longer than max_len ${rules.max_len}`);
    for (const k of Object.keys(rules)) if (!['min_len', 'max_len'].includes(k)) uninterpreted.add(`bytes.${k}`);
    return;
  }
  if (kind === 'bool') {
    if (rules.const !== undefined && value !== rules.const) problem(`must be ${rules.const}`);
    return;
  }
  if (NUMERIC.includes(kind)) {
    const n = Number(value);
    const { gt, gte, lt, lte } = rules;
    // PGV: with both bounds and lower > upper, the range is exclusive (outside)
    const lower = gt !== undefined ? n > gt : gte !== undefined ? n >= gte : true;
    const upper = lt !== undefined ? n < lt : lte !== undefined ? n <= lte : true;
    const lo = gt ?? gte;
    const hi = lt ?? lte;
    const ok = lo !== undefined && hi !== undefined && lo > hi ? lower || upper : lower && upper;
    if (!ok) problem(`${n} is out of range (${JSON.stringify(rules)})`);
    if (rules.const !== undefined && n !== rules.const) problem(`must be ${rules.const}`);
    if (rules.in !== undefined && !list(rules.in).includes(n)) problem(`must be one of ${list(rules.in).join(', ')}`);
    if (rules.not_in !== undefined && list(rules.not_in).includes(n)) problem(`must not be ${n}`);
    for (const k of Object.keys(rules)) if (!['gt', 'gte', 'lt', 'lte', 'const', 'in', 'not_in'].includes(k)) uninterpreted.add(`${kind}.${k}`);
  }
}

function checkString(rules: Rules, s: string, problem: (m: string) => void): void {
  if (rules.ignore_empty && s === '') return;
  const runes = [...s].length;
  const bytes = Buffer.byteLength(s);
  if (rules.len !== undefined && runes !== rules.len) problem(`length must be ${rules.len}`);
  if (rules.min_len !== undefined && runes < rules.min_len) problem(`string shorter than min_len ${rules.min_len}`);
  if (rules.max_len !== undefined && runes > rules.max_len) problem(`string longer than max_len ${rules.max_len}`);
  if (rules.min_bytes !== undefined && bytes < rules.min_bytes) problem(`string shorter than min_bytes ${rules.min_bytes}`);
  if (rules.max_bytes !== undefined && bytes > rules.max_bytes) problem(`string longer than max_bytes ${rules.max_bytes}`);
  if (rules.prefix !== undefined && !s.startsWith(rules.prefix)) problem(`must start with ${JSON.stringify(rules.prefix)}`);
  if (rules.suffix !== undefined && !s.endsWith(rules.suffix)) problem(`must end with ${JSON.stringify(rules.suffix)}`);
  if (rules.contains !== undefined && !s.includes(rules.contains)) problem(`must contain ${JSON.stringify(rules.contains)}`);
  if (rules.not_contains !== undefined && s.includes(rules.not_contains)) problem(`must not contain ${JSON.stringify(rules.not_contains)}`);
  if (rules.in !== undefined && !list(rules.in).includes(s)) problem(`must be one of ${list(rules.in).join(', ')}`);
  if (rules.not_in !== undefined && list(rules.not_in).includes(s)) problem(`must not be ${JSON.stringify(s)}`);
  if (rules.pattern !== undefined) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(rules.pattern);
    } catch {
      uninterpreted.add(`string.pattern ${rules.pattern}`);
    }
    if (re && !re.test(s)) problem(`${JSON.stringify(s)} does not match pattern ${rules.pattern}`);
  }
  if (rules.well_known_regex !== undefined) {
    const strict = rules.strict !== false;
    const re = !strict ? NO_NUL_CR_LF : rules.well_known_regex === 'HTTP_HEADER_NAME' ? HEADER_NAME : rules.well_known_regex === 'HTTP_HEADER_VALUE' ? HEADER_VALUE : undefined;
    if (!re) uninterpreted.add(`string.well_known_regex ${rules.well_known_regex}`);
    else if (!re.test(s)) problem(`${JSON.stringify(s)} is not a valid ${rules.well_known_regex}`);
  }
  const known = ['ignore_empty', 'len', 'min_len', 'max_len', 'min_bytes', 'max_bytes', 'prefix', 'suffix', 'contains', 'not_contains', 'in', 'not_in', 'pattern', 'well_known_regex', 'strict'];
  for (const k of Object.keys(rules)) if (!known.includes(k)) uninterpreted.add(`string.${k}`);
}

/** An enum value (name or number) under enum rules. */
export function checkEnum(values: Record<string, number>, rules: Rules, value: unknown, problem: (m: string) => void): void {
  const n = typeof value === 'number' ? value : values[value as string];
  if (rules.defined_only && !Object.values(values).includes(n)) problem(`${JSON.stringify(value)} is not a defined value`);
  if (rules.const !== undefined && n !== rules.const) problem(`must be ${rules.const}`);
  if (rules.in !== undefined && !list(rules.in).includes(n)) problem(`must be one of ${list(rules.in).join(', ')}`);
  if (rules.not_in !== undefined && list(rules.not_in).includes(n)) problem(`must not be ${JSON.stringify(value)}`);
}

/** Seconds of a Duration in proto JSON ("1.5s"), or of a rule bound ({seconds, nanos}). */
export function durationSeconds(v: unknown): number {
  if (typeof v === 'string') return Number(v.slice(0, -1));
  const o = (v ?? {}) as { seconds?: number | string; nanos?: number };
  return Number(o.seconds ?? 0) + (o.nanos ?? 0) / 1e9;
}

export function checkDuration(rules: Rules, value: string, problem: (m: string) => void): void {
  const s = durationSeconds(value);
  const b = (k: string) => (rules[k] === undefined ? undefined : durationSeconds(rules[k]));
  if (b('gt') !== undefined && !(s > b('gt')!)) problem(`${value} must be greater than ${b('gt')}s`);
  if (b('gte') !== undefined && !(s >= b('gte')!)) problem(`${value} must be at least ${b('gte')}s`);
  if (b('lt') !== undefined && !(s < b('lt')!)) problem(`${value} must be less than ${b('lt')}s`);
  if (b('lte') !== undefined && !(s <= b('lte')!)) problem(`${value} must be at most ${b('lte')}s`);
  if (b('const') !== undefined && s !== b('const')) problem(`${value} must be ${b('const')}s`);
  for (const k of Object.keys(rules)) if (!['required', 'gt', 'gte', 'lt', 'lte', 'const'].includes(k)) uninterpreted.add(`duration.${k}`);
}
