// load: paths → Kubernetes objects with source positions, plus the findings of reading them.
import type { Finding } from '../model/findings.js';
import type { Document } from './document.js';
import { expandPaths, readManifest, UnparsableInput } from './files.js';
import { parseText, type ParsedFile } from './parse.js';

export { InputError } from './errors.js';
export type { Document } from './document.js';

export interface LoadOptions {
  /** namespace for objects without one (kubectl -n); default "default" */
  namespace?: string;
  /** text of standard input, for the path '-' */
  stdin?: () => string;
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
  const files = expandPaths(paths.length ? paths : ['-']);
  const result: LoadResult = { documents: [], findings: [], ambiguities: [], files: [] };
  let stdinText: string | undefined;
  for (const file of files) {
    if (file === '-') stdinText ??= options.stdin ? options.stdin() : '';
    let input;
    try {
      input = readManifest(file, stdinText);
    } catch (err) {
      if (!(err instanceof UnparsableInput)) throw err;
      result.files.push(err.file ?? file);
      result.findings.push({
        ruleId: 'invalid-input', severity: 'error', message: err.message,
        file: err.file ?? file, line: err.line ?? 1, column: err.column ?? 1,
        hint: 'Give a YAML or JSON manifest file.',
      });
      continue;
    }
    result.files.push(input.file);
    const parsed = parseText(input.file, input.text);
    result.findings.push(...parsed.findings);
    result.ambiguities.push(...parsed.ambiguities);
    for (const doc of parsed.documents) {
      const ns = doc.obj.metadata?.namespace;
      doc.namespace = CLUSTER_SCOPED.has(doc.kind) ? '' : typeof ns === 'string' && ns ? ns : options.namespace || 'default';
      result.documents.push(doc);
    }
  }
  return result;
}
