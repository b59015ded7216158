// The parse worker (parallel.ts, parallel-files.ts): claims batches of a large text, or files,
// from the last one down until it meets one the main thread has, and posts each as soon as
// it is read (chunk-transfer.ts).
import './yaml-preload.js'; // first: js-yaml with its code cache, before yaml-chunks requires it
import { workerData, type MessagePort } from 'node:worker_threads';
import { packBatch } from './chunk-transfer.js';
import { readManifest } from './files.js';
import { batchChunks, readBatch, splitDocuments } from './yaml-chunks.js';
import { WORKER } from './parallel.js';
import type { PackedFile } from './parallel-files.js';

/** Files posted together (at most): the main thread waits for a group as a whole. */
const GROUP_FILES = 32;
const GROUP_CHARS = 128 * 1024;

const data = workerData as { job: 'batches' | 'files'; state: Int32Array; port: MessagePort };
const { state, port } = data;

/** Whether this worker gets item i: false once the main thread has claimed it (and so all before it). */
const claim = (i: number) => {
  const was = Atomics.compareExchange(state, 1 + i, 0, WORKER);
  return was === 0 || was === WORKER;
};
const post = (message: unknown, transfer: ArrayBuffer[] = []) => {
  port.postMessage(message, transfer);
  Atomics.add(state, 0, 1);
  Atomics.notify(state, 0);
};

try {
  if (data.job === 'batches') {
    const { text, chunks: flatChunks, batches } = workerData as { text: string; chunks: Int32Array; batches: Int32Array };
    const chunks: { start: number; end: number }[] = [];
    for (let i = 0; i < flatChunks.length; i += 2) chunks.push({ start: flatChunks[i], end: flatChunks[i + 1] });
    for (let b = batches.length / 2 - 1; b >= 0 && claim(b); b--) {
      const { packed, transfer } = packBatch(b, readBatch(text, chunks, { from: batches[b * 2], to: batches[b * 2 + 1] }));
      post(packed, transfer);
    }
  } else {
    const { files } = workerData as { files: string[] };
    // posted a few at a time: a message costs about as much to receive as a small file to parse
    let group: PackedFile[] = [];
    let groupTransfer: ArrayBuffer[] = [];
    let groupChars = 0;
    const flush = () => {
      if (group.length) post(group, groupTransfer);
      group = [];
      groupTransfer = [];
      groupChars = 0;
    };
    for (let i = files.length - 1; i >= 0 && claim(i); i--) {
      let input;
      try {
        input = readManifest(files[i]);
      } catch {
        group.push({ index: i }); // the main thread reads it again and reports it
        continue;
      }
      const chunks = splitDocuments(input.text);
      const { packed, transfer } = packBatch(i, batchChunks(chunks).flatMap((b) => readBatch(input.text, chunks, b)));
      group.push({ index: i, input, packed });
      groupTransfer.push(...transfer);
      groupChars += input.text.length;
      if (groupChars >= GROUP_CHARS || group.length >= GROUP_FILES) flush();
    }
    flush();
  }
} catch (err) {
  post({ failed: err instanceof Error ? err.message : String(err) });
}
port.close();
