import type { Document } from '../load/document.js';
import { formatFieldPath, type PathSeg } from './findings.js';
import { NGINX_PREFIX } from './annotations/types.js';
import type { Origin } from './types.js';

/**
 * The document an Origin was made from, kept under a symbol: JSON.stringify, Object.keys
 * and deep comparisons see only the plain data (kind, name, file, line, column, field).
 */
const SOURCE = Symbol('source document');
type Sourced = Origin & { [SOURCE]?: Document };

/** Field path texts of frozen path arrays: a route's is shared by every Ingress (ingress-shape.ts), one text each. */
const fieldTexts = new WeakMap<readonly PathSeg[], string>();
function fieldText(path: readonly PathSeg[]): string {
  if (!Object.isFrozen(path)) return formatFieldPath(path);
  let text = fieldTexts.get(path);
  if (text === undefined) fieldTexts.set(path, (text = formatFieldPath(path)));
  return text;
}

/** Where field `path` of `doc` is written, located now (positions were recorded in the parse). */
export function originOf(doc: Document, path: readonly PathSeg[]): Origin {
  const loc = doc.start(path);
  const field = fieldText(path);
  const created = doc.obj.metadata?.creationTimestamp;
  // one literal per shape (many thousands are made): no property added afterwards
  return typeof created === 'string'
    ? ({ kind: doc.kind, namespace: doc.namespace, name: doc.name, file: doc.file, line: loc.line, column: loc.column, field, creationTimestamp: created, [SOURCE]: doc } as Sourced)
    : ({ kind: doc.kind, namespace: doc.namespace, name: doc.name, file: doc.file, line: loc.line, column: loc.column, field, [SOURCE]: doc } as Sourced);
}

/**
 * The origin of another field of the object `o` points into (an annotation beside a
 * route's path), so a finding can name the exact line; undefined when `o` was not made
 * by originOf.
 */
export function fieldOrigin(o: Origin, path: readonly PathSeg[]): Origin | undefined {
  const doc = (o as Sourced)[SOURCE];
  return doc && originOf(doc, path);
}

/** Where annotation `name` (after nginx.ingress.kubernetes.io/) is written on the object of `o`; `o` itself when unknown. */
export function annotationOrigin(o: Origin, name: string): Origin {
  return fieldOrigin(o, ['metadata', 'annotations', NGINX_PREFIX + name]) ?? o;
}
