// SchemaStore's JSON Schemas of Traefik v3's configuration (draft-07; see
// test/schemas/README.md for their source): the file provider's dynamic configuration and
// the static configuration (traefik.yml), each compiled once with ajv.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { ROOT } from '../helpers.js';

const compiled = new Map<string, ValidateFunction>();

function problems(schema: string, doc: unknown): string[] {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'test/schemas', schema), 'utf8')))));
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}`);
}

/** Problems of a dynamic configuration against traefik-v3-file-provider.json, as "path: message"; empty when valid. */
export const schemaProblems = (dynamic: unknown) => problems('traefik-v3-file-provider.json', dynamic);

/** Problems of a static configuration (traefik.yml) against traefik-v3.json. */
export const staticSchemaProblems = (config: unknown) => problems('traefik-v3.json', config);
