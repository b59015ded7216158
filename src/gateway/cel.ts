// The CRDs' x-kubernetes-validations: every CEL rule evaluated where the API server evaluates
// it (at each present value of its schema node, after defaulting), reported as the API server
// reports it. The rules come from the CRD schemas (scripts/build.mjs → build/gateway-cel.json);
// they are never rewritten by hand. Transition rules (oldSelf) need a stored object and are skipped.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PathSeg } from '../findings/finding.js';
import { apiServerError, type ApiErrorType } from './field-error.js';

export interface CelRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
  reason?: string;
}

/** A schema node reduced to what defaulting and evaluation need: type letter, children, default, rules. */
export interface CelNode {
  t?: string;
  d?: unknown;
  p?: Record<string, CelNode>;
  i?: CelNode;
  m?: CelNode;
  v?: CelRule[];
}

/** The schema keys (schemas/gateway-api/*.json without .json) the build compiled: the list alone is read at start-up. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const GATEWAY_SCHEMA_KEYS: ReadonlySet<string> = new Set(require('../../build/gateway-kinds.json') as string[]);

// The trees (about 40 KB of JSON) are read when a Gateway API object is first checked, not by
// every command at start-up.
let trees: Record<string, CelNode | string> | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const TREES = (): Record<string, CelNode | string> => (trees ??= require('../../build/gateway-cel.json') as Record<string, CelNode | string>);

export function celTreeFor(key: string): CelNode | undefined {
  const t = TREES()[key];
  return typeof t === 'string' ? (TREES()[t] as CelNode) : t;
}

const TYPE_NAMES: Record<string, string> = { o: 'object', a: 'array', s: 'string', i: 'integer', n: 'number', b: 'boolean' };
const REASONS: Record<string, ApiErrorType> = { FieldValueInvalid: 'Invalid value', FieldValueForbidden: 'Forbidden', FieldValueRequired: 'Required value', FieldValueDuplicate: 'Duplicate value' };

type CelLib = typeof import('./cel-lib.js');
type Cel = CelLib['cel'];
type Program = (bindings: { self: unknown }) => unknown;
let cel: { lib: Cel; env: ReturnType<Cel['celEnv']>; programs: Map<string, Program> } | undefined;

/**
 * @bufbuild/cel is loaded when lint first evaluates a rule (not at start-up, not by other
 * commands): from beside the bundle (dist/gateway-cel.js), or from source under tsx.
 */
