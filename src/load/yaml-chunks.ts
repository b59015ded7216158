// YAML text → plain values and their positions, one "---" chunk at a time, from one
// parse: js-yaml's events build the values and the position index (positions.ts).
import { parseEvents, constructFromEvents, YAMLException, EVENT_DOCUMENT, EVENT_SCALAR, EVENT_ALIAS, EVENT_POP, EVENT_MAPPING, EVENT_SEQUENCE, SCALAR_STYLE } from 'js-yaml';
import { kubectlSchema, yaml11Ambiguity } from './yaml-schema.js';
import { indexDocument, type PositionIndex } from './positions.js';

type Event = ReturnType<typeof parseEvents>[number];

const MAX_DEPTH = 64;
/** Expanded size above which aliases are treated as a "billion laughs" bomb. */
export const MAX_EXPANDED_NODES = 1_000_000;

export interface Ambiguity {
  start: number;
  text: string;
  reading: 'boolean' | 'number';
}

/** One YAML document of a chunk; offsets are relative to the chunk's text. */
export interface DocData {
  /** undefined when refused as an alias bomb */
  value: unknown;
  nodeStart: number;
  aliasBomb: boolean;
  ambiguous: Ambiguity[];
  /** node positions, as offsets into the whole text */
  positions: PositionIndex;
}

export type ChunkData = { ok: true; docs: DocData[] } | { ok: false; position: number; reason: string };

/** Reads text[start, end): offsets in the result are relative to `start`, except positions (whole text). */
export function readChunk(whole: string, start: number, end: number): ChunkData {
  const text = whole.slice(start, end);
  try {
    const events = parseEvents(text, { maxDepth: MAX_DEPTH });
    const values = constructFromEvents(events, { source: text, schema: kubectlSchema, maxAliases: 10_000 });
    const bounds = documentBounds(events, text);
    const docs: DocData[] = [];
    values.forEach((value, d) => {
      const b = bounds[d];
      if (value === null || value === undefined || !b) return; // empty document
      const aliasBomb = b.hasAlias && expandedSize(value) > MAX_EXPANDED_NODES;
      const positions = indexDocument(events, b.rootEvent, text, whole, start);
      docs.push({ value: aliasBomb ? undefined : value, nodeStart: b.nodeStart, aliasBomb, ambiguous: b.ambiguous, positions });
    });
    return { ok: true, docs };
  } catch (err) {
    if (err instanceof YAMLException && err.mark) return { ok: false, position: err.mark.position, reason: err.reason };
    return { ok: false, position: 0, reason: err instanceof Error ? err.message : String(err) };
  }
}

interface DocBounds {
  /** index of the root node's event */
  rootEvent: number;
  nodeStart: number;
  hasAlias: boolean;
  ambiguous: Ambiguity[];
}

/** Where each document's root node starts, and what the events say about it. */
function documentBounds(events: Event[], text: string): (DocBounds | undefined)[] {
  const bounds: (DocBounds | undefined)[] = [];
  let current: DocBounds | undefined;
  let depth = 0;
  let open = false;
  for (let ev = 0; ev < events.length; ev++) {
    const e = events[ev] as any;
    if (e.type === EVENT_DOCUMENT) {
      current = undefined;
      open = true;
      bounds.push(undefined);
      depth = 0;
      continue;
    }
    if (open && depth === 0 && e.type !== EVENT_POP) {
      const own = e.type === EVENT_SCALAR ? e.valueStart : e.type === EVENT_ALIAS ? e.anchorStart - 1 : e.start;
      const marks = [own, e.anchorStart >= 0 && e.type !== EVENT_ALIAS ? e.anchorStart - 1 : own, e.tagStart >= 0 ? e.tagStart : own];
      current = { rootEvent: ev, nodeStart: Math.min(...marks), hasAlias: false, ambiguous: [] };
      bounds[bounds.length - 1] = current;
    }
    if (e.type === EVENT_MAPPING || e.type === EVENT_SEQUENCE) depth++;
    else if (e.type === EVENT_POP) {
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

/**
 * Splits a stream at "---" lines (a document marker at column 0 always starts a
 * document in YAML, even inside block scalars); each chunk keeps its offset in the text.
 * A chunk of only directives and comments stays with the document that follows it.
 */
export function splitDocuments(text: string): { start: number; end: number }[] {
  const starts = [0];
  const re = /^---(?=[ \t]|\r?$)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) if (m.index > 0) starts.push(m.index);
  const chunks: { start: number; end: number }[] = [];
  let from = 0;
  for (let i = 1; i <= starts.length; i++) {
    const to = i < starts.length ? starts[i] : text.length;
    if (i < starts.length && onlyDirectives(text, from, to)) continue;
    chunks.push({ start: from, end: to });
    from = to;
  }
  return chunks;
}

/** Whether text[from, to) holds "%" directive lines and comments only: read in place, up to its first other line. */
function onlyDirectives(text: string, from: number, to: number): boolean {
  let found = false;
  for (let at = from; at < to; ) {
    let end = text.indexOf('\n', at);
    if (end === -1 || end > to) end = to;
    const line = text.slice(at, end);
    at = end + 1;
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    if (!line.startsWith('%')) return false;
    found = true;
  }
  return found;
}
