// Large outputs in pieces: a file whose text is produced piece by piece and written to a
// file or stdout in batches, never joined into one string unless someone reads `content`.
import { closeSync, openSync, writeSync } from 'node:fs';
import { writeBatched, type TextProducer } from '../util/batched.js';
import type { EmittedFile } from './types.js';

/**
 * A file whose text `produce` writes (called once per read or write of the file). `produce`
 * is not enumerable: compared or printed, the file is its path, content and mode.
 */
export function streamedFile(path: string, produce: TextProducer, mode?: number): EmittedFile {
  const file = {
    path,
    get content() {
      let all = '';
      produce((text) => {
        all += text;
      });
      return all;
    },
    ...(mode !== undefined ? { mode } : {}),
  };
  return Object.defineProperty(file, 'produce', { value: produce, enumerable: false });
}

/** Hands a file's text to `write` in pieces of about 64 KB. */
export function writeFileBatched(f: EmittedFile, write: (text: string) => void): void {
  if (f.produce) writeBatched(f.produce, write);
  else write(f.content);
}

/** Writes a file's text to a new file (`wx`: never over an existing one), created with `mode`. */
export function writeNewFile(path: string, f: EmittedFile, mode: number): void {
  const fd = openSync(path, 'wx', mode);
  try {
    writeFileBatched(f, (text) => {
      const buf = Buffer.from(text, 'utf8');
      for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
    });
  } finally {
    closeSync(fd);
  }
}
