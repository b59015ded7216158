// File names as URI references (SARIF artifact locations): relative to the working
// directory with forward slashes when inside it, else file:// URIs.
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export function fileUri(file: string, cwd: string): string {
  const abs = isAbsolute(file);
  const rel = abs ? relative(cwd, file) : file;
  if (abs && (rel.startsWith('..') || isAbsolute(rel))) return pathToFileURL(file).href;
  return rel.split(sep).map(encodeURIComponent).join('/');
}
