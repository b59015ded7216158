// A fast reader for the YAML that manifests are almost always written in: block mappings and
// sequences of single-line plain or quoted scalars, comments, one document. It builds the
// values and the position index (positions.ts) in one pass over the text, with no parser
// events. Anything else — flow collections, block scalars, anchors, aliases, tags,
// multi-line scalars, escapes, duplicate keys, tabs, CR, non-ASCII — makes it give up, and
// the document is read by js-yaml (yaml-chunks.ts), which also reports every error. Scalars
// are read by the same schema functions js-yaml calls, so both read every value alike; a
// differential test (test/load/plain-yaml.test.ts) holds the two readers to the same values
// and positions.
import { kubectlSchema, yaml11Ambiguity } from './yaml-schema.js';
import { PositionIndex } from './positions.js';
import type { Ambiguity, DocData } from './yaml-chunks.js';

const LEAF = 0;
const MAP = 1;
const SEQ = 2;
const W = 3;

const NL = 10;
const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const SQUOTE = 39;
const DQUOTE = 34;
const BACKSLASH = 92;

/** Thrown (one shared value, no stack) when the text is not in the plain subset. */
const GIVE_UP = { giveUp: true };

/** First characters of plain scalars a YAML 1.1 schema may read as other than a string (null, bool, int, float, merge). */
const MAYBE_TYPED = new Uint8Array(128);
for (const c of '~nNyYtTfFoO0123456789+-.<') MAYBE_TYPED[c.charCodeAt(0)] = 1;

/** Characters that cannot start a plain scalar here (YAML indicators): the rest of js-yaml's grammar. */
const INDICATOR = new Uint8Array(128);
for (const c of '-?:,[]{}#&*!|>\'"%@`') INDICATOR[c.charCodeAt(0)] = 1;

// The state of one read: the whole text, the end of the document, the node index being built.
let src = '';
let end = 0;
let chunkStart = 0;
/** indentation of the line found by the last nextContent() */
let indent = 0;
/** after reading a node: the first character of the next content line (-1 at the end), in column `indent` */
let following = -1;
let nodes = new Int32Array(W * 4096);
let count = 0;
let keys: Map<number, string> | undefined;
let ambiguous: Ambiguity[] = [];

/**
 * Reads text[start, end) — one document, as splitDocuments cuts them — when it is in the
 * plain subset: its documents (none for an empty one), with positions in the whole text and
 * other offsets relative to `start` as readChunk gives them; undefined otherwise.
 */
export function readPlainDocument(text: string, start: number, stop: number): DocData[] | undefined {
  if (hasNonPlainChar(text, start, stop)) return undefined;
  src = text;
  end = stop;
  chunkStart = start;
  count = 0;
  keys = undefined;
  ambiguous = [];
  try {
    let p = start;
    // a document marker line, with nothing after it but a comment
    if (text.startsWith('---', p) && (p + 3 === stop || text.charCodeAt(p + 3) === NL || text.charCodeAt(p + 3) === SPACE)) {
      let q = p + 3;
      while (q < stop && text.charCodeAt(q) === SPACE) q++;
      if (q < stop && text.charCodeAt(q) !== NL && text.charCodeAt(q) !== HASH) return undefined;
      p = lineEnd(q) + 1;
    }
    const root = nextContent(p);
    if (root === -1) return [];
    // a sequence or a scalar is not an object: js-yaml reads it, parse.ts reports it
    if (isSeqItem(root) || scanKey(root) === -1) return undefined;
    const value = readMapping(root, indent);
    if (following !== -1) return undefined; // something less indented than the root follows it
    const positions = new PositionIndex(text, nodes.slice(0, count * W), keys);
    return [{ value, nodeStart: root - start, aliasBomb: false, ambiguous, positions }];
  } catch (err) {
    if (err === GIVE_UP) return undefined;
    throw err;
  } finally {
    src = '';
  }
}

function hasNonPlainChar(text: string, start: number, stop: number): boolean {
  for (let i = start; i < stop; i++) {
    const c = text.charCodeAt(i);
    if ((c < SPACE && c !== NL) || c > 126) return true;
  }
  return false;
}

function lineEnd(p: number): number {
  const e = src.indexOf('\n', p);
  return e === -1 || e > end ? end : e;
}

/**
 * From a line start, the first character of the next line holding something other than
 * spaces and a comment (its column in `indent`), or -1 at the end of the document.
 */
function nextContent(p: number): number {
  while (p < end) {
    let q = p;
    while (q < end && src.charCodeAt(q) === SPACE) q++;
    if (q >= end) return -1;
    const c = src.charCodeAt(q);
    if (c === NL) {
      p = q + 1;
      continue;
    }
    if (c === HASH) {
      p = lineEnd(q) + 1;
      continue;
    }
    // a directive or a document marker inside the document: js-yaml's business
    if (q === p && (c === 37 /* % */ || ((c === DASH || c === 46) /* . */ && src.startsWith(c === DASH ? '---' : '...', q)))) throw GIVE_UP;
    indent = q - p;
    return q;
  }
  return -1;
}

