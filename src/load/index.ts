// load: paths → Kubernetes objects with source positions, plus the findings of reading them.
import { stageFinding, type Finding } from '../findings/finding.js';
import type { Document } from './document.js';
import { dropDuplicateObjects } from './duplicates.js';
import { expandInputs, readManifest, UnparsableInput, type InputText } from './files.js';
import { templateFinding } from './templates.js';
import { parseText, parsedFile, type ParsedFile } from './parse.js';
import { SharedFiles } from './parallel-files.js';
import type { ReadChunk } from './yaml-chunks.js';
import type { ParallelOptions } from './parallel.js';

export { InputError } from './errors.js';
export type { Document } from './document.js';

export interface LoadOptions {
  /** namespace for objects without one (kubectl -n); default "default" */
  namespace?: string;
  /** text of standard input, for the path '-' */
  stdin?: () => string | Buffer;
  /** walk dot-folders and node_modules too (--include-hidden) */
  includeHidden?: boolean;
  /** keeps only the files this accepts (lint's ignorePaths); stdin '-' is always kept */
  accept?: (file: string) => boolean;
  /** called after each file is read (progress display) */
  progress?: (files: number, objects: number) => void;
  /** whether a worker thread reads part of large files (parallel.ts; by default a text over 8 MiB) */
  parallel?: ParallelOptions;
}

export interface LoadResult {
  documents: Document[];
  /** reading and parsing findings (yaml-syntax, invalid-input): errors here mean input that could not be used */
  findings: Finding[];
  ambiguities: ParsedFile['ambiguities'];
  files: string[];
}

/** Kinds that live outside namespaces: their namespace stays empty. */
export const CLUSTER_SCOPED: ReadonlySet<string> = new Set(['IngressClass', 'GatewayClass', 'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'Node', 'PersistentVolume', 'StorageClass']);

/** Throws InputError for paths that cannot be read (exit 2 everywhere). */
export function loadInputs(paths: readonly string[], options: LoadOptions = {}): LoadResult {
  const inputs = expandInputs(paths.length ? paths : ['-'], { includeHidden: options.includeHidden }).filter((f) => f.file === '-' || !options.accept || options.accept(f.file));
  const result: LoadResult = { documents: [], findings: [], ambiguities: [], files: [] };
  let stdinText: string | Buffer | undefined;
  // many files: a worker reads and parses the last ones meanwhile (parallel-files.ts)
  const shared = SharedFiles.start(inputs.map((f) => f.file), options.parallel);
  try {
    inputs.forEach(({ file, walked }, i) => readInput(file, walked, shared?.take(i)));
  } finally {
    shared?.close();
  }
  function readInput(file: string, walked: boolean, fromWorker: { input: InputText; read: ReadChunk[] } | undefined): void {
    if (file === '-') stdinText ??= options.stdin ? options.stdin() : '';
    let input;
    try {
      input = fromWorker?.input ?? readManifest(file, stdinText);
    } catch (err) {
      if (!(err instanceof UnparsableInput)) throw err;
      result.files.push(err.file ?? file);
      result.findings.push(stageFinding('invalid-input', {
        message: err.message,
        file: err.file ?? file, line: err.line ?? 1, column: err.column ?? 1,
        hint: 'Give a YAML or JSON manifest file.',
      }));
      return;
    }
    // while a worker shares the files, each file is read on one thread
    const parsed = fromWorker ? parsedFile(input.file, input.text, fromWorker.read) : parseText(input.file, input.text, shared ? { ...options.parallel, worker: 'never' } : options.parallel);
    const template = templateFinding(input.file, input.text, parsed.findings, walked);
    if (template) {
      // a template in a walk is skipped (the rest still renders); named, it is an error
      result.files.push(input.file);
      result.findings.push(template);
      return;
    }
    // a walk meets YAML that is not Kubernetes (CI workflows, compose files): left out silently
    if (walked && !parsed.findings.length && !parsed.documents.some((d) => d.apiVersion && d.kind)) return;
    result.files.push(input.file);
    result.findings.push(...parsed.findings);
    result.ambiguities.push(...parsed.ambiguities);
    for (const doc of parsed.documents) {
      const ns = doc.obj.metadata?.namespace;
      doc.namespace = CLUSTER_SCOPED.has(doc.kind) ? '' : typeof ns === 'string' && ns ? ns : options.namespace || 'default';
      result.documents.push(doc);
    }
    options.progress?.(result.files.length, result.documents.length);
  }
  const unique = dropDuplicateObjects(result.documents);
  result.documents = unique.documents;
  result.findings.push(...unique.findings);
  return result;
}
