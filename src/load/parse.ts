// Text → Kubernetes objects. Values and positions are built by js-yaml straight from its
// event stream, document by document (yaml-chunks.ts), in one parse.
import { stageFinding, type Finding } from '../findings/finding.js';
import { SourceText } from './source.js';
import { Document, YamlDocumentText, type K8sObject } from './document.js';
import { MAX_EXPANDED_NODES, readChunk, splitDocuments, type ChunkData } from './yaml-chunks.js';

export interface ParsedFile {
  documents: Document[];
  findings: Finding[];
  /** plain scalars that YAML 1.1 (kubectl) and YAML 1.2 read differently */
  ambiguities: { file: string; line: number; column: number; text: string; reading: 'boolean' | 'number' }[];
}

/** Text parsed in one go at most: its parser events are dropped before the next batch is read. */
const BATCH_CHARS = 256 * 1024;

export function parseText(file: string, text: string): ParsedFile {
  const source = new SourceText(file, text);
  const out: ParsedFile = { documents: [], findings: [], ambiguities: [] };
  // A broken document never hides the others, and the parser's events are dropped batch
  // by batch (flat memory).
  // Consecutive documents are parsed together up to BATCH_CHARS (each parse has a fixed
  // cost); a batch that fails is read again document by document.
  const chunks = splitDocuments(text);
  for (let i = 0; i < chunks.length; ) {
    let j = i + 1;
    while (j < chunks.length && chunks[j].end - chunks[i].start <= BATCH_CHARS) j++;
    const data = readChunk(text, chunks[i].start, chunks[j - 1].end);
    if (data.ok || j === i + 1) addChunk(source, chunks[i].start, data, out);
    else for (let k = i; k < j; k++) addChunk(source, chunks[k].start, readChunk(text, chunks[k].start, chunks[k].end), out);
    i = j;
  }
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
