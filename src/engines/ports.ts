import { createServer, connect } from 'node:net';

// ports handed out by this process: the OS may give a just-closed port again, and two calls
// in a row must never name one port twice (a render would then bind it for two listeners)
const given = new Set<number>();

function osPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A port free on 127.0.0.1 right now (the OS picks it), never one this process was given before; the caller binds it soon after. */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const port = await osPort();
    if (!given.has(port)) {
      given.add(port);
      return port;
    }
  }
  throw new Error('no fresh local port after 100 tries');
}

/** Waits until something accepts connections on 127.0.0.1:port (bounded; given up early once `cancelled()` says so). */
export async function waitForPort(port: number, timeoutMs = 5000, cancelled: () => boolean = () => false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (cancelled()) throw new Error(`no longer waiting for 127.0.0.1:${port}`);
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1');
      c.once('connect', () => (c.destroy(), resolve(true)));
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
