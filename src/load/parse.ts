// Text → Kubernetes objects. Values are built by js-yaml straight from its event stream,
// document by document (yaml-chunks.ts); positions are derived later from the same
// events, only when needed (locate.ts). Large inputs are read on two threads.
import { stageFinding, type Finding } from '../findings/finding.js';
import { SourceText } from './source.js';
import { Document, YamlDocumentText, type K8sObject } from './document.js';
import { MAX_EXPANDED_NODES, readChunk, splitDocuments, type ChunkData } from './yaml-chunks.js';
import { readChunksInParallel } from './parallel.js';

export interface ParsedFile {
  documents: Document[];
  findings: Finding[];
  /** plain scalars that YAML 1.1 (kubectl) and YAML 1.2 read differently */
  ambiguities: { file: string; line: number; column: number; text: string; reading: 'boolean' | 'number' }[];
}

export function parseText(file: string, text: string): ParsedFile {
  const source = new SourceText(file, text);
  const out: ParsedFile = { documents: [], findings: [], ambiguities: [] };
  // A broken document never hides the others, and the parser's events for one
  // document are dropped before the next is read (flat memory).
  const chunks = splitDocuments(text);
  const data = readChunksInParallel(text, chunks) ?? chunks.map((c) => readChunk(text.slice(c.start, c.end)));
  chunks.forEach((c, i) => addChunk(source, c.start, data[i], out));
  return out;
}

function addChunk(source: SourceText, offset: number, data: ChunkData, out: ParsedFile): void {
  const text = source.text;
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
    const docText = new YamlDocumentText(source, text.lastIndexOf('\n', nodeStart - 1) + 1, nodeStart, offset + d.end);
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
