// validate: each known object against its JSON Schema (ajv code generated at build
// time, see scripts/build.mjs), turned into findings on the exact field.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Document, K8sObject } from '../load/document.js';
import { celTreeFor, GATEWAY_SCHEMA_KEYS } from '../gateway/cel.js';
import { withDefaults } from '../gateway/defaults.js';
import { apiServerError } from '../gateway/field-error.js';
import { findingAt, formatFieldPath as formatPath, type Finding, type PathSeg } from '../findings/finding.js';
import { closest } from '../util/did-you-mean.js';

// each kind's validator is built when the first object of that kind is validated (its
// schema's objects are a measurable part of a start-up): build/validators.cjs, see scripts/build.mjs
// eslint-disable-next-line @typescript-eslint/no-require-imports
const validators: Record<string, () => ValidateFn> = require('../../build/validators.cjs');
const built = new Map<string, ValidateFn>();
let gatewayValidators: Record<string, ValidateFn> | undefined;

/**
 * The Gateway API validators (about 1 MB of code) are read when the first Gateway API object
 * is: from beside the bundle (dist/gateway-validators.cjs), or from build/ when run from source.
 */
function gatewayValidator(key: string): ValidateFn | undefined {
  if (!GATEWAY_SCHEMA_KEYS.has(key)) return undefined;
  if (!gatewayValidators) {
    const beside = join(__dirname, 'gateway-validators.cjs');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { requireCached } = require('../util/cached-require.js') as typeof import('../util/cached-require.js');
    gatewayValidators = requireCached(existsSync(beside) ? beside : join(__dirname, '..', '..', 'build', 'gateway-validators.cjs')) as Record<string, ValidateFn>;
  }
  return gatewayValidators[key];
}

function validatorFor(key: string): ValidateFn | undefined {
  if (!(key in validators)) return gatewayValidator(key);
  let validate = built.get(key);
  if (!validate) built.set(key, (validate = validators[key]!()));
  return validate;
}

interface AjvError {
  instancePath: string;
  /** the value that failed (ajv's verbose mode) */
  data?: unknown;
  keyword: string;
  params: Record<string, any>;
  message?: string;
  parentSchema?: { properties?: Record<string, unknown>; description?: string; anyOf?: { type?: string }[] };
}
type ValidateFn = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

/** Schema file key for an apiVersion and kind: "networking.k8s.io/v1" + "Ingress" → networking.k8s.io_v1_Ingress. */
export function schemaKey(apiVersion: string, kind: string): string {
  // most documents are of the kind before them: that one's key is kept
  if (apiVersion !== lastKey.apiVersion || kind !== lastKey.kind) lastKey = { apiVersion, kind, key: `${apiVersion.replace('/', '_')}_${kind}` };
  return lastKey.key;
}
let lastKey = { apiVersion: '', kind: '', key: '_' };

export function hasSchema(apiVersion: string, kind: string): boolean {
  const key = schemaKey(apiVersion, kind);
  return key in validators || GATEWAY_SCHEMA_KEYS.has(key);
}

const defaulted = new WeakMap<Document, K8sObject>();

/**
 * The object as the API server stores it, with the schema's `default`s filled in (Gateway API
 * kinds; other kinds have no defaults in their schemas and are returned as read). It shares
 * the parts without defaults with doc.obj: read it, never change it.
 */
export function defaultedObject(doc: Document): K8sObject {
  const key = schemaKey(doc.apiVersion, doc.kind);
  if (!GATEWAY_SCHEMA_KEYS.has(key)) return doc.obj;
  let obj = defaulted.get(doc);
  if (!obj) {
    obj = withDefaults(celTreeFor(key), doc.obj) as K8sObject;
    defaulted.set(doc, obj);
  }
  return obj;
}

const BRANCH_KEYWORDS = new Set(['anyOf', 'oneOf', 'not']);

/** Fields renamed between API versions: the hint names the v1 spelling. */
const RENAMED: Record<string, string> = {
  serviceName: 'service.name',
  servicePort: 'service.port.number (or service.port.name)',
  backend: 'defaultBackend',
};

