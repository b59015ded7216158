// A loaded Kubernetes object: its value, where it came from, and its positions.
import type { PathSeg } from '../findings/finding.js';
import type { SourceText } from './source.js';
import type { PositionIndex } from './positions.js';

export interface Location {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One YAML document of a file, shared by the objects of a `kind: List`. */
export class YamlDocumentText {
  constructor(
    readonly source: SourceText,
    /** offset of the document's root node */
    readonly nodeStart: number,
    /** where each node of the document is written, recorded when it was parsed */
    readonly positions: PositionIndex,
  ) {}
}

export interface K8sObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown; annotations?: unknown; [k: string]: unknown };
  [k: string]: unknown;
}

export class Document {
  /** namespace after -n / default applied (cluster-scoped kinds keep "") */
  namespace = '';

  constructor(
    readonly obj: K8sObject,
    readonly text: YamlDocumentText,
    /** where this object sits inside its YAML document (['items', 3] for a List item) */
    readonly basePath: readonly PathSeg[],
  ) {}

  get file(): string {
    return this.text.source.file;
  }
  get kind(): string {
    return typeof this.obj.kind === 'string' ? this.obj.kind : '';
  }
  get apiVersion(): string {
    return typeof this.obj.apiVersion === 'string' ? this.obj.apiVersion : '';
  }
  get name(): string {
    const n = this.obj.metadata?.name;
    return typeof n === 'string' ? n : '';
  }
  /** "Kind namespace/name" as findings name an object. */
  get label(): string {
    const id = this.namespace ? `${this.namespace}/${this.name || '<unnamed>'}` : this.name || '<unnamed>';
    return `${this.kind || '<no kind>'} ${id}`;
  }

  /** Where a field's value starts (as locate() gives it): line and column only, one lookup. */
  start(path: readonly PathSeg[]): { line: number; column: number } {
    return this.text.source.position(this.text.positions.locateStart(this.basePath, path, 'value'));
  }

  /** Where a field is written: its value (or its key); a field that is absent, at its parent. */
  locate(path: readonly PathSeg[], at: 'key' | 'value' = 'value'): Location {
    const src = this.text.source;
    const span = this.text.positions.locate(this.basePath, path, at);
    const a = src.position(span.start);
    const b = src.position(span.end);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
}
