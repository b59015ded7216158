// Large inputs are read on two threads: a worker reads the second half of the chunks
// while this thread reads the first. loadInputs stays synchronous: this thread then
// blocks (Atomics.wait) until the worker's values arrive (receiveMessageOnPort).
// Both threads run the same readChunk, so values and findings are the same either way.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { readChunk, type ChunkData } from './yaml-chunks.js';

/** Below this, starting a worker (~30 ms) costs more than it saves. */
export const PARALLEL_MIN_CHARS = 4 * 1024 * 1024;
/** A worker that has not started by then (it failed to load) is given up on. */
const START_MS = 3_000;
const WAIT_MS = 120_000;

/** The worker: next to the bundle (dist/parse-worker.js), or the TypeScript source run through tsx (tests). */
function startWorker(workerData: unknown, transferList: Transferable[]): Worker | undefined {
  const built = join(__dirname, 'parse-worker.js');
  if (existsSync(built)) return new Worker(built, { workerData, transferList: transferList as any });
  const source = join(__dirname, 'parse-worker.ts');
  if (!existsSync(source)) return undefined;
  const code = `require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`;
  return new Worker(code, { eval: true, workerData, transferList: transferList as any });
}

export function readChunksInParallel(text: string, chunks: readonly { start: number; end: number }[]): ChunkData[] | undefined {
  if (text.length < PARALLEL_MIN_CHARS || chunks.length < 2 || availableParallelism() < 2 || process.env.INGRESSCTL_NO_WORKERS) return undefined;
  // split by size, not count: documents differ in length
  const half = text.length / 2;
  const split = Math.max(1, chunks.findIndex((c) => c.start >= half));
  const mine = chunks.slice(0, split);
  const theirs = chunks.slice(split);
  if (!theirs.length) return undefined;

  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const base = theirs[0].start;
  const workerData = { text: text.slice(base, theirs[theirs.length - 1].end), chunks: theirs.map((c) => ({ start: c.start - base, end: c.end - base })), port: port2, flag };
  const worker = startWorker(workerData, [port2]);
  if (!worker) return undefined;
  worker.on('error', () => undefined); // a failed worker is replaced by this thread below
  const first = mine.map((c) => readChunk(text.slice(c.start, c.end)));
  let second: ChunkData[] | undefined;
  // flag: 0 not started, 1 reading, 2 done
  if (Atomics.wait(flag, 0, 0, START_MS) !== 'timed-out' || Atomics.load(flag, 0) !== 0) {
    if (Atomics.wait(flag, 0, 1, WAIT_MS) !== 'timed-out' || Atomics.load(flag, 0) === 2) {
      const msg = receiveMessageOnPort(port1)?.message as ChunkData[] | { failed: string } | undefined;
      if (Array.isArray(msg)) second = msg;
    }
  }
  void worker.terminate();
  port1.close();
  // if the worker could not do its share, this thread does it
  return [...first, ...(second ?? theirs.map((c) => readChunk(text.slice(c.start, c.end))))];
}
