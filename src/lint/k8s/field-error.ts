// API-server style field errors: "<field path>: <type>[ <value>][: <detail>]". The path
// and the error type are what users search for; the detail is our own wording.
import type { Document } from '../../load/document.js';
import { formatFieldPath, type PathSeg } from '../../findings/finding.js';
import type { RuleContext } from '../types.js';

export type ErrorType = 'Required value' | 'Invalid value' | 'Unsupported value' | 'Duplicate value' | 'Forbidden' | 'Too long';

/** Strings quoted, numbers and booleans bare, anything else as JSON (as the API server prints values). */
export function showValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v ?? null);
}

export function fieldError(path: readonly PathSeg[], type: ErrorType, value?: unknown, detail?: string): string {
  const shown = type === 'Required value' || type === 'Forbidden' || type === 'Too long' || value === undefined ? '' : ` ${showValue(value)}`;
  return `${formatFieldPath(path) || '<root>'}: ${type}${shown}${detail ? `: ${detail}` : ''}`;
}

export interface ApiErrorInput {
  value?: unknown;
  detail?: string;
  hint?: string;
  /** report on a different field than the one the error names (a missing field is reported on its parent) */
  at?: readonly PathSeg[];
}

/** Reports one API-server validation error on the field it names. */
export function apiError(ctx: RuleContext, doc: Document, path: readonly PathSeg[], type: ErrorType, input: ApiErrorInput = {}): void {
  ctx.report(doc, { path: input.at ?? path, field: path, at: type === 'Required value' ? 'key' : 'value', message: fieldError(path, type, input.value, input.detail), hint: input.hint });
}

/** One error per problem a name check found. */
export function nameErrors(ctx: RuleContext, doc: Document, path: readonly PathSeg[], value: string, problems: string[], hint?: string): void {
  for (const p of problems) apiError(ctx, doc, path, 'Invalid value', { value, detail: p, hint });
}
