import type { Document } from '../load/document.js';
import { formatFieldPath, type PathSeg } from './findings.js';
import { NGINX_PREFIX } from './annotations/types.js';
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

  sibling(path: readonly PathSeg[]): Origin {
    return new LazyOrigin(this.doc, path);
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

/**
 * The origin of another field of the object `o` points into (an annotation beside a
 * route's path), so a finding can name the exact line; undefined when `o` was not made
 * by originOf.
 */
export function fieldOrigin(o: Origin, path: readonly PathSeg[]): Origin | undefined {
  return o instanceof LazyOrigin ? o.sibling(path) : undefined;
}

/** Where annotation `name` (after nginx.ingress.kubernetes.io/) is written on the object of `o`; `o` itself when unknown. */
export function annotationOrigin(o: Origin, name: string): Origin {
  return fieldOrigin(o, ['metadata', 'annotations', NGINX_PREFIX + name]) ?? o;
}