/** The validate stage of the pipeline (load → validate → resolve): every document of a kind with a schema. */
export function validateDocuments(documents: readonly Document[]): Finding[] {
  const findings: Finding[] = [];
  for (const doc of documents) if (hasSchema(doc.apiVersion, doc.kind)) findings.push(...validateDocument(doc));
  return findings;
}

const schemaRefused = new WeakSet<Document>();

/**
 * Gateway API kinds whose schema constrains no field by the presence of another (no anyOf,
 * oneOf, not, minProperties or maxProperties; test/gateway/schema.test.ts checks the CRDs):
 * the API server validates a CRD's defaults against its schema, so filling them in cannot
 * make an object that is valid as written invalid, and only one that fails as written (a
 * required field with a default, say) must be validated again with its defaults. Most
 * objects are valid: no copy of each route is made to validate it.
 */
export const DEFAULTS_KEEP_VALID: ReadonlySet<string> = new Set(['GatewayClass', 'HTTPRoute', 'GRPCRoute', 'ReferenceGrant']);

/**
 * Schema findings; for Gateway API kinds as the API server validates a custom resource:
 * defaults first (on a copy), then the OpenAPI schema. (The CRDs' CEL rules come after,
 * in lint: see src/lint/rules/crd-validation.ts.)
 */
export function validateDocument(doc: Document): Finding[] {
  const key = schemaKey(doc.apiVersion, doc.kind);
  if (!GATEWAY_SCHEMA_KEYS.has(key)) return validateWith(key, doc);
  // valid as written is valid with the defaults too (see DEFAULTS_KEEP_VALID): the defaulted
  // copy is then made only if lint's CEL rules ask for it (defaultedObject)
  if (DEFAULTS_KEEP_VALID.has(doc.kind) && validatorFor(key)?.(doc.obj)) return [];
  const obj = withDefaults(celTreeFor(key), doc.obj) as K8sObject;
  const findings = validateWith(key, doc, 'schema', obj);
  defaulted.set(doc, obj);
  if (findings.length) schemaRefused.add(doc);
  return findings;
}

/** Whether the schema refused this Gateway API object (known once validateDocument ran). */
export function schemaRefusedObject(doc: Document): boolean {
  return schemaRefused.has(doc);
}

