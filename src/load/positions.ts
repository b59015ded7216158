// Positions recorded in the one parse: while js-yaml's events are turned into values, each
// node's text range is kept in a flat array (three numbers a node, in document order), which
// is enough to follow a field path to the key or value a finding or an origin names.
import { getScalarValue, mergeTag, EVENT_MAPPING, EVENT_SCALAR, EVENT_ALIAS, EVENT_POP, SCALAR_STYLE } from 'js-yaml';
import type { PathSeg } from '../findings/finding.js';
import { kubectlSchema, mayBeAmbiguous, yaml11Ambiguity } from './yaml-schema.js';

/**
 * One of js-yaml's parser events, read field by field below. Not js-yaml's own type: the
 * library's published declarations must not need js-yaml (a devDependency, bundled).
 */
type Event = unknown;

export interface Span {
  start: number;
  end: number;
}

const LEAF = 0;
const MAP = 1;
const SEQ = 2;
/** numbers per node: start, end, info = (index of the node after this subtree) << 2 | kind */
const W = 3;

/**
 * One YAML document's node ranges, as character offsets into its file's text. A mapping's
 * children are its keys and values in turn. Keys are compared with the text where they are
 * written plainly; other keys (quoted, tagged, anchored, complex) are kept decoded in `keys`.
 */
export class PositionIndex {
  constructor(
    private readonly text: string,
    /** (read by chunk-transfer.ts to send an index from the parse worker) */
    readonly nodes: Int32Array,
    /** decoded keys by node, for keys not written plainly */
    readonly keys: Map<number, string> | undefined,
  ) {}

  private next(i: number): number {
    const info = this.nodes[i * W + 2];
    return info >> 2 || i + 1;
  }

  private keyIs(i: number, seg: string): boolean {
    const decoded = this.keys?.get(i);
    if (decoded !== undefined) return decoded === seg;
    const start = this.nodes[i * W];
    return this.nodes[i * W + 1] - start === seg.length && this.text.startsWith(seg, start);
  }

  private span(i: number): Span {
    return { start: this.nodes[i * W], end: this.nodes[i * W + 1] };
  }

  /**
   * Follows `path` as far as it exists. Returns the span of the key (at = 'key') or value
   * of the deepest field reached: a missing field is reported on its parent; an empty
   * value ("key:" and nothing after it) at its key.
   */
  locate(base: readonly PathSeg[], path: readonly PathSeg[], at: 'key' | 'value'): Span {
    return this.span(this.locateNode(base, path, at));
  }

  /** Where locate's span starts (one number, no span made: every route's origin asks for it). */
  locateStart(base: readonly PathSeg[], path: readonly PathSeg[], at: 'key' | 'value'): number {
    return this.nodes[this.locateNode(base, path, at) * W];
  }

  /** The node whose span locate gives. */
  private locateNode(base: readonly PathSeg[], path: readonly PathSeg[], at: 'key' | 'value'): number {
    const nodes = this.nodes;
    const total = base.length + path.length;
    // fields of one object are located one after another (a route's match, then its
    // backendRef; the paths of a rule): the part of the path the last one shares is not
    // followed again
    let s = 0;
    if (chain.index === this) {
      const max = Math.min(total, chain.depth);
      while (s < max && chain.segs[s] === segAt(base, path, s)) s++;
    } else chain.index = this;
    let node = chain.nodes[s];
    let key = chain.keys[s];
    chain.depth = s;
    for (; s < total; s++) {
      const seg = segAt(base, path, s);
      const kind = nodes[node * W + 2] & 3;
      const end = this.next(node);
      let found = -1;
      if (kind === MAP) {
        // A mapping with a duplicated key keeps the last one, as the value reader does.
        const name = typeof seg === 'number' ? String(seg) : seg;
        for (let k = node + 1; k < end; ) {
          const v = this.next(k);
          if (this.keyIs(k, name)) found = k;
          k = this.next(v);
        }
        if (found === -1) break;
        key = found;
        node = this.next(found);
      } else if (kind === SEQ && typeof seg === 'number') {
        let c = node + 1;
        for (let n = 0; n < seg && c < end; n++) c = this.next(c);
        if (c >= end) break;
        key = -1;
        node = c;
      } else break;
      chain.segs[s] = seg;
      chain.nodes[s + 1] = node;
      chain.keys[s + 1] = key;
      chain.depth = s + 1;
    }
    const i = at === 'key' && key !== -1 ? key : node;
    if (nodes[i * W] === -1) return key !== -1 ? key : 0;
    return i;
  }
}

