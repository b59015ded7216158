import type { Document } from '../load/document.js';
import { formatFieldPath, type PathSeg } from './findings.js';
import type { Origin } from './types.js';

/**
 * An Origin whose line and column are computed only when read: positions are found by
 * re-reading the document's text, which only output and findings need.
 */
class LazyOrigin implements Origin {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly file: string;
  readonly creationTimestamp?: string;
  private loc?: { line: number; column: number };

  constructor(
    private readonly doc: Document,
    private readonly path: readonly PathSeg[],
  ) {
    this.kind = doc.kind;
    this.namespace = doc.namespace;
    this.name = doc.name;
    this.file = doc.file;
    const created = doc.obj.metadata?.creationTimestamp;
    if (typeof created === 'string') this.creationTimestamp = created;
  }

  get field(): string {
    return formatFieldPath(this.path);
  }
  get line(): number {
    return (this.loc ??= this.doc.locate(this.path)).line;
  }
  get column(): number {
    return (this.loc ??= this.doc.locate(this.path)).column;
  }
}

export function originOf(doc: Document, path: readonly PathSeg[]): Origin {
  return new LazyOrigin(doc, path);
}
