// SchemaStore's JSON Schema of Traefik v3's file-provider configuration (draft-07; see
// test/schemas/README.md for its source), compiled once with ajv.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { ROOT } from '../helpers.js';

let validate: ValidateFunction | undefined;

/** Problems of `dynamic` against the schema, as "path: message"; empty when valid. */
export function schemaProblems(dynamic: unknown): string[] {
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'test/schemas/traefik-v3-file-provider.json'), 'utf8')));
  }
  if (validate(dynamic)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}`);
}
