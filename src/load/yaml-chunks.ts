// YAML text → plain values and their positions, one "---" chunk at a time, from one
// parse: js-yaml's events build the values and the position index (positions.ts).
import { parseEvents, constructFromEvents, YAMLException, EVENT_DOCUMENT, EVENT_SCALAR, EVENT_ALIAS, EVENT_POP } from 'js-yaml';
import { kubectlSchema } from './yaml-schema.js';
import { indexDocument, type DocumentNotes, type PositionIndex } from './positions.js';


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
  /** aliases were met: the value may share subtrees (or hold cycles) */
  hasAlias: boolean;
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
    // values are built with the positions (indexDocument); js-yaml's constructor builds the
    // chunk's values only when a document needs it (tags, anchors, aliases, merge keys, an
    // error to report), and they are then its values
    let values: unknown[] | undefined;
    const docs: DocData[] = [];
    // one pass over the events: each document's root node is indexed with its subtree
    let d = -1;
    for (let ev = 0; ev < events.length; ev++) {
      const e = events[ev] as any;
      if (e.type === EVENT_DOCUMENT) {
        d++;
        continue;
      }
      if (e.type === EVENT_POP) continue; // a document's end
      const notes: DocumentNotes = { next: ev + 1, hasAlias: false, ambiguous: [], value: undefined, built: false };
      const positions = indexDocument(events, ev, text, whole, start, notes);
      ev = notes.next - 1;
      const value = notes.built ? notes.value : (values ??= constructFromEvents(events, { source: text, schema: kubectlSchema, maxAliases: 10_000 }))[d];
      if (value === null || value === undefined) continue; // empty document
      const aliasBomb = notes.hasAlias && expandedSize(value) > MAX_EXPANDED_NODES;
      docs.push({ value: aliasBomb ? undefined : value, nodeStart: rootStart(e), aliasBomb, hasAlias: notes.hasAlias, ambiguous: notes.ambiguous, positions });
    }
    return { ok: true, docs };
  } catch (err) {
    if (err instanceof YAMLException && err.mark) return { ok: false, position: err.mark.position, reason: err.reason };
    return { ok: false, position: 0, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** Text parsed in one go at most: its parser events are dropped before the next batch is read. */
const BATCH_CHARS = 256 * 1024;

/** A read chunk and where its text starts. */
export interface ReadChunk {
  offset: number;
  data: ChunkData;
}

/** Chunks read in one parse: chunks[from, to). */
export interface Batch {
  from: number;
  to: number;
}

/**
 * Groups chunks (splitDocuments) into batches: consecutive chunks are parsed together up to
 * BATCH_CHARS (each parse has a fixed cost), and the parser's events are dropped batch by
 * batch (flat memory).
 */
export function batchChunks(chunks: readonly { start: number; end: number }[], batchChars = BATCH_CHARS): Batch[] {
  const out: Batch[] = [];
  for (let i = 0; i < chunks.length; ) {
    let j = i + 1;
    while (j < chunks.length && chunks[j].end - chunks[i].start <= batchChars) j++;
    out.push({ from: i, to: j });
    i = j;
  }
  return out;
}

/** Reads one batch; a batch that fails is read again chunk by chunk, so a broken document never hides the others. */
export function readBatch(text: string, chunks: readonly { start: number; end: number }[], batch: Batch): ReadChunk[] {
  const { from, to } = batch;
  const data = readChunk(text, chunks[from].start, chunks[to - 1].end);
  if (data.ok || to === from + 1) return [{ offset: chunks[from].start, data }];
  const out: ReadChunk[] = [];
  for (let k = from; k < to; k++) out.push({ offset: chunks[k].start, data: readChunk(text, chunks[k].start, chunks[k].end) });
  return out;
}

/** Where a document's root node starts: its own first character, or its anchor or tag before it. */
function rootStart(e: any): number {
  const own = e.type === EVENT_SCALAR ? e.valueStart : e.type === EVENT_ALIAS ? e.anchorStart - 1 : e.start;
  return Math.min(own, e.anchorStart >= 0 && e.type !== EVENT_ALIAS ? e.anchorStart - 1 : own, e.tagStart >= 0 ? e.tagStart : own);
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