function isSeqItem(p: number): boolean {
  if (src.charCodeAt(p) !== DASH) return false;
  const c = p + 1 < end ? src.charCodeAt(p + 1) : NL;
  return c === SPACE || c === NL;
}

function addNode(start: number, stop: number, kind: number): number {
  if ((count + 1) * W > nodes.length) {
    const grown = new Int32Array(nodes.length * 2);
    grown.set(nodes);
    nodes = grown;
  }
  const n = count++;
  nodes[n * W] = start;
  nodes[n * W + 1] = stop;
  nodes[n * W + 2] = kind;
  return n;
}

function closeNode(n: number): void {
  nodes[n * W + 2] |= count << 2;
}

// scanKey's results: the key's text range (quotes excluded), whether quoted, and where its ':' is
let keyStart = 0;
let keyEnd = 0;
let keyQuote = 0;
let keyColon = 0;

/**
 * Whether a mapping key starts at p: a plain or quoted scalar on this line followed by ':'
 * and a space or the line's end. Returns the position after the ':' (or -1), and fills
 * keyStart / keyEnd / keyQuote / keyColon.
 */
function scanKey(p: number): number {
  const c = src.charCodeAt(p);
  let q: number;
  if (c === SQUOTE || c === DQUOTE) {
    const close = quotedEnd(p);
    if (close === -1) return -1;
    keyStart = p + 1;
    keyEnd = close;
    keyQuote = c;
    q = close + 1;
    while (q < end && src.charCodeAt(q) === SPACE) q++;
    if (q >= end || src.charCodeAt(q) !== COLON) return -1;
  } else {
    if (!plainStart(p)) return -1;
    q = p;
    for (;;) {
      if (q >= end) return -1;
      const ch = src.charCodeAt(q);
      if (ch === NL) return -1;
      if (ch === COLON) {
        const next = q + 1 < end ? src.charCodeAt(q + 1) : NL;
        if (next === SPACE || next === NL) break;
      } else if (ch === HASH && src.charCodeAt(q - 1) === SPACE) return -1;
      q++;
    }
    let e = q;
    while (src.charCodeAt(e - 1) === SPACE) e--;
    keyStart = p;
    keyEnd = e;
    keyQuote = 0;
  }
  keyColon = q;
  const next = q + 1 < end ? src.charCodeAt(q + 1) : NL;
  if (next !== SPACE && next !== NL) return -1;
  return q + 1;
}

function plainStart(p: number): boolean {
  const c = src.charCodeAt(p);
  if (c === DASH || c === 63 /* ? */ || c === COLON) {
    // "-x", "?x", ":x" start plain scalars; "- ", "? ", ": " are indicators
    const next = p + 1 < end ? src.charCodeAt(p + 1) : NL;
    return next !== SPACE && next !== NL;
  }
  return !INDICATOR[c];
}

/** The closing quote of a quoted scalar starting at p on this line, or -1 (none, an escape, or a line break). */
function quotedEnd(p: number): number {
  const quote = src.charCodeAt(p);
  const stop = lineEnd(p);
  for (let i = p + 1; i < stop; i++) {
    const ch = src.charCodeAt(i);
    if (ch === quote) {
      if (quote === SQUOTE && i + 1 < stop && src.charCodeAt(i + 1) === SQUOTE) {
        i++; // '' is one quote
        continue;
      }
      return i;
    }
    if (ch === BACKSLASH && quote === DQUOTE) return -1;
  }
  return -1;
}

function quotedValue(from: number, to: number, quote: number): string {
  const s = src.slice(from, to);
  return quote === SQUOTE && s.includes("''") ? s.replaceAll("''", "'") : s;
}

/** A plain scalar's value as the kubectl schema reads it, noting YAML 1.1 ambiguities. */
function plainValue(from: number, to: number): unknown {
  const s = src.slice(from, to);
  const c = s.charCodeAt(0);
  if (c < 128 && !MAYBE_TYPED[c]) return s;
  if (to - from <= 12) {
    const reading = yaml11Ambiguity(s);
    if (reading) ambiguous.push({ start: from - chunkStart, text: s, reading });
  }
  return kubectlSchema.resolveImplicitScalarTag(s).value;
}

