// TLS: every usable Secret's certificate in tls.certificates (Traefik chooses among them by
// SNI, from the names each certificate covers) and a default certificate for SNI misses and
// clients without SNI: a self-signed one when some TLS host has no usable Secret, else the first.
import { certBaseName } from '../cert-names.js';
import { selfSignedCertificate } from '../self-signed.js';
import { lazyFile, type EmittedFile } from '../types.js';
import type { RouteModel } from '../../model/types.js';
import type { FindingSink } from './findings.js';
import type { DynamicConfig } from './types.js';

const SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export function planTls(model: RouteModel, sink: FindingSink, makeFallback = () => selfSignedCertificate('ingressctl fallback certificate', ['ingress.local'])): { tls: NonNullable<DynamicConfig['tls']>; files: EmittedFile[] } {
  const files = new Map<string, EmittedFile[]>();
  let needFallback = false;
  for (const v of model.hosts) {
    const tls = v.tls;
    if (!tls) continue;
    if (!tls.usable || !tls.certPem || !tls.keyPem) {
      needFallback = true; // the model has reported why
      continue;
    }
    if (!SUBDOMAIN.test(tls.secretNamespace) || !SUBDOMAIN.test(tls.secretName)) {
      sink.add('target-unsupported', 'error', `Secret name ${JSON.stringify(`${tls.secretNamespace}/${tls.secretName}`)} cannot name a certificate file; ${v.host} is served the default certificate`, tls.origin);
      needFallback = true;
      continue;
    }
    const base = certBaseName(tls.secretNamespace, tls.secretName);
    if (!files.has(base)) files.set(base, [{ path: `certs/${base}.crt`, content: tls.certPem }, { path: `certs/${base}.key`, content: tls.keyPem, mode: 0o600 }]);
  }
  const bases = [...files.keys()].sort();
  const out: EmittedFile[] = bases.flatMap((b) => files.get(b)!);
  const pair = (base: string) => ({ certFile: `certs/${base}.crt`, keyFile: `certs/${base}.key` });
  let defaultCertificate: { certFile: string; keyFile: string };
  if (needFallback || !bases.length) {
    // a fresh key on each render (see self-signed.ts): the only part of a bundle that is not byte-identical
    // made on first read: `render` to stdout prints no certificate
    let made: { certPem: string; keyPem: string } | undefined;
    const fallback = () => (made ??= makeFallback());
    out.push(lazyFile('certs/fallback.crt', () => fallback().certPem), lazyFile('certs/fallback.key', () => fallback().keyPem, 0o600));
    defaultCertificate = pair('fallback');
  } else defaultCertificate = pair(bases[0]);
  out.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { tls: { ...(bases.length ? { certificates: bases.map(pair) } : {}), stores: { default: { defaultCertificate } } }, files: out };
}
