// validate: each known object against its JSON Schema (ajv code generated at build
// time, see scripts/build.mjs), turned into findings on the exact field.
import type { Document } from '../load/document.js';
import { findingAt, formatFieldPath as formatPath, type Finding, type PathSeg } from '../findings/finding.js';
import { closest } from '../util/did-you-mean.js';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const validators: Record<string, ValidateFn> = require('../../build/validators.cjs');

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, any>;
  message?: string;
  parentSchema?: { properties?: Record<string, unknown>; description?: string; anyOf?: { type?: string }[] };
}
type ValidateFn = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

/** Schema file key for an apiVersion and kind: "networking.k8s.io/v1" + "Ingress" → networking.k8s.io_v1_Ingress. */
export function schemaKey(apiVersion: string, kind: string): string {
  return `${apiVersion.replace('/', '_')}_${kind}`;
}

export function hasSchema(apiVersion: string, kind: string): boolean {
  return schemaKey(apiVersion, kind) in validators;
}

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

export function validateDocument(doc: Document): Finding[] {
  return validateWith(schemaKey(doc.apiVersion, doc.kind), doc);
}

/** Validates a document against the schema `key` (a file name in schemas/ without .json). */
export function validateWith(key: string, doc: Document, ruleId = 'schema'): Finding[] {
  const validate = validators[key];
  if (!validate || validate(doc.obj)) return [];
  const errors = validate.errors ?? [];
  // int-or-string fields fail as anyOf plus one error per branch: keep the anyOf.
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && anyOfPaths.has(e.instancePath)) continue;
    const path = toPath(doc.obj, e.instancePath);
    const f = describe(e, path);
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
