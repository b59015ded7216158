// Exact positions for a field path, computed on demand: the document's own text is
// re-read into parser events (fast, no values built) and the path is followed there.
import { parseEvents, getScalarValue, EVENT_MAPPING, EVENT_SEQUENCE, EVENT_SCALAR, EVENT_ALIAS, EVENT_POP, SCALAR_STYLE } from 'js-yaml';
import type { PathSeg } from '../model/findings.js';

type Event = ReturnType<typeof parseEvents>[number];

export interface Span {
  start: number;
  end: number;
}

/** A light tree of spans: enough to walk a path to the key or value that a finding is about. */
export type SpanNode =
  | { t: 'map'; span: Span; pairs: { key: string; keySpan: Span; value: SpanNode }[] }
  | { t: 'seq'; span: Span; items: SpanNode[] }
  | { t: 'leaf'; span: Span };

function nodeStart(e: { anchorStart: number; tagStart: number }, own: number): number {
  const marks = [own];
  if (e.anchorStart >= 0) marks.push(e.anchorStart - 1);
  if (e.tagStart >= 0) marks.push(e.tagStart);
  return Math.min(...marks);
}

/** The span of an empty scalar: replaced by its key's span when located. */
const EMPTY: Span = { start: -1, end: -1 };

/** Builds the span tree of the first document in `text` (offsets shifted by `base`). */
export function spanTree(text: string, base: number): SpanNode | undefined {
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: 1000 });
  } catch {
    return undefined;
  }
  let i = 0;
  while (i < events.length && events[i].type !== EVENT_MAPPING && events[i].type !== EVENT_SEQUENCE && events[i].type !== EVENT_SCALAR) i++;
  if (i >= events.length) return undefined;

  const read = (): SpanNode => {
    const e = events[i++] as any;
    if (e.type === EVENT_SCALAR) {
      // an empty value ("key:" with nothing after it) has no text of its own: located at its key
      if (e.valueStart < 0 && e.tagStart < 0 && e.anchorStart < 0) return { t: 'leaf', span: EMPTY };
      // quoted scalars' offsets exclude the quotes; a finding points at the opening quote
      const quoted = e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED ? 1 : 0;
      return { t: 'leaf', span: { start: base + nodeStart(e, e.valueStart - quoted), end: base + e.valueEnd + quoted } };
    }
    if (e.type === EVENT_ALIAS) {
      return { t: 'leaf', span: { start: base + e.anchorStart - 1, end: base + e.anchorEnd } };
    }
    const start = base + nodeStart(e, e.start);
    if (e.type === EVENT_MAPPING) {
      const pairs: { key: string; keySpan: Span; value: SpanNode }[] = [];
      while (events[i].type !== EVENT_POP) {
        const keyEvent = events[i] as any;
        const keyNode = read();
        const key = keyEvent.type === EVENT_SCALAR ? getScalarValue(text, keyEvent) : '';
        const value = read();
        pairs.push({ key, keySpan: keyNode.span, value });
      }
      i++;
      return { t: 'map', span: { start, end: start + 1 }, pairs };
    }
    const items: SpanNode[] = [];
    while (events[i].type !== EVENT_POP) items.push(read());
    i++;
    return { t: 'seq', span: { start, end: start + 1 }, items };
  };
  return read();
}

/**
 * Follows `path` as far as it exists. Returns the span of the key (at = 'key') or value
 * of the deepest field reached: a missing field is reported on its parent.
 */
export function spanOf(root: SpanNode, path: readonly PathSeg[], at: 'key' | 'value'): Span {
  let node = root;
  let keySpan: Span | undefined;
  for (const seg of path) {
    if (node.t === 'map') {
      // A mapping with a duplicated key keeps the last one, as the value reader does.
      let next: (typeof node.pairs)[number] | undefined;
      for (const p of node.pairs) if (p.key === String(seg)) next = p;
      if (!next) break;
      keySpan = next.keySpan;
      node = next.value;
    } else if (node.t === 'seq' && typeof seg === 'number' && seg < node.items.length) {
      keySpan = undefined;
      node = node.items[seg];
    } else break;
  }
  const span = at === 'key' && keySpan ? keySpan : node.span;
  return span === EMPTY ? (keySpan ?? root.span) : span;
}
