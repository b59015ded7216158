// Large inputs are read on two threads. The text's batches of documents (yaml-chunks.ts) are
// claimed one at a time, this thread from the first, a worker (parse-worker.ts) from the last,
// until they meet: neither waits for the other to start or to catch up, however busy the
// machine. The worker posts each batch it reads (chunk-transfer.ts); loadInputs stays
// synchronous: once this thread has read its share it takes the worker's batches with
// receiveMessageOnPort, blocking in Atomics.wait only for what the worker has not posted yet.
// Both threads run the same readBatch, so values, positions and findings are the same
// either way; a batch the worker did not deliver is read here. Many files are shared the
// same way, a file at a time (parallel-files.ts).
import { existsSync } from 'node:fs';
// node:os loaded when a worker is first considered (a large input), not at every start-up
// eslint-disable-next-line @typescript-eslint/no-require-imports
const availableParallelism = (): number => (require('node:os') as typeof import('node:os')).availableParallelism();
import { join } from 'node:path';
import type { MessagePort, Worker } from 'node:worker_threads';
import { unpackBatch, type PackedBatch } from './chunk-transfer.js';
import { batchChunks, readBatch, type ReadChunk } from './yaml-chunks.js';

/**
 * Below this many characters one thread reads the text. Starting a worker costs this thread
 * about 10 ms, and the worker's js-yaml starts cold (its first batches parse at about half
 * speed): on the bench's 1,000 Ingresses (2.1 MB) the worker saved this thread about 40 ms of
 * CPU and cost the process about 170 ms more; on 10,000 (21 MB) about 500 ms saved, 450 ms more.
 */
export const PARALLEL_MIN_CHARS = 8 * 1024 * 1024;
/** A worker that posts nothing for this long is given up on; this thread reads the rest. */
export const STALL_MS = 30_000;

/** Who holds a batch or a file (the shared claims array) */
export const MAIN = 1;
export const WORKER = 2;

/**
 * 'auto': a worker reads part of large texts; 'files': also of many files (parallel-files.ts:
 * not the default, see there); 'never': this thread reads everything; 'split' (tests): the
 * worker reads the second half of the batches or files, whatever the size.
 */
export type WorkerMode = 'auto' | 'files' | 'never' | 'split';
const MODES: readonly string[] = ['auto', 'files', 'never', 'split'];

export interface ParallelOptions {
  worker?: WorkerMode;
  /** characters per batch (tests: small batches give small texts several) */
  batchChars?: number;
}

/** The last input read on two threads: its batches (or files), how many the worker delivered, how long this thread read its share and then took the worker's (tests, benchmarks). */
export const lastRead = { batches: 0, byWorker: 0, ownMs: 0, takeMs: 0 };

/** The mode asked for, else INGRESSCTL_PARSE_WORKER (never, split), else auto. */
export function modeOf(options: ParallelOptions): WorkerMode {
  if (options.worker) return options.worker;
  // read once: process.env is slow to read, and this is asked for every file
  const env = process.env.INGRESSCTL_PARSE_WORKER ?? '';
  envMode ??= MODES.includes(env) ? (env as WorkerMode) : 'auto';
  return envMode;
}
let envMode: WorkerMode | undefined;

/** Whether a worker may be started at all in this mode (auto, files: only with two cores). */
export function mayShare(mode: WorkerMode): boolean {
  return mode === 'split' || (mode !== 'never' && availableParallelism() >= 2);
}

/** node:worker_threads, loaded when a worker is first needed (about 2 ms: not at every start-up) */
function threads(): typeof import('node:worker_threads') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:worker_threads');
}