/** Validates a document (or `data`: its defaulted copy) against the schema `key` (a file name in schemas/ without .json). */
export function validateWith(key: string, doc: Document, ruleId = 'schema', data: unknown = doc.obj): Finding[] {
  const validate = validatorFor(key);
  const apiWording = GATEWAY_SCHEMA_KEYS.has(key);
  if (!validate || validate(data)) return [];
  const errors = validate.errors ?? [];
  // int-or-string fields fail as anyOf plus one error per branch: keep the anyOf.
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  // Gateway API: the API server names the failed branch (ipv4, ipv6…), not the oneOf/anyOf around it
  const branchesOnly = apiWording && errors.some((e) => !BRANCH_KEYWORDS.has(e.keyword));
  for (const e of errors) {
    if (branchesOnly ? BRANCH_KEYWORDS.has(e.keyword) : e.keyword !== 'anyOf' && anyOfPaths.has(e.instancePath)) continue;
    const path = toPath(data, e.instancePath);
    const f = (apiWording && apiServerDescribe(e, path)) || describe(e, path);
    const key = `${e.instancePath}|${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(findingAt(doc, { ruleId, severity: 'error', ...f }));
  }
  return findings;
}

function describe(e: AjvError, path: PathSeg[]): { message: string; hint?: string; path: PathSeg[]; at: 'key' | 'value' } {
  const field = path.length ? formatPath(path) : '<root>';
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(e.params.additionalProperty);
      const known = Object.keys(e.parentSchema?.properties ?? {});
      const renamed = RENAMED[name];
      const suggestion = renamed && !known.includes(name) && (name !== 'backend' || known.includes('defaultBackend')) ? renamed : closest(name, known);
      return {
        message: `unknown field "${name}" in ${field}` + (suggestion ? ` (did you mean "${suggestion}"?)` : ''),
        hint: known.length ? `Known fields here: ${known.join(', ')}.` : undefined,
        path: [...path, name],
        at: 'key',
      };
    }
    case 'required':
      return { message: `${field === '<root>' ? '' : field + '.'}${e.params.missingProperty}: required value is missing`, path, at: 'key' };
    case 'enum':
      return { message: `${field}: unsupported value; supported values: ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`, path, at: 'value' };
    case 'const':
      return { message: `${field}: must be ${JSON.stringify(e.params.allowedValue)}`, path, at: 'value' };
    case 'anyOf':
      return { message: `${field}: ${anyOfMessage(e.parentSchema)}`, path, at: 'value' };
    case 'minProperties':
      return { message: `${field}: must not be empty`, path, at: 'value' };
    case 'minItems':
      return { message: `${field}: must have at least ${e.params.limit} item`, path, at: 'value' };
    case 'type':
      return { message: `${field}: must be ${article(String(e.params.type))}`, hint: typeHint(String(e.params.type)), path, at: 'value' };
    default:
      return { message: `${field}: ${e.message ?? e.keyword}`, path, at: 'value' };
  }
}

/**
 * Gateway API objects: the API server's own wording (the CRD tests and kubectl show these
 * texts); unknown fields keep the did-you-mean of describe().
 */
function apiServerDescribe(e: AjvError, path: PathSeg[]): { message: string; path: PathSeg[]; at: 'key' | 'value' } | undefined {
  const field = formatPath(path) || '<root>';
  const at = 'value' as const;
  switch (e.keyword) {
    case 'required':
      return { message: apiServerError([...path, String(e.params.missingProperty)], 'Required value', undefined), path, at: 'key' };
    case 'enum':
      return { message: apiServerError(path, 'Unsupported value', e.data, `supported values: ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`), path, at };
    case 'type':
      return { message: apiServerError(path, 'Invalid value', typeName(e.data), `${field} in body must be of type ${e.params.type}: ${JSON.stringify(typeName(e.data))}`), path, at };
    case 'pattern':
      return { message: apiServerError(path, 'Invalid value', e.data, `${field} in body should match '${e.params.pattern}'`), path, at };
    case 'maxLength':
      return { message: apiServerError(path, 'Too long', e.data, `may not be more than ${e.params.limit} bytes`), path, at };
    case 'minLength':
      return { message: apiServerError(path, 'Invalid value', e.data, `${field} in body should be at least ${e.params.limit} chars long`), path, at };
    case 'maxItems':
      return { message: apiServerError(path, 'Too many', Array.isArray(e.data) ? e.data.length : undefined, `must have at most ${e.params.limit} items`), path, at };
    case 'minItems':
      return { message: apiServerError(path, 'Invalid value', Array.isArray(e.data) ? e.data.length : undefined, `${field} in body should have at least ${e.params.limit} items`), path, at };
    case 'minimum':
      return { message: apiServerError(path, 'Invalid value', e.data, `${field} in body should be greater than or equal to ${e.params.limit}`), path, at };
    case 'maximum':
      return { message: apiServerError(path, 'Invalid value', e.data, `${field} in body should be less than or equal to ${e.params.limit}`), path, at };
    case 'format':
      return { message: apiServerError(path, 'Invalid value', e.data, `${field} in body must be of type ${e.params.format}`), path, at };
    default:
      return undefined;
  }
}

/** The JSON type of a value as the API server names it ("string", "integer", "object"…). */
function typeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** "must be an integer or a string" when the alternatives are plain types, else the schema's description. */
function anyOfMessage(schema: AjvError['parentSchema']): string {
  const types = schema?.anyOf?.map((s) => s.type);
  if (types?.length && types.every(Boolean)) return `must be ${types.map((t) => article(t!)).join(' or ')}`;
  return `does not have an allowed form${schema?.description ? ` (${schema.description.replace(/\.$/, '')})` : ''}`;
}

function article(type: string): string {
  const t = type.replace(/,/g, ' or ');
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

function typeHint(type: string): string | undefined {
  return type === 'string' ? 'Quote the value: YAML reads unquoted true, yes, on, 80 or 1.0 as a boolean or number.' : undefined;
}

/** ajv's JSON pointer → path segments (array indexes as numbers). */
function toPath(root: unknown, pointer: string): PathSeg[] {
  if (!pointer) return [];
  const out: PathSeg[] = [];
  let node: any = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const i = Number(seg);
      out.push(i);
      node = node[i];
    } else {
      out.push(seg);
      node = node?.[seg];
    }
  }
  return out;
}
