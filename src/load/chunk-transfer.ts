// Read chunks sent from the parse worker to the main thread (parallel.ts). Values go as JSON
// text: V8's structured clone of the same values costs about twice JSON.parse of their JSON.
// Positions go as one transferable Int32Array (not copied). Values JSON would not give back
// exactly go by structured clone instead: NaN, ±Infinity, -0, anything but plain objects,
// arrays, strings, booleans and null (!!binary's Uint8Array), and any document with aliases
// (its subtrees may be shared, or form a cycle, which JSON would copy or refuse).
import { PositionIndex } from './positions.js';
import type { Ambiguity, DocData, ReadChunk } from './yaml-chunks.js';

/** A batch's chunks, as posted by the worker. */
export interface PackedBatch {
  batch: number;
  /** per chunk: its offset, and its number of documents or -1 when it failed */
  chunks: number[];
  /** per failed chunk, in order */
  errors: { position: number; reason: string }[];
  /** a JSON array with a value per document (0 where the value is in `cloned`) */
  json: string;
  /** values JSON would not carry exactly, in document order */
  cloned: unknown[];
  /** per document: nodeStart, flags (ALIAS_BOMB | HAS_ALIAS | CLONED), end of its nodes in `nodes` */
  docs: Int32Array;
  nodes: Int32Array;
  /** per document with ambiguities or decoded keys: [document, ambiguities, [node, key]…] */
  extras: [number, Ambiguity[], [number, string][]][];
}

const ALIAS_BOMB = 1;
const HAS_ALIAS = 2;
const CLONED = 4;

/** Packs one batch's chunks (worker side); `transfer` lists the buffers to move, not copy. */
export function packBatch(batch: number, read: readonly ReadChunk[]): { packed: PackedBatch; transfer: ArrayBuffer[] } {
  const chunks: number[] = [];
  const errors: PackedBatch['errors'] = [];
  const values: unknown[] = [];
  const cloned: unknown[] = [];
  const extras: PackedBatch['extras'] = [];
  const all: DocData[] = [];
  let nodeCount = 0;
  for (const { offset, data } of read) {
    chunks.push(offset, data.ok ? data.docs.length : -1);
    if (!data.ok) {
      errors.push({ position: data.position, reason: data.reason });
      continue;
    }
    for (const d of data.docs) {
      all.push(d);
      nodeCount += d.positions.nodes.length;
    }
  }
  const docs = new Int32Array(all.length * 3);
  const nodes = new Int32Array(nodeCount);
  let at = 0;
  all.forEach((d, i) => {
    let flags = (d.aliasBomb ? ALIAS_BOMB : 0) | (d.hasAlias ? HAS_ALIAS : 0);
    if (!d.aliasBomb && (d.hasAlias || !jsonExact(d.value))) {
      flags |= CLONED;
      cloned.push(d.value);
      values.push(0);
    } else values.push(d.aliasBomb ? 0 : d.value);
    nodes.set(d.positions.nodes, at);
    at += d.positions.nodes.length;
    docs[i * 3] = d.nodeStart;
    docs[i * 3 + 1] = flags;
    docs[i * 3 + 2] = at;
    if (d.ambiguous.length || d.positions.keys) extras.push([i, d.ambiguous, d.positions.keys ? [...d.positions.keys] : []]);
  });
  const packed: PackedBatch = { batch, chunks, errors, json: JSON.stringify(values), cloned, docs, nodes, extras };
  return { packed, transfer: [docs.buffer as ArrayBuffer, nodes.buffer as ArrayBuffer] };
}

/** The chunks of a packed batch, as readBatch gave them in the worker (main thread side). */
export function unpackBatch(text: string, packed: PackedBatch): ReadChunk[] {
  const values = JSON.parse(packed.json) as unknown[];
  const extras = new Map(packed.extras.map((e) => [e[0], e]));
  const { docs, nodes } = packed;
  const out: ReadChunk[] = [];
  let d = 0;
  let nextError = 0;
  let nextCloned = 0;
  for (let c = 0; c < packed.chunks.length; c += 2) {
    const offset = packed.chunks[c];
    const count = packed.chunks[c + 1];
    if (count < 0) {
      const { position, reason } = packed.errors[nextError++];
      out.push({ offset, data: { ok: false, position, reason } });
      continue;
    }
    const list: DocData[] = [];
    for (const end = d + count; d < end; d++) {
      const flags = docs[d * 3 + 1];
      const extra = extras.get(d);
      const keys = extra && extra[2].length ? new Map(extra[2]) : undefined;
      const positions = new PositionIndex(text, nodes.subarray(d ? docs[d * 3 - 1] : 0, docs[d * 3 + 2]), keys);
      list.push({
        value: flags & ALIAS_BOMB ? undefined : flags & CLONED ? packed.cloned[nextCloned++] : values[d],
        nodeStart: docs[d * 3],
        aliasBomb: (flags & ALIAS_BOMB) !== 0,
        hasAlias: (flags & HAS_ALIAS) !== 0,
        ambiguous: extra ? extra[1] : [],
        positions,
      });
    }
    out.push({ offset, data: { ok: true, docs: list } });
  }
  return out;
}

/** Whether JSON.parse(JSON.stringify(value)) gives back exactly `value` (without aliases: no shared subtrees). */
export function jsonExact(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      // NaN, ±Infinity become null; -0 becomes 0
      return Number.isFinite(value) && (value !== 0 || 1 / value > 0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!jsonExact(value[i])) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      // own enumerable keys, "__proto__" included (JSON.parse makes it an own key again)
      const keys = Object.keys(value);
      for (let i = 0; i < keys.length; i++) if (!jsonExact((value as Record<string, unknown>)[keys[i]])) return false;
      return true;
    }
    default:
      return false;
  }
}