/** Segment `s` of base followed by path. */
function segAt(base: readonly PathSeg[], path: readonly PathSeg[], s: number): PathSeg {
  return s < base.length ? base[s] : path[s - base.length];
}

/**
 * The last located path of one index: its first `depth` segments, and the node (and key
 * node, -1 for none) reached after each number of them (nodes[0]: the root).
 */
const chain: { index: PositionIndex | undefined; depth: number; segs: PathSeg[]; nodes: number[]; keys: number[] } = { index: undefined, depth: 0, segs: [], nodes: [0], keys: [-1] };

function nodeStart(e: { anchorStart: number; tagStart: number }, own: number): number {
  let start = own;
  if (e.anchorStart >= 0 && e.anchorStart - 1 < start) start = e.anchorStart - 1;
  if (e.tagStart >= 0 && e.tagStart < start) start = e.tagStart;
  return start;
}

/** Scratch space for the document being indexed, reused (and grown) from one to the next. */
let scratch = new Int32Array(W * 4096);

/** What indexing a document notes besides positions (offsets relative to the chunk). */
export interface DocumentNotes {
  /** index of the event after the document's root node */
  next: number;
  hasAlias: boolean;
  /** plain scalars (12 characters at most, untagged) that YAML 1.1 and 1.2 read differently */
  ambiguous: { start: number; text: string; reading: 'boolean' | 'number' }[];
  /**
   * The document's value, built in the same pass (see indexDocument); undefined when the
   * document needs js-yaml's own constructor (`built` false).
   */
  value?: unknown;
  built?: boolean;
}

const strTag = kubectlSchema.defaultScalarTag;
const STR = strTag.tagName;
/** Keys a plain object cannot take as its own property by assignment (js-yaml defines them instead). */
const PROTO = '__proto__';
const hasOwn = Object.prototype.hasOwnProperty;

/**
 * A scalar's value as js-yaml's constructor makes it for an untagged, unanchored scalar
 * (constructScalar with kubectlSchema); NEEDS_JS_YAML for the merge key `<<`, which only
 * js-yaml's constructor handles.
 */
const NEEDS_JS_YAML: unique symbol = Symbol('needs js-yaml');
function scalarValue(chunk: string, e: any): unknown {
  const source = getScalarValue(chunk, e);
  // js-yaml tries the implicit tags that name the scalar's first character (and those that
  // name none): with none, the scalar is a string (most keys and names: no tag to try)
  if (e.style !== SCALAR_STYLE.PLAIN || (source.length > 0 && noImplicitTag(source.charCodeAt(0)))) return strTag.resolve(source, false, STR);
  const r = kubectlSchema.resolveImplicitScalarTag(source);
  return r.tag === mergeTag ? NEEDS_JS_YAML : r.value;
}

/** ASCII first characters no implicit tag of kubectlSchema names (none when some tag takes any first character). */
const NO_IMPLICIT_TAG = new Uint8Array(128);
if (kubectlSchema.implicitScalarTags.every((t) => t.implicitFirstChars !== null)) {
  NO_IMPLICIT_TAG.fill(1);
  for (const t of kubectlSchema.implicitScalarTags) for (const c of t.implicitFirstChars ?? []) if (c.length === 1 && c.charCodeAt(0) < 128) NO_IMPLICIT_TAG[c.charCodeAt(0)] = 0;
}
function noImplicitTag(c: number): boolean {
  return c < 128 && NO_IMPLICIT_TAG[c] === 1;
}

/**
 * Indexes the document whose root node is `events[from]`; offsets in `events` are relative
 * to `chunk`, which starts at `offset` in `text`. In the same pass over the events, `notes`
 * gets the aliases and YAML 1.1 ambiguities met, and where the document's events end.
 */
