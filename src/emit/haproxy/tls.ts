// Certificates: one combined cert+key file per Secret (mode 0600), and one generated
// self-signed fallback, served when SNI names no host with a usable Secret: to hosts whose
// Secret is missing or unusable as to unknown names, as ingress-nginx serves its one "fake
// certificate" (and as the nginx and Envoy bundles do). With more than one file, a crt-list
// maps SNI names to files; its first line is the default.
import type { Finding } from '../../findings/finding.js';
import { lazyFile, type EmittedFile } from '../types.js';
import { isObjectName, targetFinding } from './check.js';
import type { VhostPlan } from './plan.js';
import { selfSignedCertificate } from '../self-signed.js';

export const CRT_LIST = 'crt-list.txt';
/** "_" never appears in a host or object name, so these names cannot collide. */
const FALLBACK = 'certs/_fallback.pem';
/** the generated certificate, when a catch-all host's Secret is the fallback */
const SELF_SIGNED = 'certs/_self-signed.pem';
/** the fallback's names, as ingress-nginx's fake certificate and the Envoy bundle's */
export const FALLBACK_NAMES = ['ingress.local'];

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
/** made only when its file is read: `render` to stdout prints no certificate */
const generated = () => {
  const c = selfSignedCertificate('ingressctl fallback certificate', FALLBACK_NAMES);
  return combined(c.certPem, c.keyPem);
};

export function planCertificates(vhosts: readonly VhostPlan[], findings: Finding[]): TlsBundle {
  const bySecret = new Map<string, CertFile>();
  /** hosts without a usable Secret: served the generated certificate */
  const unsecured: string[] = [];
  let fallback: CertFile | undefined;

  for (const { vhost } of vhosts) {
    const tls = vhost.tls;
    if (!tls) continue;
    const usable = tls.usable && tls.certPem && tls.keyPem;
    const named = isObjectName(tls.secretNamespace) && isObjectName(tls.secretName);
    if (usable && !named) findings.push(targetFinding('target-unsafe-value', 'error', tls.origin, `the Secret name ${JSON.stringify(`${tls.secretNamespace}/${tls.secretName}`)} cannot name a file; a self-signed certificate is served instead`));
    if (usable && named) {
      const path = `certs/${tls.secretNamespace}_${tls.secretName}.pem`;
      const file = bySecret.get(path) ?? { path, sni: [], pem: () => combined(tls.certPem!, tls.keyPem!) };
      bySecret.set(path, file);
      if (vhost.kind === 'any') fallback ??= { ...file, path: FALLBACK, sni: ['!*'] };
      else file.sni.push(vhost.host);
    } else if (vhost.kind !== 'any') unsecured.push(vhost.host);
  }
  const all: CertFile[] = [];
  if (fallback) {
    // the default is a Secret's: the hosts without one are named to the generated certificate
    all.push(fallback);
    if (unsecured.length) all.push({ path: SELF_SIGNED, sni: unsecured.sort(), pem: generated });
  } else all.push({ path: FALLBACK, sni: ['!*'], pem: generated });
  all.push(...[...bySecret.values()].filter((f) => f.sni.length).sort(byPath));

  const files = all.map((f) => lazyFile(f.path, f.pem, 0o600));
  if (all.length === 1) return { bind: ['crt', all[0].path], files };
  const list = all.flatMap((f) => (f.path === SELF_SIGNED ? f.sni.map((host) => `${f.path} ${host}`) : [[f.path, ...f.sni].join(' ')])).join('\n') + '\n';
  return { bind: ['crt-list', CRT_LIST], files: [{ path: CRT_LIST, content: list }, ...files] };
}

function byPath(a: CertFile, b: CertFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
