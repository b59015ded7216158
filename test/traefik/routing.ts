// Routing rows → the model's Matcher and the rendered Traefik configuration (through the
// evaluator) must both give the expected answer; rows as in test/envoy/routing.ts.
import { parse } from 'yaml';
import { renderTraefik } from '../../src/emit/traefik/index.js';
import type { EmitOptions, EmitResult } from '../../src/emit/types.js';
import type { RouteModel } from '../../src/model/types.js';
import { EMIT_DEFAULTS, modelOutcome, type RoutingRow } from '../envoy/routing.js';
import { backendOfService, evaluate, type TraefikOptions } from './evaluate.js';
import type { Request } from '../../src/model/match.js';

export function renderedTraefik(model: RouteModel, options: EmitOptions = EMIT_DEFAULTS): { result: EmitResult; dynamic: Record<string, any>; static: Record<string, any> } {
  const result = renderTraefik(model, options);
  const file = (p: string) => parse(result.files.find((f) => f.path === p)!.content);
  return { result, dynamic: file('dynamic/routes.yml'), static: file('traefik.yml') };
}

/** The Traefik answer in outcome() form: "ns/svc:port", "<3xx> <location>" or the status. */
export function traefikOutcome(dynamic: Record<string, any>, req: Request, options: TraefikOptions = {}): string {
  const a = evaluate(dynamic, req, options);
  if (a.status === 200 && 'service' in a) return backendOfService(a.service);
  if ('location' in a && a.location) return `${a.status} ${a.location}`;
  return String(a.status);
}

export interface TraefikMismatch {
  row: RoutingRow;
  model: string;
  traefik: string;
}

export function traefikMismatches(model: RouteModel, rows: readonly RoutingRow[], options: EmitOptions = EMIT_DEFAULTS): TraefikMismatch[] {
  const { dynamic } = renderedTraefik(model, options);
  const out: TraefikMismatch[] = [];
  for (const row of rows) {
    const m = modelOutcome(model, row, options);
    const t = traefikOutcome(dynamic, { scheme: row.scheme, host: row.host, target: row.path });
    if (m !== row.expected || t !== row.expected) out.push({ row, model: m, traefik: t });
  }
  return out;
}
