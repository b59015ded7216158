// Process entry: real streams in, exit code out. The only place that touches process.
import { readSync } from 'node:fs';
import { MAX_FILE_BYTES } from '../load/files.js';
import { fdOutput } from './fd-output.js';
import { run } from './run.js';

/** Standard input, read only up to one byte past the input limit (the loader then refuses it): memory stays bounded. Bytes, not text: the loader refuses what is not UTF-8, as for a file. */
function readStdin(): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total <= MAX_FILE_BYTES) {
    const chunk = Buffer.allocUnsafe(1 << 16);
    const n = readSync(0, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}

export function main(): void {
  const io = {
    // descriptors 1 and 2 written directly: process.stdout / process.stderr are made only
    // when needed (src/cli/fd-output.ts), their streams are not part of every start-up
    stdout: fdOutput(1, () => process.stdout),
    stderr: fdOutput(2, () => process.stderr),
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
