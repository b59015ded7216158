// The support matrix as a table, JSON or Markdown (`ingressctl annotations`), and
// docs/annotations.md, generated from the same table.
import { NGINX_PREFIX, SUPPORTED_ANNOTATIONS } from '../model/annotations/index.js';
import type { HashFormat } from '../model/policy.js';
import { GATEWAY_MATRIX, HASH_NOTES, HASHES, MATRIX, SUPPORT_TARGETS, type SupportTarget } from './matrix.js';

const DESCRIPTIONS = new Map(SUPPORTED_ANNOTATIONS.map((a) => [a.name, a.description]));
const NAMES = SUPPORTED_ANNOTATIONS.map((a) => a.name);

export function matrixJson(targets: readonly SupportTarget[] = SUPPORT_TARGETS) {
  return {
    prefix: NGINX_PREFIX,
    targets,
    annotations: NAMES.map((name) => ({ name, description: DESCRIPTIONS.get(name), support: Object.fromEntries(targets.map((t) => [t, MATRIX[name][t]])) })),
    hashes: Object.fromEntries((Object.keys(HASHES) as HashFormat[]).map((f) => [f, { written: HASH_NOTES[f], ...Object.fromEntries(targets.map((t) => [t, HASHES[f][t]])) }])),
  };
}

/** Rows of [annotation, cell per target]; a cell is the level, and its note for one target. */
export function matrixRows(targets: readonly SupportTarget[]): string[][] {
  return NAMES.map((name) => [name, ...targets.map((t) => MATRIX[name][t].level + (targets.length === 1 && MATRIX[name][t].note ? `: ${MATRIX[name][t].note}` : ''))]);
}

/** The notes of several targets, listed under the table: "name (target): note". */
export function matrixNotes(targets: readonly SupportTarget[]): string[] {
  if (targets.length === 1) return [];
  return NAMES.flatMap((name) => targets.flatMap((t) => (MATRIX[name][t].note ? [`${name} (${t}, ${MATRIX[name][t].level}): ${MATRIX[name][t].note}`] : [])));
}

export function hashRows(targets: readonly SupportTarget[]): string[][] {
  return (Object.keys(HASHES) as HashFormat[]).map((f) => [f, ...targets.map((t) => (HASHES[f][t] ? 'yes' : 'no')), HASH_NOTES[f]]);
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

function markdownTable(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n') + '\n';
}

export function matrixMarkdown(targets: readonly SupportTarget[] = SUPPORT_TARGETS): string {
  const rows = NAMES.map((name) => [`\`${name}\``, ...targets.map((t) => {
    const s = MATRIX[name][t];
    return s.note ? `${s.level}: ${s.note}` : s.level;
  })]);
  return markdownTable(['annotation', ...targets], rows);
}

export function hashesMarkdown(targets: readonly SupportTarget[] = SUPPORT_TARGETS): string {
  return markdownTable(['hash', ...targets, 'written as'], hashRows(targets).map((r) => [`\`${r[0]}\``, ...r.slice(1)]));
}

/** docs/annotations.md: a test fails when it differs from this. */
export function annotationsDoc(): string {
  return [
    '# Annotations',
    '',
    '<!-- Generated from src/support/matrix.ts by `npm run docs:annotations`; a test fails when it is stale. -->',
    '',
    `The ingress-nginx annotations ingressctl reads (prefix \`${NGINX_PREFIX}\`), each parsed and validated once into the route model, and how each target honours it: \`exact\`, \`approximate\` (with the difference), or \`unsupported\`. \`render --target T\` and \`lint --target T\` report every unsupported or approximate annotation with its file:line; \`ingressctl annotations [--target T] [-o table|json|markdown]\` prints this table. Any other ingress-nginx annotation is reported as not translated. Snippet annotations are never copied, except into nginx with \`render --allow-snippets\`.`,
    '',
    'An invalid value is a finding at the value and is never applied: the annotation is ignored, except those that guard access (source ranges, auth), whose routes then answer 503 instead of being left open. HAProxy, Envoy and Traefik routes with access annotations they cannot enforce answer 503 (Traefik: 401 when no user can log in there).',
    '',
    matrixMarkdown(),
    '## What each annotation means',
    '',
    ...NAMES.map((n) => `- \`${n}\`: ${DESCRIPTIONS.get(n)}`),
    '',
    '## Gateway API',
    '',
    'How each target honours the Gateway API features of HTTPRoute and GRPCRoute input (`--gateway NS/NAME`).',
    '',
    markdownTable(['feature', ...SUPPORT_TARGETS], Object.entries(GATEWAY_MATRIX).map(([f, row]) => [f, ...SUPPORT_TARGETS.map((t) => (row[t].note ? `${row[t].level}: ${row[t].note}` : row[t].level))])),
    '## Password hashes (auth-secret)',
    '',
    'Which hash formats of the htpasswd file each target can check. Users whose hash a target cannot check cannot log in through it; `render` and `lint --target` name them.',
    '',
    hashesMarkdown(),
  ].join('\n');
}
