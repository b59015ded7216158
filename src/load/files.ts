// Paths → texts: files, directories (recursive, sorted), and '-' for stdin.
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync, realpathSync, type Dirent } from 'node:fs';
import { join, extname } from 'node:path';
import { fsErrorText } from '../util/fs-error.js';
import { InputError } from './errors.js';

export const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** Larger inputs are refused: the API server stores objects of at most 1.5 MiB, so this is never a real manifest set. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

export interface InputText {
  file: string;
  text: string;
}

/** Input that was read but is not manifest text (binary, not UTF-8, too large): a finding, not a usage error. */
export class UnparsableInput extends InputError {}

export interface WalkOptions {
  /** walk dot-folders and node_modules too (--include-hidden) */
  includeHidden?: boolean;
}

/** One file to read: `walked` when a directory walk found it (not named on the command line). */
export interface InputFile {
  file: string;
  walked: boolean;
}

/** Folders a walk leaves out, as ESLint and Prettier do: dot-folders (.git, .github…) and node_modules. */
export function skippedFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** Expands paths into the manifest files they name, in a stable order. */
export function expandPaths(paths: readonly string[], options: WalkOptions = {}): string[] {
  return expandInputs(paths, options).map((f) => f.file);
}

/**
 * Expands paths into the files to read, each real file once (by resolved path: `lint a.yaml .`
 * and `routes - -` read each file once), in the order first named.
 */
export function expandInputs(paths: readonly string[], options: WalkOptions = {}): InputFile[] {
  const files: InputFile[] = [];
  const seen = new Set<string>();
  const add = (file: string, walked: boolean, real?: string) => {
    const key = file === '-' ? '-' : real ?? realPath(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push({ file, walked });
  };
  for (const p of paths) {
    if (p === '-') {
      add('-', false);
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      throw new InputError(fsErrorText(err), p);
    }
    if (st.isDirectory()) {
      const found = walk(p, new Set(), !!options.includeHidden);
      if (found.length === 0) throw new InputError('directory holds no manifests (.yaml, .yml, .json)', p);
      for (const f of found) add(f.file, true, f.real);
    } else add(p, false);
  }
  return files;
}

function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/**
 * The manifest files under `dir`, with their real paths when known without a system call
 * (a regular file in a directory whose real path is known). Only symbolic links are stat'ed.
 */
function walk(dir: string, seen: Set<string>, includeHidden: boolean): { file: string; real?: string }[] {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch (err) {
    throw new InputError(`cannot read directory: ${fsErrorText(err)}`, dir);
  }
  if (seen.has(real)) return []; // a symlink loop: each directory is read once
  seen.add(real);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (err) {
    throw new InputError(`cannot read directory: ${fsErrorText(err)}`, dir);
  }
  const out: { file: string; real?: string }[] = [];
  for (const entry of entries) {
    const name = entry.name;
    const full = join(dir, name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const st = statSync(full);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue; // dangling symlink
      }
    } else if (!isDir && !isFile) continue; // a socket, a FIFO, a device
    if (isDir) {
      if (includeHidden || !skippedFolder(name)) out.push(...walk(full, seen, includeHidden));
    } else if (isFile && MANIFEST_EXTENSIONS.has(extname(name).toLowerCase())) out.push(entry.isSymbolicLink() ? { file: full } : { file: full, real: join(real, name) });
  }
  return out;
}

/** Reads one file (or stdin text) as UTF-8 manifest text, refusing binary and oversized input. */
export function readManifest(file: string, stdinText?: string | Buffer): InputText {
  let buf: Buffer;
  if (file === '-') {
    buf = typeof stdinText === 'string' ? Buffer.from(stdinText, 'utf8') : (stdinText ?? Buffer.alloc(0));
    file = '<stdin>';
    if (buf.length > MAX_FILE_BYTES) throw new UnparsableInput(`standard input is over the ${MAX_FILE_BYTES / 1048576} MiB limit for manifest input`, file);
  } else {
    try {
      buf = readBounded(file);
    } catch (err) {
      if (err instanceof UnparsableInput) throw err;
      throw new InputError(fsErrorText(err), file);
    }
  }
  return { file, text: decodeText(file, buf) };
}

/**
 * At most MAX_FILE_BYTES of a file. A regular file over the limit is refused by its size;
 * anything else (a device such as /dev/zero, a pipe) is read only up to the limit, so no
 * input can take unbounded time or memory.
 */
function readBounded(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    if (st.isFile() && st.size > MAX_FILE_BYTES) {
      throw new UnparsableInput(`file is ${(st.size / 1048576).toFixed(1)} MiB, over the ${MAX_FILE_BYTES / 1048576} MiB limit for manifest input`, file);
    }
    if (st.isFile()) return readFileSync(fd);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 16);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > MAX_FILE_BYTES) throw new UnparsableInput(`input is over the ${MAX_FILE_BYTES / 1048576} MiB limit for manifest input (not a regular file)`, file);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

function decodeText(file: string, buf: Buffer): string {
  // what Windows PowerShell 5's `>` writes: said as such, not as a binary file
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    throw new UnparsableInput('UTF-16 text: manifests are read as UTF-8 (convert it first, e.g. iconv -f UTF-16 -t UTF-8)', file, 1, 1);
  }
  const nul = buf.indexOf(0);
  if (nul !== -1) {
    const before = buf.subarray(0, nul).toString('utf8');
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    throw new UnparsableInput('not a text file: contains a NUL byte', file, line, column);
  }
  let text = buf.toString('utf8');
  const bad = text.indexOf('\uFFFD');
  if (bad !== -1 && !Buffer.from(text.slice(0, bad + 1), 'utf8').equals(buf.subarray(0, Buffer.byteLength(text.slice(0, bad + 1))))) {
    const before = text.slice(0, bad);
    throw new UnparsableInput('not valid UTF-8', file, before.split('\n').length, bad - before.lastIndexOf('\n'));
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}
