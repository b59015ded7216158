// Another process's listener on a loopback port, as one that takes a port freePorts() gave
// before an engine binds it: it accepts and closes every connection.
import { createServer, type Server } from 'node:net';

export async function thief(): Promise<{ port: number; server: Server }> {
  const server = createServer((c) => c.destroy());
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { port: (server.address() as { port: number }).port, server };
}