/** The worker's script: beside the bundle (dist/parse-worker.js), or the TypeScript source through tsx (tests). */
function workerScript(): { code: string; eval: boolean } | undefined {
  const built = join(__dirname, 'parse-worker.js');
  if (existsSync(built)) return { code: built, eval: false };
  const source = join(__dirname, 'parse-worker.ts');
  if (!existsSync(source)) return undefined;
  return { code: `require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, eval: true };
}

/** A parse worker given `workerData` and the port it posts to; undefined without a worker script (in 'split' mode, an error). */
export function startWorker(mode: WorkerMode, workerData: Record<string, unknown>): { worker: Worker; port: MessagePort } | undefined {
  const script = workerScript();
  if (!script) {
    if (mode === 'split') throw new Error(`no parse worker beside ${__dirname}`);
    return undefined;
  }
  const { MessageChannel, Worker } = threads();
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(script.code, { eval: script.eval, workerData: { ...workerData, port: port2 }, transferList: [port2], stdout: false, stderr: false });
  } catch {
    return undefined;
  }
  worker.unref();
  worker.on('error', () => undefined); // whatever it did not deliver is read on this thread
  return { worker, port: port1 };
}

/**
 * The next message from the worker: blocks until one is posted (state[0] counts them: a
 * posted message is in the port's queue before the count moves). Undefined when the worker
 * posted nothing for STALL_MS.
 */
export function nextMessage(port: MessagePort, state: Int32Array, seen: number): unknown {
  for (;;) {
    const msg = threads().receiveMessageOnPort(port);
    if (msg) return msg.message;
    const posted = Atomics.load(state, 0);
    if (posted <= seen && Atomics.wait(state, 0, posted, STALL_MS) === 'timed-out') return undefined;
  }
}

/** The chunks of `text` read on two threads, in order; undefined when one thread reads it (small text, one core, no worker script). */
export function readInParallel(text: string, chunks: readonly { start: number; end: number }[], options: ParallelOptions = {}): ReadChunk[] | undefined {
  const mode = modeOf(options);
  if ((mode !== 'split' && text.length < PARALLEL_MIN_CHARS) || !mayShare(mode)) return undefined;
  const batches = batchChunks(chunks, options.batchChars);
  if (batches.length < 2) return undefined;

  // state[0]: messages the worker has posted; state[1 + b]: who claimed batch b
  const state = new Int32Array(new SharedArrayBuffer(4 * (1 + batches.length)));
  if (mode === 'split') for (let b = batches.length >> 1; b < batches.length; b++) state[1 + b] = WORKER;
  const flatChunks = new Int32Array(chunks.length * 2);
  chunks.forEach((c, i) => ((flatChunks[i * 2] = c.start), (flatChunks[i * 2 + 1] = c.end)));
  const flatBatches = new Int32Array(batches.length * 2);
  batches.forEach((b, i) => ((flatBatches[i * 2] = b.from), (flatBatches[i * 2 + 1] = b.to)));
  const started = startWorker(mode, { job: 'batches', text, chunks: flatChunks, batches: flatBatches, state });
  if (!started) return undefined;
  const { worker, port } = started;

  const out: ReadChunk[][] = new Array(batches.length);
  const began = performance.now();
  let b = 0;
  for (; b < batches.length; b++) {
    if (Atomics.compareExchange(state, 1 + b, 0, MAIN) !== 0) break;
    out[b] = readBatch(text, chunks, batches[b]);
  }
  // batches [b, end) are the worker's
  const own = performance.now();
  let received = 0;
  let failed: string | undefined;
  while (received < batches.length - b) {
    const msg = nextMessage(port, state, received) as PackedBatch | { failed: string } | undefined;
    if (!msg || 'failed' in msg) {
      failed = msg ? msg.failed : `nothing posted for ${STALL_MS} ms`;
      break;
    }
    out[msg.batch] = unpackBatch(text, msg);
    received++;
  }
  if (failed !== undefined) void worker.terminate();
  port.close();
  // forced (tests), a worker that failed is an error, not something quietly made up for
  if (failed !== undefined && mode === 'split') throw new Error(`the parse worker failed: ${failed}`);
  for (let i = b; i < batches.length; i++) out[i] ??= readBatch(text, chunks, batches[i]);
  Object.assign(lastRead, { batches: batches.length, byWorker: received, ownMs: own - began, takeMs: performance.now() - own });
  return out.flat();
}
