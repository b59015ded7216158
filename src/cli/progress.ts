// A progress line for long runs: on stderr, only when stderr is a terminal (never in pipes
// or CI logs), only once a run has taken longer than `delayMs`, and erased before output.
import type { Output } from './io.js';

export interface Progress {
  /** files read so far and the objects in them */
  read(files: number, objects: number): void;
  /** the model is built: its route count */
  routes(count: number): void;
  /** erases the line (call before writing results) */
  clear(): void;
}

const NONE: Progress = { read() {}, routes() {}, clear() {} };

export function startProgress(out: Output, delayMs = 300, now: () => number = Date.now): Progress {
  if (!out.isTTY) return NONE;
  const start = now();
  let shown = false;
  let last = 0;
  let files = 0;
  let objects = 0;
  const show = (text: string, force = false) => {
    const t = now();
    if (t - start < delayMs || (!force && t - last < 100)) return;
    last = t;
    shown = true;
    out.write(`\r\x1b[K${text}`);
  };
  return {
    read(f, o) {
      files = f;
      objects = o;
      show(`reading: ${f} files, ${o} objects`);
    },
    routes(count) {
      show(`read ${files} files, ${objects} objects; ${count} routes`, true);
    },
    clear() {
      if (shown) out.write('\r\x1b[K');
      shown = false;
    },
  };
}
