// Field errors worded exactly as the API server words them for a custom resource
// ("<path>: Invalid value: <value>: <detail>"), so that a message found in the Gateway API's
// own tests or in kubectl's output reads the same here.
import { formatFieldPath, type PathSeg } from '../findings/finding.js';

export type ApiErrorType = 'Invalid value' | 'Unsupported value' | 'Required value' | 'Forbidden' | 'Duplicate value' | 'Too long' | 'Too many';

/** Go's %#v-like rendering the API server uses: strings quoted, numbers and booleans bare. */
export function apiValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v ?? null);
}

export function apiServerError(path: readonly PathSeg[], type: ApiErrorType, value: unknown, detail?: string): string {
  const field = formatFieldPath(path) || '<root>';
  const withValue = type !== 'Required value' && type !== 'Forbidden' && value !== undefined;
  return `${field}: ${type}${withValue ? `: ${apiValue(value)}` : ''}${detail ? `: ${detail}` : ''}`;
}
