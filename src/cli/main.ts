// Process entry: real streams in, exit code out. The only place that touches process.
import { readSync } from 'node:fs';
import { MAX_FILE_BYTES } from '../load/files.js';
import type { Output } from './io.js';
import { run } from './run.js';

/** Standard input, read only up to one byte past the input limit (the loader then refuses it): memory stays bounded. */
function readStdin(): string {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total <= MAX_FILE_BYTES) {
    const chunk = Buffer.allocUnsafe(1 << 16);
    const n = readSync(0, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

/**
 * A process stream that a closed reader cannot crash: `ingressctl … | head` closes the pipe
 * early, and the write then fails with EPIPE. As git and kubectl do, the command goes on
 * quietly (later writes are dropped) and exits with the status it would have had.
 */
export function pipeSafe(stream: NodeJS.WriteStream): Output {
  let closed = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') closed = true;
    else throw err;
  });
  return {
    get isTTY() {
      return stream.isTTY;
    },
    write: (text: string) => (closed ? false : stream.write(text)),
  };
}

export function main(): void {
  const io = {
    stdout: pipeSafe(process.stdout),
    stderr: pipeSafe(process.stderr),
    stdin: readStdin,
    env: process.env,
    cwd: process.cwd(),
  };
  run(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      io.stderr.write(`ingressctl: internal error: ${err?.message ?? err}\n`);
      process.exitCode = 70;
    },
  );
}
export { run } from './run.js';
