// IPv4 and IPv6 networks: parsed once (source-range annotations), matched per request
// (serve, explain), written out canonically (emitters).
import type { Cidr } from './policy.js';
import { isIPv4 } from './validate-values.js';


/** 16 bytes for IPv6, 4 for IPv4; undefined when `text` is neither. IPv4-mapped IPv6 stays IPv6. */
export function ipBytes(text: string): number[] | undefined {
  if (isIPv4(text)) return text.split('.').map(Number);
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || !text.includes(':')) return undefined;
  let head = text;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    // trailing dotted IPv4 (::ffff:1.2.3.4)
    const v4 = text.slice(lastColon + 1);
    if (!isIPv4(v4)) return undefined;
    tail = v4.split('.').map(Number);
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  if ([...left, ...right].some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return undefined;
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => parseInt(g, 16));
  const bytes = all.flatMap((g) => [g >> 8, g & 0xff]);
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** RFC 5952 text: lower case, zeros compressed once (the longest run of two or more groups). */
function formatV6(bytes: number[]): string {
  const g = Array.from({ length: 8 }, (_, i) => (bytes[2 * i] << 8) | bytes[2 * i + 1]);
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) (best = i), (bestLen = j - i);
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best === -1) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

export function formatIp(bytes: number[]): string {
  return bytes.length === 4 ? bytes.join('.') : formatV6(bytes);
}

/** "10.0.0.0/8", "10.1.2.3" (a /32), "fd00::/8"; host bits are cleared. Undefined when invalid. */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(text);
  if (!m) return undefined;
  const bytes = ipBytes(m[1]);
  if (!bytes) return undefined;
  const bits = bytes.length * 8;
  const prefix = m[2] === undefined ? bits : Number(m[2]);
  if (prefix > bits || (m[2] !== undefined && m[2].length > 1 && m[2].startsWith('0'))) return undefined;
  const net = bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
  return { family: bytes.length === 4 ? 4 : 6, address: formatIp(net), prefix };
}

export function formatCidr(c: Cidr): string {
  return `${c.address}/${c.prefix}`;
}

/** Is `ip` (a client address, IPv4-mapped IPv6 read as IPv4) inside `c`? */
export function cidrContains(c: Cidr, ip: string): boolean {
  let bytes = ipBytes(ip);
  if (!bytes) return false;
  if (bytes.length === 16 && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) bytes = bytes.slice(12);
  if ((bytes.length === 4 ? 4 : 6) !== c.family) return false;
  const net = ipBytes(c.address)!;
  for (let i = 0; i < net.length; i++) {
    const keep = Math.max(0, Math.min(8, c.prefix - i * 8));
    const mask = (0xff << (8 - keep)) & 0xff;
    if ((bytes[i] & mask) !== net[i]) return false;
  }
  return true;
}
