// The streams a command runs with: process streams in bin/, buffers in tests.
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface IO {
  stdout: Output;
  stderr: Output;
  /** reads all of standard input (only called when a path is '-'): its bytes (the loader checks the encoding), or text */
  stdin: () => string | Buffer;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** Colour only on a TTY, never with NO_COLOR or --no-color; FORCE_COLOR=1 forces it, FORCE_COLOR=0 (or false) turns it off, as in Node and chalk. */
export function useColor(out: Output, env: IO['env'], flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return !!out.isTTY;
}
