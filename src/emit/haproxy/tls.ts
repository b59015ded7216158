// Certificates: one combined cert+key file per Secret (mode 0600), a generated self-signed
// one per TLS host whose Secret is unusable, and a generated fallback served when SNI
// names no TLS host. With more than one file, a crt-list maps SNI names to files.
import type { Finding } from '../../findings/finding.js';
import type { EmittedFile } from '../types.js';
import { isObjectName, targetFinding } from './check.js';
import type { VhostPlan } from './plan.js';
import { certificateKey, selfSignedCertificate, type CertificateKey } from '../self-signed.js';

export const CRT_LIST = 'crt-list.txt';
/** "_" never appears in a host or object name, so these names cannot collide. */
const FALLBACK = 'certs/_fallback.pem';

interface CertFile {
  path: string;
  /** SNI filters; "!*" keeps the fallback's own names out of the SNI lookup */
  sni: string[];
  pem: () => string;
}

export interface TlsBundle {
  /** ["crt", FILE] or ["crt-list", FILE] for the bind line */
  bind: [string, string];
  files: EmittedFile[];
}

const combined = (cert: string, key: string) => `${cert.trimEnd()}\n${key.trimEnd()}\n`;

export function planCertificates(vhosts: readonly VhostPlan[], findings: Finding[]): TlsBundle {
  const bySecret = new Map<string, CertFile>();
  const generated: CertFile[] = [];
  let fallback: CertFile | undefined;
  let key: CertificateKey | undefined;
  /** one fresh key signs the certificates of this render */
  const fresh = (commonName: string, dnsNames: string[]) => {
    const c = selfSignedCertificate(commonName, dnsNames, undefined, (key ??= certificateKey()));
    return combined(c.certPem, c.keyPem);
  };

  for (const { vhost } of vhosts) {
    const tls = vhost.tls;
    if (!tls) continue;
    const names = vhost.host ? [vhost.host] : [];
    const usable = tls.usable && tls.certPem && tls.keyPem;
    const named = isObjectName(tls.secretNamespace) && isObjectName(tls.secretName);
    if (usable && !named) findings.push(targetFinding('target-unsafe-value', 'error', tls.origin, `the Secret name ${JSON.stringify(`${tls.secretNamespace}/${tls.secretName}`)} cannot name a file; a self-signed certificate is served instead`));
    if (usable && named) {
      const path = `certs/${tls.secretNamespace}_${tls.secretName}.pem`;
      const file = bySecret.get(path) ?? { path, sni: [], pem: () => combined(tls.certPem!, tls.keyPem!) };
      bySecret.set(path, file);
      if (vhost.kind === 'any') fallback ??= { ...file, path: FALLBACK, sni: ['!*'] };
      else file.sni.push(...names);
    } else if (vhost.kind !== 'any') {
      // "*" is kept out of file names; the host itself is the SNI filter
      generated.push({ path: `certs/_${vhost.host.replace('*', '_')}.pem`, sni: names, pem: () => fresh(vhost.host, names) });
    }
  }
  fallback ??= { path: FALLBACK, sni: ['!*'], pem: () => fresh('ingressctl fallback certificate', []) };

  const all = [fallback, ...[...bySecret.values()].filter((f) => f.sni.length).sort(byPath), ...generated.sort(byPath)];
  const files: EmittedFile[] = all.map((f) => ({ path: f.path, content: f.pem(), mode: 0o600 }));
  if (all.length === 1) return { bind: ['crt', fallback.path], files };
  const list = all.map((f) => [f.path, ...f.sni].join(' ')).join('\n') + '\n';
  return { bind: ['crt-list', CRT_LIST], files: [{ path: CRT_LIST, content: list }, ...files] };
}

function byPath(a: CertFile, b: CertFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
