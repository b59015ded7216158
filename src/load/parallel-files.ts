// Many files are read on two threads as a large text's batches are (parallel.ts): this
// thread claims files from the first, the worker from the last, until they meet. The worker
// reads and parses a file (readManifest, then readBatch over its batches) and posts its
// text and chunks; loadInputs does everything else with them exactly as with a file it read
// itself. A file the worker could not read (missing, binary, too large…) is read again here,
// so its error or finding is the one this thread gives.
// Not the default ('files' mode, INGRESSCTL_PARSE_WORKER=files): small files give the worker
// little to do per file, and its js-yaml starts cold (a first pass over the 2,400 bench files
// takes 0.98 s of CPU, a second 0.58 s). Measured on the files bench (lint of 2,400 files):
// the main thread's CPU 15% lower, the process's 25–35% higher; on the busy 2-core machine
// 0.66× the files/s of the build without it (load average 13).
import { statSync } from 'node:fs';
import type { Worker, MessagePort } from 'node:worker_threads';
import { unpackBatch, type PackedBatch } from './chunk-transfer.js';
import type { InputText } from './files.js';
import { MAIN, PARALLEL_MIN_CHARS, STALL_MS, WORKER, lastRead, mayShare, modeOf, nextMessage, startWorker, type ParallelOptions } from './parallel.js';
import type { ReadChunk } from './yaml-chunks.js';

/** Fewer files than this are read on one thread whatever their size (each stat costs). */
const MIN_FILES = 8;

/** What the worker posts per file (a few files a message): its text and chunks, or nothing (this thread reads it). */
export interface PackedFile {
  index: number;
  input?: InputText;
  packed?: PackedBatch;
}

export class SharedFiles {
  private readonly pending = new Map<number, PackedFile>();
  private received = 0;
  private failed?: string;
  private readonly began = performance.now();
  private own?: number;
  private byWorker = 0;

  private constructor(
    private readonly mode: string,
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly state: Int32Array,
    private readonly count: number,
  ) {}

  /**
   * Starts a worker on the last files of `files` when they are many and large enough
   * (PARALLEL_MIN_CHARS in all); '-' (standard input) stays on this thread.
   */
  static start(files: readonly string[], options: ParallelOptions = {}): SharedFiles | undefined {
    const mode = modeOf(options);
    if (mode === 'auto' || !mayShare(mode) || files.length < 2) return undefined;
    if (mode === 'files') {
      if (files.length < MIN_FILES) return undefined;
      let size = 0;
      for (const f of files) {
        try {
          if (f !== '-') size += statSync(f).size;
        } catch {
          // read (and reported) in order by loadInputs
        }
        if (size >= PARALLEL_MIN_CHARS) break;
      }
      if (size < PARALLEL_MIN_CHARS) return undefined;
    }
    // state[0]: messages the worker has posted; state[1 + i]: who claimed file i
    const state = new Int32Array(new SharedArrayBuffer(4 * (1 + files.length)));
    files.forEach((f, i) => {
      if (f === '-') state[1 + i] = MAIN;
      else if (mode === 'split' && i >= files.length >> 1) state[1 + i] = WORKER;
    });
    const started = startWorker(mode, { job: 'files', files, state });
    return started && new SharedFiles(mode, started.worker, started.port, state, files.length);
  }

  /**
   * File `i` as the worker read it, or undefined when this thread reads it: files are asked
   * for in order; once one is the worker's, all after it are too.
   */
  take(i: number): { input: InputText; read: ReadChunk[] } | undefined {
    if (this.failed !== undefined) return undefined;
    const was = Atomics.compareExchange(this.state, 1 + i, 0, MAIN);
    if (was === 0 || was === MAIN) return undefined;
    this.own ??= performance.now();
    for (;;) {
      const got = this.pending.get(i);
      if (got) {
        this.pending.delete(i);
        if (!got.input || !got.packed) return undefined;
        this.byWorker++;
        return { input: got.input, read: unpackBatch(got.input.text, got.packed) };
      }
      const msg = nextMessage(this.port, this.state, this.received) as PackedFile[] | { failed: string } | undefined;
      if (!msg || 'failed' in msg) {
        this.failed = msg ? msg.failed : `nothing posted for ${STALL_MS} ms`;
        // forced (tests), a worker that failed is an error, not something quietly made up for
        if (this.mode === 'split') throw new Error(`the parse worker failed: ${this.failed}`);
        return undefined;
      }
      this.received++;
      for (const file of msg) this.pending.set(file.index, file);
    }
  }

  /** Stops the worker if it is still at work (loadInputs ended early: an error). */
  close(): void {
    void this.worker.terminate();
    this.port.close();
    const now = performance.now();
    Object.assign(lastRead, { batches: this.count, byWorker: this.byWorker, ownMs: (this.own ?? now) - this.began, takeMs: now - (this.own ?? now) });
  }
}
