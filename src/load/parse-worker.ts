// Worker thread: reads its share of a large input's chunks (see parallel.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { readChunk, type ChunkData } from './yaml-chunks.js';

const { text, chunks, port, flag } = workerData as { text: string; chunks: { start: number; end: number }[]; port: import('node:worker_threads').MessagePort; flag: Int32Array };
Atomics.store(flag, 0, 1); // started
Atomics.notify(flag, 0);
let results: ChunkData[] | { failed: string };
try {
  results = chunks.map((c) => readChunk(text.slice(c.start, c.end)));
} catch (err) {
  results = { failed: err instanceof Error ? err.message : String(err) };
}
port.postMessage(results);
Atomics.store(flag, 0, 2); // done
Atomics.notify(flag, 0);
void parentPort;
