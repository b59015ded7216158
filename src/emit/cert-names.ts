// File names for the certificates of TLS Secrets, shared by the emitters. A Secret's
// namespace (up to 63 characters) and name (up to 253) do not always fit in one file name
// (255 bytes on most file systems): long ones are cut and told apart by a hash.
import { createHash } from 'node:crypto';
import { isDnsLabel, isDnsSubdomain } from '../model/validate-values.js';
import type { TlsConfig } from '../model/types.js';
import type { EmittedFile } from './types.js';

const MAX_BASE = 200;

/**
 * "<namespace>_<name>" ("_" is in neither, so two Secrets never share a name), or a shortened
 * form with a hash; a namespace or name the API server would refuse (say "../x") never reaches
 * a file name: it is named by its hash alone, whichever emitter asks.
 */
export function certBaseName(namespace: string, name: string): string {
  const full = `${namespace}_${name}`;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 16);
  if (!isDnsLabel(namespace) || !isDnsSubdomain(name)) return `secret-${hash}`;
  if (full.length <= MAX_BASE) return full;
  return `${namespace.slice(0, 40)}_${name.slice(0, MAX_BASE - 58)}-${hash}`;
}

/**
 * The bundle's certs/<name>.crt and .key for a usable TLS Secret, each Secret's pair pushed
 * to `files` once however many hosts or listeners use it.
 */
export function certFiles(files: EmittedFile[]): (tls: TlsConfig, certPem: string, keyPem: string) => { cert: string; key: string } {
  const written = new Map<string, { cert: string; key: string }>();
  return (tls, certPem, keyPem) => {
    const id = certBaseName(tls.secretNamespace, tls.secretName);
    let paths = written.get(id);
    if (!paths) {
      paths = { cert: `certs/${id}.crt`, key: `certs/${id}.key` };
      written.set(id, paths);
      files.push({ path: paths.cert, content: certPem, mode: 0o644 }, { path: paths.key, content: keyPem, mode: 0o600 });
    }
    return paths;
  };
}
