// A loaded Kubernetes object: its value, where it came from, and lazy positions.
import type { PathSeg } from '../findings/finding.js';
import type { SourceText } from './source.js';
import { spanTree, spanOf, type SpanNode } from './locate.js';

export interface Location {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** The text range of one YAML document in a file, shared by the objects of a `kind: List`. */
export class YamlDocumentText {
  private tree?: SpanNode | null;

  constructor(
    readonly source: SourceText,
    /** offset of the line where the document's root node starts */
    readonly start: number,
    /** offset of the root node itself */
    readonly nodeStart: number,
    readonly end: number,
  ) {}

  spans(): SpanNode | undefined {
    if (this.tree === undefined) {
      // Keep the root's column: blank out what precedes it on its line ("--- ").
      const text = ' '.repeat(this.nodeStart - this.start) + this.source.text.slice(this.nodeStart, this.end);
      this.tree = spanTree(text, this.start) ?? null;
    }
    return this.tree ?? undefined;
  }
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

  locate(path: readonly PathSeg[], at: 'key' | 'value' = 'value'): Location {
    const tree = this.text.spans();
    const src = this.text.source;
    const span = tree ? spanOf(tree, [...this.basePath, ...path], at) : { start: this.text.nodeStart, end: this.text.nodeStart + 1 };
    const a = src.position(span.start);
    const b = src.position(span.end);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
}
