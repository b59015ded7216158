import type { Document } from '../load/document.js';
import { formatFieldPath, type PathSeg } from './findings.js';
import type { Origin } from './types.js';

/** An Origin whose line and column are computed only when read (positions are lazy per document). */
export function originOf(doc: Document, path: readonly PathSeg[]): Origin {
  let loc: { line: number; column: number } | undefined;
  const get = () => (loc ??= doc.locate(path));
  const created = doc.obj.metadata?.creationTimestamp;
  const origin = {
    kind: doc.kind,
    namespace: doc.namespace,
    name: doc.name,
    file: doc.file,
    field: formatFieldPath(path),
    ...(typeof created === 'string' ? { creationTimestamp: created } : {}),
  } as Origin;
  Object.defineProperty(origin, 'line', { get: () => get().line, enumerable: true });
  Object.defineProperty(origin, 'column', { get: () => get().column, enumerable: true });
  return origin;
}