/** A block mapping whose first key is at p, in column n. */
function readMapping(p: number, n: number): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  const me = addNode(p, p + 1, MAP);
  for (;;) {
    const afterColon = scanKey(p);
    if (afterColon === -1) throw GIVE_UP;
    if (keyEnd - keyStart > 1024) throw GIVE_UP; // js-yaml's limit on implicit keys
    let key: string;
    const k = keyQuote ? addNode(keyStart - 1, keyEnd + 1, LEAF) : addNode(keyStart, keyEnd, LEAF);
    if (keyQuote) {
      key = quotedValue(keyStart, keyEnd, keyQuote);
      (keys ??= new Map()).set(k, key);
    } else key = String(plainValue(keyStart, keyEnd));
    // merge keys, __proto__ and duplicates (an error) are js-yaml's
    if (key === '__proto__' || key === '<<' || Object.prototype.hasOwnProperty.call(obj, key)) throw GIVE_UP;
    let q = afterColon;
    while (q < end && src.charCodeAt(q) === SPACE) q++;
    const c = q < end ? src.charCodeAt(q) : NL;
    if (c === NL || c === HASH) {
      // the value is on the lines below: a nested block, a sequence at this indentation, or empty
      const next = nextContent(lineEnd(q) + 1);
      if (next !== -1 && indent > n) obj[key] = readBlock(next, indent);
      else if (next !== -1 && indent === n && isSeqItem(next)) obj[key] = readSequence(next, n);
      else {
        addNode(-1, -1, LEAF);
        obj[key] = null;
        following = next;
      }
    } else {
      obj[key] = readInlineScalar(q);
      if (following !== -1 && indent > n) throw GIVE_UP; // a continuation line
    }
    if (following === -1 || indent < n) {
      closeNode(me);
      return obj;
    }
    if (indent > n) throw GIVE_UP;
    p = following;
  }
}

/** A block sequence whose first "-" is at p, in column n. */
function readSequence(p: number, n: number): unknown[] {
  const arr: unknown[] = [];
  const me = addNode(p, p + 1, SEQ);
  for (;;) {
    let q = p + 1;
    while (q < end && src.charCodeAt(q) === SPACE) q++;
    const c = q < end ? src.charCodeAt(q) : NL;
    if (c === NL || c === HASH) {
      const next = nextContent(lineEnd(q) + 1);
      if (next !== -1 && indent > n) arr.push(readBlock(next, indent));
      else {
        addNode(-1, -1, LEAF);
        arr.push(null);
        following = next;
      }
    } else if (isSeqItem(q)) {
      throw GIVE_UP; // "- - a": a compact nested sequence
    } else if (scanKey(q) !== -1) {
      // "- key: value": a mapping whose keys sit in the column of its first key
      arr.push(readMapping(q, q - (src.lastIndexOf('\n', q - 1) + 1)));
    } else {
      arr.push(readInlineScalar(q));
      if (following !== -1 && indent > n) throw GIVE_UP; // a continuation line
    }
    if (following === -1 || indent < n) {
      closeNode(me);
      return arr;
    }
    if (indent > n) throw GIVE_UP;
    // the same column but no "-": the next key of the mapping this sequence is the value of
    if (!isSeqItem(following)) {
      closeNode(me);
      return arr;
    }
    p = following;
  }
}

/** A block node starting a line: a sequence or a mapping (a scalar alone on its line may go on: js-yaml's). */
function readBlock(p: number, n: number): unknown {
  if (isSeqItem(p)) return readSequence(p, n);
  if (scanKey(p) === -1) throw GIVE_UP;
  return readMapping(p, n);
}

/** A scalar written after "key: " or "- ", alone on the rest of its line (a comment may follow). */
function readInlineScalar(p: number): unknown {
  const c = src.charCodeAt(p);
  let value: unknown;
  let after: number;
  if (c === SQUOTE || c === DQUOTE) {
    const close = quotedEnd(p);
    if (close === -1) throw GIVE_UP;
    addNode(p, close + 1, LEAF);
    value = quotedValue(p + 1, close, c);
    after = close + 1;
    // only spaces, then a comment or the line's end, may follow
    let q = after;
    while (q < end && src.charCodeAt(q) === SPACE) q++;
    if (q < end && src.charCodeAt(q) !== NL && !(src.charCodeAt(q) === HASH && q > after)) throw GIVE_UP;
  } else {
    if (!plainStart(p)) throw GIVE_UP;
    const stop = lineEnd(p);
    let e = p;
    for (let i = p; i < stop; i++) {
      const ch = src.charCodeAt(i);
      if (ch === COLON) {
        const next = i + 1 < end ? src.charCodeAt(i + 1) : NL;
        if (next === SPACE || next === NL) throw GIVE_UP; // "a: b: c"
      } else if (ch === HASH && src.charCodeAt(i - 1) === SPACE) break;
      if (ch !== SPACE) e = i + 1;
    }
    addNode(p, e, LEAF);
    value = plainValue(p, e);
    after = e;
  }
  following = nextContent(lineEnd(after) + 1);
  return value;
}
