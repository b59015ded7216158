// Text → Kubernetes objects. Values and positions are built by js-yaml straight from its
// event stream, document by document (yaml-chunks.ts), in one parse.
import { stageFinding, type Finding } from '../findings/finding.js';
import { SourceText } from './source.js';
import { Document, YamlDocumentText, type K8sObject } from './document.js';
import { MAX_EXPANDED_NODES, batchChunks, readBatch, splitDocuments, type ChunkData, type ReadChunk } from './yaml-chunks.js';
import { readInParallel, type ParallelOptions } from './parallel.js';

export interface ParsedFile {
  documents: Document[];
  findings: Finding[];
  /** plain scalars that YAML 1.1 (kubectl) and YAML 1.2 read differently */
  ambiguities: { file: string; line: number; column: number; text: string; reading: 'boolean' | 'number' }[];
}

export function parseText(file: string, text: string, options: ParallelOptions = {}): ParsedFile {
  const chunks = splitDocuments(text);
  // large texts are read on two threads (parallel.ts), others here, batch by batch
  const read = readInParallel(text, chunks, options) ?? batchChunks(chunks, options.batchChars).flatMap((batch) => readBatch(text, chunks, batch));
  return parsedFile(file, text, read);
}

/** A file's objects and findings from its read chunks (read on this thread or by the parse worker). */
export function parsedFile(file: string, text: string, read: readonly ReadChunk[]): ParsedFile {
  const source = new SourceText(file, text);
  const out: ParsedFile = { documents: [], findings: [], ambiguities: [] };
  for (const r of read) addChunk(source, r.offset, r.data, out);
  return out;
}

function addChunk(source: SourceText, offset: number, data: ChunkData, out: ParsedFile): void {
  const at = (pos: number) => source.position(offset + pos);
  if (!data.ok) {
    const p = at(data.position);
    out.findings.push(stageFinding('yaml-syntax', {
      file: source.file, line: p.line, column: p.column,
      message: `YAML syntax error: ${data.reason}`,
      hint: 'Fix the YAML at this position; the file was read document by document around it.',
    }));
    return;
  }
  for (const d of data.docs) {
    const nodeStart = offset + d.nodeStart;
    const docText = new YamlDocumentText(source, nodeStart, d.positions);
    if (d.aliasBomb) {
      const p = at(d.nodeStart);
      out.findings.push(stageFinding('yaml-syntax', {
        file: source.file, line: p.line, column: p.column,
        message: `aliases expand this document beyond ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes (an alias bomb); refused`,
        hint: 'Write the values out instead of nesting aliases.',
      }));
      continue;
    }
    for (const a of d.ambiguous) {
      const p = at(a.start);
      out.ambiguities.push({ file: source.file, line: p.line, column: p.column, text: a.text, reading: a.reading });
    }
    const value = d.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const p = at(d.nodeStart);
      out.findings.push(stageFinding('yaml-syntax', {
        file: source.file, line: p.line, column: p.column,
        message: `document is ${Array.isArray(value) ? 'a sequence' : 'a scalar'}, not a Kubernetes object (a mapping)`,
        hint: 'Each YAML document must be one object with apiVersion, kind and metadata.',
      }));
      continue;
    }
    const obj = value as K8sObject;
    if (obj.kind === 'List' || (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items))) {
      const items = Array.isArray(obj.items) ? obj.items : [];
      items.forEach((item, i) => {
        if (item && typeof item === 'object' && !Array.isArray(item)) out.documents.push(new Document(item as K8sObject, docText, ['items', i]));
      });
      continue;
    }
    out.documents.push(new Document(obj, docText, []));
  }
}
