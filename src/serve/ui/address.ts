// The page is a developer tool without authentication: it listens on loopback unless an
// address is asked for by name (--ui-listen-address), and never on the proxy's own ports.
import { isIP } from 'node:net';

export const UI_PORT = 8090;
export const UI_ADDRESS = '127.0.0.1';

export function isLoopback(address: string): boolean {
  if (address === 'localhost') return true;
  if (isIP(address) === 4) return address.startsWith('127.');
  if (isIP(address) === 6) return address === '::1' || /^::ffff:127\./i.test(address);
  return false;
}

/**
 * The address and port the page listens on, or why it may not: `address` is
 * --ui-listen-address as given (loopback when absent); the proxy's ports are those it bound.
 */
export function uiListen(address: string | undefined, port: number, proxy: { address: string; ports: number[] }): { address: string; port: number } | { refused: string } {
  // it never follows the proxy's --listen-address: only an address named for the page itself
  const a = address ?? UI_ADDRESS;
  if (isIP(a) === 0 && a !== 'localhost') return { refused: `--ui-listen-address must be an IP address, not ${JSON.stringify(a)}` };
  if (port !== 0 && proxy.ports.includes(port)) return { refused: `--ui-port ${port} is one of the proxy's own ports; the page is never served there` };
  return { address: a, port };
}
