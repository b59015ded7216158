// Text → Kubernetes objects. Values are built by js-yaml straight from its event
// stream (fast); positions are derived later from the same events, only when needed.
import { parseEvents, constructFromEvents, YAMLException, EVENT_DOCUMENT, EVENT_SCALAR, EVENT_ALIAS, SCALAR_STYLE } from 'js-yaml';
import type { Finding } from '../model/findings.js';
import { SourceText } from './source.js';
import { Document, YamlDocumentText, type K8sObject } from './document.js';
import { kubectlSchema, yaml11Ambiguity } from './yaml-schema.js';

type Event = ReturnType<typeof parseEvents>[number];

export interface ParsedFile {
  documents: Document[];
  findings: Finding[];
  /** plain scalars that YAML 1.1 (kubectl) and YAML 1.2 read differently */
  ambiguities: { file: string; line: number; column: number; text: string; reading: 'boolean' | 'number' }[];
}

const MAX_DEPTH = 64;
/** Expanded size above which aliases are treated as a "billion laughs" bomb. */
const MAX_EXPANDED_NODES = 1_000_000;

export function parseText(file: string, text: string): ParsedFile {
  const source = new SourceText(file, text);
  const out: ParsedFile = { documents: [], findings: [], ambiguities: [] };
  // Document by document: a broken document never hides the others, and the parser's
  // events for one document are dropped before the next is read (flat memory).
  for (const chunk of splitDocuments(text)) {
    const part: ParsedFile = { documents: [], findings: [], ambiguities: [] };
    try {
      parseChunk(source, chunk.text, chunk.offset, part);
    } catch (err) {
      part.documents = [];
      part.ambiguities = [];
      part.findings.push(syntaxFinding(source, err, chunk.offset));
    }
    out.documents.push(...part.documents);
    out.findings.push(...part.findings);
    out.ambiguities.push(...part.ambiguities);
  }
  return out;
}

function parseChunk(source: SourceText, text: string, offset: number, out: ParsedFile): void {
  const events = parseEvents(text, { filename: source.file, maxDepth: MAX_DEPTH });
  const values = constructFromEvents(events, { source: text, filename: source.file, schema: kubectlSchema, maxAliases: 10_000 });
  const bounds = documentBounds(events, text);
  for (let d = 0; d < values.length; d++) {
    const b = bounds[d];
    const value = values[d];
    if (value === null || value === undefined || !b) continue; // empty document
    const docText = new YamlDocumentText(source, offset + lineStartOf(text, b.nodeStart), offset + b.nodeStart, offset + b.end);
    if (b.hasAlias && expandedSize(value) > MAX_EXPANDED_NODES) {
      const p = source.position(offset + b.nodeStart);
      out.findings.push({
        ruleId: 'yaml-syntax', severity: 'error', file: source.file, line: p.line, column: p.column,
        message: `aliases expand this document beyond ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes (an alias bomb); refused`,
        hint: 'Write the values out instead of nesting aliases.',
      });
      continue;
    }
    for (const a of b.ambiguous) {
      const p = source.position(offset + a.start);
      out.ambiguities.push({ file: source.file, line: p.line, column: p.column, text: a.text, reading: a.reading });
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      const p = source.position(offset + b.nodeStart);
      out.findings.push({
        ruleId: 'yaml-syntax', severity: 'error', file: source.file, line: p.line, column: p.column,
        message: `document is ${Array.isArray(value) ? 'a sequence' : 'a scalar'}, not a Kubernetes object (a mapping)`,
        hint: 'Each YAML document must be one object with apiVersion, kind and metadata.',
      });
      continue;
    }
    const obj = value as K8sObject;
    if (obj.kind === 'List' || (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items))) {
      const items = Array.isArray(obj.items) ? obj.items : [];
      items.forEach((item, i) => {
        if (item && typeof item === 'object' && !Array.isArray(item)) out.documents.push(new Document(item as K8sObject, docText, ['items', i]));
      });
      continue;
    }
    out.documents.push(new Document(obj, docText, []));
  }
}

