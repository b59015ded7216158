// Large inputs are read on two threads. The text's batches of documents (yaml-chunks.ts) are
// claimed one at a time, this thread from the first, a worker (parse-worker.ts) from the last,
// until they meet: neither waits for the other to start or to catch up, however busy the
// machine. The worker posts each batch it reads (chunk-transfer.ts); loadInputs stays
// synchronous: once this thread has read its share it takes the worker's batches with
// receiveMessageOnPort, blocking in Atomics.wait only for what the worker has not posted yet.
// Both threads run the same readBatch, so values, positions and findings are the same
// either way; a batch the worker did not deliver is read here.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { unpackBatch, type PackedBatch } from './chunk-transfer.js';
import { batchChunks, readBatch, type ReadChunk } from './yaml-chunks.js';

/**
 * Below this many characters one thread reads the text: a worker starts in about 30 ms
 * (measured: see README, Performance), more than a small input takes to read.
 */
export const PARALLEL_MIN_CHARS = 2 * 1024 * 1024;
/** A worker that posts nothing for this long is given up on; this thread reads the rest. */
const STALL_MS = 30_000;

/** Who holds a batch (the shared claims array) */
export const MAIN = 1;
export const WORKER = 2;

/**
 * 'auto': a worker reads part of texts over PARALLEL_MIN_CHARS; 'never': this thread reads
 * everything; 'split' (tests): the worker reads the second half of the batches, whatever the size.
 */
export type WorkerMode = 'auto' | 'never' | 'split';

export interface ParallelOptions {
  worker?: WorkerMode;
  /** characters per batch (tests: small batches give small texts several) */
  batchChars?: number;
}

/** The last text read on two threads: its batches, and how many the worker delivered (tests, benchmarks). */
export const lastRead = { batches: 0, byWorker: 0, ownMs: 0, waitMs: 0 };

/** The worker's script: beside the bundle (dist/parse-worker.js), or the TypeScript source through tsx (tests). */
function workerScript(): { code: string; eval: boolean } | undefined {
  const built = join(__dirname, 'parse-worker.js');
  if (existsSync(built)) return { code: built, eval: false };
  const source = join(__dirname, 'parse-worker.ts');
  if (!existsSync(source)) return undefined;
  return { code: `require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, eval: true };
}

function modeOf(options: ParallelOptions): WorkerMode {
  const env = process.env.INGRESSCTL_PARSE_WORKER;
  return options.worker ?? (env === 'never' || env === 'split' ? env : 'auto');
}

/** The chunks of `text` read on two threads, in order; undefined when one thread reads it (small text, one core, no worker script). */
export function readInParallel(text: string, chunks: readonly { start: number; end: number }[], options: ParallelOptions = {}): ReadChunk[] | undefined {
  const mode = modeOf(options);
  if (mode === 'never' || (mode === 'auto' && (text.length < PARALLEL_MIN_CHARS || availableParallelism() < 2))) return undefined;
  const batches = batchChunks(chunks, options.batchChars);
  if (batches.length < 2) return undefined;
  const script = workerScript();
  if (!script) {
    if (mode === 'split') throw new Error(`no parse worker beside ${__dirname}`);
    return undefined;
  }

  // state[0]: batches the worker has posted; state[1 + b]: who claimed batch b
  const state = new Int32Array(new SharedArrayBuffer(4 * (1 + batches.length)));
  if (mode === 'split') for (let b = batches.length >> 1; b < batches.length; b++) state[1 + b] = WORKER;
  const flatChunks = new Int32Array(chunks.length * 2);
  chunks.forEach((c, i) => ((flatChunks[i * 2] = c.start), (flatChunks[i * 2 + 1] = c.end)));
  const flatBatches = new Int32Array(batches.length * 2);
  batches.forEach((b, i) => ((flatBatches[i * 2] = b.from), (flatBatches[i * 2 + 1] = b.to)));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(script.code, {
      eval: script.eval,
      workerData: { text, chunks: flatChunks, batches: flatBatches, state, port: port2 },
      transferList: [port2],
      stdout: false,
      stderr: false,
    });
  } catch {
    return undefined;
  }
  worker.unref();
  worker.on('error', () => undefined); // whatever it did not deliver is read here

  const out: ReadChunk[][] = new Array(batches.length);
  const started = performance.now();
  let b = 0;
  for (; b < batches.length; b++) {
    if (Atomics.compareExchange(state, 1 + b, 0, MAIN) !== 0) break;
    out[b] = readBatch(text, chunks, batches[b]);
  }
  // batches [b, end) are the worker's
  const theirs = batches.length - b;
  const own = performance.now();
  let waitMs = 0;
  let received = 0;
  let failed: string | undefined;
  while (received < theirs) {
    const msg = receiveMessageOnPort(port1)?.message as PackedBatch | { failed: string } | undefined;
    if (msg) {
      if ('failed' in msg) {
        failed = msg.failed;
        break;
      }
      out[msg.batch] = unpackBatch(text, msg);
      received++;
      continue;
    }
    const posted = Atomics.load(state, 0);
    // a posted message is in the port's queue before the count moves; wait for the next
    const t = performance.now();
    const woke = posted <= received ? Atomics.wait(state, 0, posted, STALL_MS) : 'not-equal';
    waitMs += performance.now() - t;
    if (woke === 'timed-out') {
      failed = `nothing posted for ${STALL_MS} ms`;
      break;
    }
  }
  if (received < theirs) void worker.terminate();
  // forced (tests), a worker that failed is an error, not something quietly made up for
  if (failed !== undefined && mode === 'split') throw new Error(`the parse worker failed: ${failed}`);
  port1.close();
  for (let i = b; i < batches.length; i++) out[i] ??= readBatch(text, chunks, batches[i]);
  Object.assign(lastRead, { batches: batches.length, byWorker: received, ownMs: own - started, waitMs });
  return out.flat();
}
