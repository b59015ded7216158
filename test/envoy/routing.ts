// Routing rows → the model's Matcher and the emitted Envoy config (through the
// evaluator) must both give the expected answer. Rows are {scheme, host, path, expected}
// with `expected` in the form of test/helpers' outcome(): "ns/svc:port", "308 <location>",
// or a status ("400", "404", "503"); a shared case table of that shape plugs in here.
import { parse } from 'yaml';
import { renderEnvoy } from '../../src/emit/envoy/index.js';
import type { EmitOptions, EmitResult } from '../../src/emit/types.js';
import { loadInputs } from '../../src/load/index.js';
import { Matcher } from '../../src/model/match.js';
import { resolve } from '../../src/model/resolve.js';
import type { RouteModel } from '../../src/model/types.js';
import { evaluate, type EnvoyRequest } from './evaluate.js';

export interface RoutingRow {
  scheme: 'http' | 'https';
  host: string;
  /** path and query as sent */
  path: string;
  expected: string;
}

export const EMIT_DEFAULTS: EmitOptions = { httpPort: 80, httpsPort: 443, resolver: '10.96.0.10' };

/** A fixture folder (or files) → the model. */
export function modelOfFixture(...paths: string[]): RouteModel {
  return resolve(loadInputs(paths).documents);
}

export function rendered(model: RouteModel, options: EmitOptions = EMIT_DEFAULTS): { result: EmitResult; bootstrap: Record<string, any> } {
  const result = renderEnvoy(model, options);
  return { result, bootstrap: parse(result.files.find((f) => f.path === result.mainFile)!.content) };
}

/** The Envoy answer in outcome() form; a cluster is named after its backend ("ns/svc:port[~variant]"). */
export function envoyOutcome(bootstrap: Record<string, any>, req: EnvoyRequest, options: EmitOptions = EMIT_DEFAULTS): string {
  const a = evaluate(bootstrap, req, options);
  if (a.status === 200 && 'cluster' in a) return a.cluster.split('~')[0];
  if ('location' in a) return `${a.status} ${a.location}`;
  return a.status === 0 ? `no answer (${'reason' in a ? a.reason : ''})` : String(a.status);
}

export function modelOutcome(model: RouteModel, row: RoutingRow, options: EmitOptions = EMIT_DEFAULTS): string {
  const d = new Matcher(model, { httpsPort: options.httpsPort }).match({ scheme: row.scheme, host: row.host, target: row.path });
  if (d.status === 200) return `${d.backend.namespace}/${d.backend.service}:${d.backend.port}`;
  if (d.status === 308) return `308 ${d.location}`;
  return String(d.status);
}

export interface Mismatch {
  row: RoutingRow;
  model: string;
  envoy: string;
}

/** Rows where the model or Envoy disagree with `expected`. */
export function routingMismatches(model: RouteModel, rows: readonly RoutingRow[], options: EmitOptions = EMIT_DEFAULTS): Mismatch[] {
  const { bootstrap } = rendered(model, options);
  const out: Mismatch[] = [];
  for (const row of rows) {
    const m = modelOutcome(model, row, options);
    const e = envoyOutcome(bootstrap, { scheme: row.scheme, host: row.host, target: row.path }, options);
    if (m !== row.expected || e !== row.expected) out.push({ row, model: m, envoy: e });
  }
  return out;
}