export function indexDocument(events: readonly Event[], from: number, chunk: string, text: string, offset: number, notes: DocumentNotes): PositionIndex {
  let count = 0;
  let keys: Map<number, string> | undefined;
  /** open collections, and per open collection whether its next child is a mapping key */
  const open: number[] = [];
  const atKey: boolean[] = [];
  // The value is built in the same pass, as js-yaml's constructor builds it (plain objects and
  // arrays, scalars resolved by kubectlSchema), for documents without tags, anchors, aliases,
  // merge keys, complex keys, own __proto__ keys or duplicated keys: the first of those met
  // stops the building and the caller has js-yaml construct the document instead (its value
  // and its errors are then exactly js-yaml's).
  let build = true;
  /** the open collections' values, and for mappings the key of the value to come */
  const containers: any[] = [];
  const pending: string[] = [];
  let root: unknown;
  let i = from;
  do {
    const e = events[i++] as any;
    if (e.type === EVENT_POP) {
      const n = open.pop()!;
      atKey.pop();
      if (build) {
        containers.pop();
        pending.pop();
      }
      scratch[n * W + 2] |= count << 2;
      continue;
    }
    if ((count + 1) * W > scratch.length) {
      const grown = new Int32Array(scratch.length * 2);
      grown.set(scratch);
      scratch = grown;
    }
    const n = count++;
    const top = open.length - 1;
    const isKey = top >= 0 && atKey[top];
    // in a mapping, keys and values alternate
    if (top >= 0 && (scratch[open[top] * W + 2] & 3) === MAP) atKey[top] = !isKey;
    let start: number;
    let end: number;
    let kind = LEAF;
    if (e.type === EVENT_SCALAR) {
      if (e.style === SCALAR_STYLE.PLAIN && e.tagStart < 0 && e.valueEnd - e.valueStart <= 12 && e.valueStart >= 0 && mayBeAmbiguous(chunk.charCodeAt(e.valueStart))) {
        const raw = chunk.slice(e.valueStart, e.valueEnd);
        const reading = yaml11Ambiguity(raw);
        if (reading) notes.ambiguous.push({ start: e.valueStart, text: raw, reading });
      }
      if (e.valueStart < 0 && e.tagStart < 0 && e.anchorStart < 0) {
        // an empty value has no text of its own: located at its key
        start = -1;
        end = -1;
      } else {
        // quoted scalars' offsets exclude the quotes; a finding points at the opening quote
        const quoted = e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED ? 1 : 0;
        start = offset + nodeStart(e, e.valueStart - quoted);
        end = offset + e.valueEnd + quoted;
      }
      if (isKey) {
        const plain = e.style === SCALAR_STYLE.PLAIN && e.tagStart < 0 && e.anchorStart < 0 && e.valueStart >= 0;
        if (!plain || chunk.slice(e.valueStart, e.valueEnd).includes('\n')) (keys ??= new Map()).set(n, e.valueStart < 0 ? '' : getScalarValue(chunk, e));
      }
    } else if (e.type === EVENT_ALIAS) {
      notes.hasAlias = true;
      start = offset + e.anchorStart - 1;
      end = offset + e.anchorEnd;
      if (isKey) (keys ??= new Map()).set(n, '');
    } else {
      start = offset + nodeStart(e, e.start);
      end = start + 1;
      kind = e.type === EVENT_MAPPING ? MAP : SEQ;
      if (isKey) (keys ??= new Map()).set(n, '');
    }
    scratch[n * W] = start;
    scratch[n * W + 1] = end;
    scratch[n * W + 2] = kind;
    if (build) {
      let value: unknown;
      if (e.tagStart >= 0 || e.anchorStart >= 0 || e.type === EVENT_ALIAS || (isKey && kind !== LEAF)) build = false;
      else if (kind === LEAF) {
        value = scalarValue(chunk, e);
        if (value === NEEDS_JS_YAML) build = false;
      } else value = kind === MAP ? {} : [];
      if (build) {
        if (top < 0) root = value;
        else {
          const parent = containers[top];
          if (kind === LEAF && isKey) {
            // as js-yaml's object map keys a scalar: by its string
            const k = String(value);
            if (k === PROTO || hasOwn.call(parent, k)) build = false;
            else pending[top] = k;
          } else if (Array.isArray(parent)) parent.push(value);
          else parent[pending[top]] = value;
        }
        if (kind !== LEAF) {
          containers.push(value);
          pending.push('');
        }
      }
    }
    if (kind !== LEAF) {
      open.push(n);
      atKey.push(kind === MAP);
    }
  } while (open.length > 0);
  notes.next = i;
  notes.built = build;
  notes.value = build ? root : undefined;
  return new PositionIndex(text, scratch.slice(0, count * W), keys);
}
