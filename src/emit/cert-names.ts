// File names for the certificates of TLS Secrets, shared by the emitters. A Secret's
// namespace (up to 63 characters) and name (up to 253) do not always fit in one file name
// (255 bytes on most file systems): long ones are cut and told apart by a hash.
import { createHash } from 'node:crypto';

const MAX_BASE = 200;

/** "<namespace>_<name>" ("_" is in neither, so two Secrets never share a name), or a shortened form with a hash. */
export function certBaseName(namespace: string, name: string): string {
  const full = `${namespace}_${name}`;
  if (full.length <= MAX_BASE) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 16);
  return `${namespace.slice(0, 40)}_${name.slice(0, MAX_BASE - 58)}-${hash}`;
}
