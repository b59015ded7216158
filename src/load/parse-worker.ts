// The parse worker (parallel.ts): claims batches from the last one down until it meets a batch
// the main thread has, and posts each one it reads as soon as it is read (chunk-transfer.ts).
import './yaml-preload.js'; // first: js-yaml with its code cache, before yaml-chunks requires it
import { workerData, type MessagePort } from 'node:worker_threads';
import { packBatch } from './chunk-transfer.js';
import { readBatch } from './yaml-chunks.js';
import { WORKER } from './parallel.js';

const { text, chunks: flatChunks, batches: flatBatches, state, port } = workerData as {
  text: string;
  chunks: Int32Array;
  batches: Int32Array;
  state: Int32Array;
  port: MessagePort;
};
const chunks: { start: number; end: number }[] = [];
for (let i = 0; i < flatChunks.length; i += 2) chunks.push({ start: flatChunks[i], end: flatChunks[i + 1] });

const posted = () => {
  Atomics.add(state, 0, 1);
  Atomics.notify(state, 0);
};
try {
  for (let b = flatBatches.length / 2 - 1; b >= 0; b--) {
    const was = Atomics.compareExchange(state, 1 + b, 0, WORKER);
    if (was !== 0 && was !== WORKER) break; // the main thread's: the rest are too
    const { packed, transfer } = packBatch(b, readBatch(text, chunks, { from: flatBatches[b * 2], to: flatBatches[b * 2 + 1] }));
    port.postMessage(packed, transfer);
    posted();
  }
} catch (err) {
  port.postMessage({ failed: err instanceof Error ? err.message : String(err) });
  posted();
}
port.close();
