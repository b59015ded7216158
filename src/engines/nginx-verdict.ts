// nginx's own word on a reload. Its master writes to the error log (the bundle's error.log,
// level notice), not to its output: "reconfiguring" when it takes the SIGHUP, then "start
// worker process" once workers run the new configuration, or an [emerg]/[alert]/[crit] line
// when it cannot load it and keeps the old one. SIGHUP returning says none of that.
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';

export interface NginxVerdict {
  /** true: new workers run the new configuration; false: nginx kept the old one; undefined: no word before the deadline */
  ok: boolean | undefined;
  /** the error log's lines from the reload on */
  lines: string[];
}

const POLL_MS = 20;

/** The error log's size now: where a reload's lines will start. */
export function logOffset(file: string): number {
  return statSync(file, { throwIfNoEntry: false })?.size ?? 0;
}

/** Reads `file` from `offset` on until the master's verdict on the reload, `timeoutMs`, or `exited`. */
export function nginxReloadVerdict(file: string, offset: number, timeoutMs: number, exited: Promise<void>): Promise<NginxVerdict> {
  return new Promise((resolve) => {
    const lines: string[] = [];
    let partial = '';
    let at = offset;
    let reconfiguring = false;
    let timer: NodeJS.Timeout | undefined;
    const deadline = Date.now() + timeoutMs;
    let ended = false;
    const end = (ok: boolean | undefined) => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      resolve({ ok, lines });
    };
    const poll = () => {
      for (const line of readLines()) {
        lines.push(line);
        if (/\] \d+#\d+: reconfiguring$/.test(line)) reconfiguring = true;
        else if (reconfiguring && /\] \d+#\d+: start worker process \d+$/.test(line)) return end(true);
        else if (reconfiguring && /\[(emerg|alert|crit)\]/.test(line)) return end(false);
      }
      if (Date.now() >= deadline) return end(undefined);
      timer = setTimeout(poll, POLL_MS);
    };
    const readLines = (): string[] => {
      let fd: number;
      try {
        fd = openSync(file, 'r');
      } catch {
        return [];
      }
      try {
        const size = fstatSync(fd).size;
        if (size <= at) return [];
        const buf = Buffer.alloc(size - at);
        const n = readSync(fd, buf, 0, buf.length, at);
        at += n;
        const text = partial + buf.subarray(0, n).toString('utf8');
        const parts = text.split('\n');
        partial = parts.pop() ?? '';
        return parts;
      } finally {
        closeSync(fd);
      }
    };
    void exited.then(() => end(false));
    poll();
  });
}
