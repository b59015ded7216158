// Access-log lines gathered and written together. serve's stderr is usually a file or a
// pipe, where each write is a blocking system call; under load many requests finish in
// one turn of the event loop, so their lines go out in one write at the end of that turn
// (at the latest once 64 KB are waiting). Nothing is held longer than that turn.
const MAX_PENDING = 64 * 1024;

export interface LineBatch {
  /** queues one line (with its newline) */
  write(line: string): void;
  /** writes what is queued now (also done after each turn of the event loop) */
  flush(): void;
}

export function lineBatch(out: (text: string) => void): LineBatch {
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!pending) return;
    const text = pending;
    pending = '';
    out(text);
  };
  return {
    write(line) {
      pending += line;
      if (pending.length >= MAX_PENDING) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