interface DocBounds {
  nodeStart: number;
  end: number;
  hasAlias: boolean;
  ambiguous: { start: number; text: string; reading: 'boolean' | 'number' }[];
}

/** Where each document's root node starts, and what the events say about it. */
function documentBounds(events: Event[], text: string): (DocBounds | undefined)[] {
  const textLength = text.length;
  const bounds: (DocBounds | undefined)[] = [];
  let current: DocBounds | undefined;
  let depth = 0;
  let open = false;
  for (const e of events as any[]) {
    if (e.type === EVENT_DOCUMENT) {
      current = undefined;
      open = true;
      bounds.push(undefined);
      depth = 0;
      continue;
    }
    if (open && depth === 0 && e.type !== 6) {
      const own = e.type === EVENT_SCALAR ? e.valueStart : e.type === EVENT_ALIAS ? e.anchorStart - 1 : e.start;
      const marks = [own, e.anchorStart >= 0 && e.type !== EVENT_ALIAS ? e.anchorStart - 1 : own, e.tagStart >= 0 ? e.tagStart : own];
      current = { nodeStart: Math.min(...marks), end: textLength, hasAlias: false, ambiguous: [] };
      const prev = bounds.length >= 2 ? bounds[bounds.length - 2] : undefined;
      if (prev && prev.end === textLength) prev.end = current.nodeStart;
      bounds[bounds.length - 1] = current;
    }
    if (e.type === 3 || e.type === 2) depth++;
    else if (e.type === 6) {
      if (depth === 0) open = false;
      else depth--;
    } else if (e.type === EVENT_ALIAS && current) current.hasAlias = true;
    else if (e.type === EVENT_SCALAR && current && e.style === SCALAR_STYLE.PLAIN && e.tagStart < 0 && e.valueEnd - e.valueStart <= 12) {
      // only short plain scalars can be yes/no/on/off or 0755
      const raw = text.slice(e.valueStart, e.valueEnd);
      const reading = yaml11Ambiguity(raw);
      if (reading) current.ambiguous.push({ start: e.valueStart, text: raw, reading });
    }
  }
  return bounds;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Size of a value as JSON would expand it, counting shared (aliased) subtrees each time. */
function expandedSize(value: unknown): number {
  const memo = new Map<object, number>();
  const size = (v: unknown): number => {
    if (v === null || typeof v !== 'object') return 1;
    const cached = memo.get(v);
    if (cached !== undefined) return cached;
    memo.set(v, 1); // cycles (self-referencing aliases) count once
    let n = 1;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      n += size(child);
      if (n > MAX_EXPANDED_NODES) break;
    }
    memo.set(v, n);
    return n;
  };
  return size(value);
}

function syntaxFinding(source: SourceText, err: unknown, offset: number): Finding {
  if (err instanceof YAMLException && err.mark) {
    const p = source.position(offset + err.mark.position);
    return {
      ruleId: 'yaml-syntax', severity: 'error', file: source.file, line: p.line, column: p.column,
      message: `YAML syntax error: ${err.reason}`,
      hint: 'Fix the YAML at this position; the file was read document by document around it.',
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { ruleId: 'yaml-syntax', severity: 'error', file: source.file, line: 1, column: 1, message: `YAML error: ${message}` };
}

/**
 * Splits a stream at "---" lines (a document marker at column 0 always starts a
 * document in YAML, even inside block scalars); each chunk keeps its offset in the text.
 * A chunk of only directives and comments stays with the document that follows it.
 */
export function splitDocuments(text: string): { text: string; offset: number }[] {
  const starts = [0];
  const re = /^---(?=[ \t]|\r?$)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) if (m.index > 0) starts.push(m.index);
  const chunks: { text: string; offset: number }[] = [];
  let from = 0;
  for (let i = 1; i <= starts.length; i++) {
    const to = i < starts.length ? starts[i] : text.length;
    const body = text.slice(from, to);
    const meaningful = body.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
    if (i < starts.length && meaningful.length && meaningful.every((l) => l.startsWith('%'))) continue;
    chunks.push({ text: body, offset: from });
    from = to;
  }
  return chunks;
}