function evaluator(): NonNullable<typeof cel> {
  if (!cel) {
    const beside = join(__dirname, 'gateway-cel.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { cel: lib, strings, RE2JS } = require(existsSync(beside) ? beside : join(__dirname, 'cel-lib.ts')) as CelLib;
    // matches() with the library's RE2, each pattern compiled once (not once per call)
    const compiled = new Map<string, { test(s: string): boolean }>();
    const re2 = {
      compile(pattern: string) {
        let m = compiled.get(pattern);
        if (!m) {
          m = RE2JS.compile(pattern);
          compiled.set(pattern, m);
        }
        return m;
      },
    };
    cel = { lib, env: lib.celEnv({ funcs: strings, re2 }), programs: new Map() };
  }
  return cel;
}

function program(expr: string): Program {
  const c = evaluator();
  let p = c.programs.get(expr);
  if (!p) {
    p = c.lib.plan(c.env, c.lib.parse(expr)) as Program;
    c.programs.set(expr, p);
  }
  return p;
}

export type CelOutcome = { ok: true } | { ok: false; error?: string; message?: string };

/** Evaluates one rule with `self` bound to a value already converted by toCel. */
export function evaluateRule(rule: CelRule, self: unknown): CelOutcome {
  const c = evaluator();
  let result: unknown;
  try {
    result = program(rule.rule)({ self });
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  if (c.lib.isCelError(result as any)) return { ok: false, error: (result as Error).message };
  if (result === true) return { ok: true };
  if (result !== false) return { ok: false, error: `rule returned ${typeof result}, not a boolean` };
  let message = rule.message;
  if (rule.messageExpression) {
    try {
      const m = program(rule.messageExpression)({ self });
      if (typeof m === 'string' && m.trim()) message = m;
    } catch {
      // the API server falls back to message too
    }
  }
  return { ok: false, message };
}

/** CEL's reserved words: an object property of that name is `__name__` in a rule (`p.__namespace__`). */
const CEL_RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

/** The name a rule uses for an object property, escaped as the API server escapes it. */
export function celPropertyName(name: string): string {
  if (CEL_RESERVED.has(name)) return `__${name}__`;
  return name.replace(/__/g, '__underscores__').replace(/\./g, '__dot__').replace(/-/g, '__dash__').replace(/\//g, '__slash__');
}

/** Plain JSON → CEL input: objects and maps as Maps, schema integers as bigint (CEL int). */
export function toCel(node: CelNode | undefined, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => toCel(node?.i, v));
  if (value && typeof value === 'object') {
    const out = new Map<string, unknown>();
    // an object's properties are escaped; a map's keys (additionalProperties) are data
    const isObject = !node?.m;
    for (const [k, v] of Object.entries(value)) out.set(isObject ? celPropertyName(k) : k, toCel(node?.p?.[k] ?? node?.m, v));
    return out;
  }
  if (typeof value === 'number') {
    const integer = node?.t === 'i' || (node?.t === undefined && Number.isInteger(value));
    return integer && Number.isInteger(value) ? BigInt(value) : value;
  }
  return value;
}

/** A rule that does not hold: the field it names and the API server's message. */
export interface CelViolation {
  path: PathSeg[];
  message: string;
}

/**
 * The violations of every rule of `key`'s schema on `obj` (an object after defaulting).
 * `evaluationErrors`: whether a rule that cannot be evaluated is reported (not when the
 * schema already refused the object: a value of the wrong type makes rules fail to run).
 * `cache`: outcomes by value, shared by the objects of one run (see newCelCache).
 */
export function celViolations(key: string, obj: unknown, evaluationErrors = true, cache: CelCache = newCelCache()): CelViolation[] {
  const tree = celTreeFor(key);
  if (!tree) return [];
  const out: CelViolation[] = [];
  // converted once: each rule's `self` is the converted value at its node
  walk(tree, obj, toCel(tree, obj), [], (node, self, path, value) => {
    // rules are pure functions of self: a value seen before at this node has the same outcomes
    const seen = outcomes(cache, node);
    const key = JSON.stringify(value);
    let results = seen.get(key);
    if (!results) {
      results = node.v!.map((rule) => (/\boldSelf\b/.test(rule.rule) ? ({ ok: true } as CelOutcome) : evaluateRule(rule, self)));
      // small values (matches, filters, refs) repeat across routes; whole rule lists rarely do
      if (key.length <= 1024) seen.set(key, results);
    }
    for (let i = 0; i < node.v!.length; i++) {
      const rule = node.v![i];
      const r = results[i];
      if (r.ok) continue;
      const type = TYPE_NAMES[node.t ?? ''] ?? 'object';
      if (r.error !== undefined) {
        // the API server: "<error> evaluating rule: <message, else the rule>"
        const error = r.error.replace(/^field not found: /, 'no such key: ');
        if (evaluationErrors) out.push({ path, message: apiServerError(path, 'Invalid value', type, `${error} evaluating rule: ${rule.message?.trim() || rule.rule}`) });
        continue;
      }
      const at = rule.fieldPath ? [...path, ...parseJsonPath(rule.fieldPath)] : path;
      const reason = REASONS[rule.reason ?? 'FieldValueInvalid'] ?? 'Invalid value';
      const message = r.message?.trim() ? r.message : `failed rule: ${rule.rule}`;
      out.push({ path: at, message: apiServerError(at, reason, type, message) });
    }
  });
  return out;
}

/** Rule outcomes by schema node and value (JSON): rules are pure functions of `self`. */
export type CelCache = WeakMap<CelNode, Map<string, CelOutcome[]>>;

/** A cache for one run (one lint): routes repeat small values (matches, filters, refs). */
export function newCelCache(): CelCache {
  return new WeakMap();
}

function outcomes(cache: CelCache, node: CelNode): Map<string, CelOutcome[]> {
  let m = cache.get(node);
  if (!m) {
    m = new Map();
    cache.set(node, m);
  }
  return m;
}

/** Walks the plain value and its CEL conversion together, visiting the nodes that have rules. */
function walk(node: CelNode, value: unknown, self: unknown, path: PathSeg[], visit: (node: CelNode, self: unknown, path: PathSeg[], value: unknown) => void): void {
  if (value === undefined || value === null) return;
  if (node.v) visit(node, self, path, value);
  if (Array.isArray(value)) {
    if (node.i && hasRules(node.i)) value.forEach((v, i) => walk(node.i!, v, (self as unknown[])[i], [...path, i], visit));
    return;
  }
  if (typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  const map = self as Map<string, unknown>;
  if (node.p) for (const k of Object.keys(node.p)) if (k in obj && hasRules(node.p[k])) walk(node.p[k], obj[k], map.get(node.m ? k : celPropertyName(k)), [...path, k], visit);
  if (node.m && hasRules(node.m)) for (const k of Object.keys(obj)) walk(node.m, obj[k], map.get(k), [...path, k], visit);
}

const withRules = new WeakMap<CelNode, boolean>();
/** Whether a node or one below it has rules (subtrees without are not walked). */
function hasRules(node: CelNode): boolean {
  let r = withRules.get(node);
  if (r === undefined) {
    r = !!node.v || (!!node.p && Object.values(node.p).some(hasRules)) || (!!node.i && hasRules(node.i)) || (!!node.m && hasRules(node.m));
    withRules.set(node, r);
  }
  return r;
}

/** A rule's fieldPath (".spec.x", ".a['b.c']", ".list[0]") → path segments. */
export function parseJsonPath(text: string): PathSeg[] {
  const out: PathSeg[] = [];
  const re = /\.([A-Za-z_$][A-Za-z0-9_$-]*)|\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? Number(m[3]));
  return out;
}
