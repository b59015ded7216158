// Standard output and error as the process writes them: straight to file descriptors 1 and 2
// with fs.writeSync, not through process.stdout / process.stderr. Creating those streams
// loads node's stream machinery (and, for a pipe or a terminal, net and tty with it): a few
// milliseconds of every start-up. Each write here is done when it returns, in order, so
// nothing is left to flush at exit.
//
// - EAGAIN (a non-blocking descriptor, shared with a parent that made it so, whose reader is
//   behind): the rest of that write and every later one go through the process stream,
//   which waits for the reader.
// - EPIPE (`ingressctl … | head` closed the pipe) and EBADF (no descriptor at all): as git
//   and kubectl do, the command goes on quietly, later writes are dropped, and it exits with
//   the status it would have had.
// - Windows: the process streams (its console and pipes are written through libuv there).
import { fstatSync, statSync, writeSync } from 'node:fs';
import type { Output } from './io.js';

/**
 * A process stream that a closed reader cannot crash: the write then fails with EPIPE, later
 * writes are dropped, and the command exits with the status it would have had.
 */
export function pipeSafe(stream: NodeJS.WriteStream): Output & { write(text: string | Uint8Array): unknown } {
  let closed = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') closed = true;
    else throw err;
  });
  return {
    get isTTY() {
      return stream.isTTY;
    },
    write: (text: string | Uint8Array) => (closed ? false : stream.write(text)),
  };
}

export interface FdOutputOptions {
  /** process.platform unless a test says otherwise */
  platform?: NodeJS.Platform;
  /** fs.writeSync unless a test says otherwise */
  writeSync?: (fd: number, buffer: Uint8Array, offset: number) => number;
}

/** Output to descriptor `fd` (1 or 2); `stream` gives its process stream, asked for only on Windows or after EAGAIN. */
export function fdOutput(fd: number, stream: () => NodeJS.WriteStream, options: FdOutputOptions = {}): Output {
  if ((options.platform ?? process.platform) === 'win32') return pipeSafe(stream());
  const write = options.writeSync ?? ((f: number, b: Uint8Array, o: number) => writeSync(f, b, o));
  let closed = false;
  let fallback: ReturnType<typeof pipeSafe> | undefined;
  let tty: boolean | undefined;
  return {
    get isTTY() {
      return (tty ??= isTerminal(fd));
    },
    write(text: string) {
      if (closed) return false;
      if (fallback) return fallback.write(text);
      const bytes = Buffer.from(text, 'utf8');
      let at = 0;
      while (at < bytes.length) {
        try {
          at += write(fd, bytes, at);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'EAGAIN') {
            fallback = pipeSafe(stream());
            return fallback.write(bytes.subarray(at));
          }
          if (code === 'EPIPE' || code === 'EBADF') {
            closed = true;
            return false;
          }
          throw err;
        }
      }
      return true;
    },
  };
}

/**
 * Whether `fd` is a terminal. Only a character device can be, and /dev/null (where a run's
 * output is often sent) is one that never is: node:tty (which loads node:net) is required
 * only for the others.
 */
function isTerminal(fd: number): boolean {
  let rdev: number;
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice()) return false;
    rdev = st.rdev;
  } catch {
    return false;
  }
  try {
    if (rdev === statSync('/dev/null').rdev) return false;
  } catch {
    // no /dev/null: ask node:tty
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:tty') as typeof import('node:tty')).isatty(fd);
}
