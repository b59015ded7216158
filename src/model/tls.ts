// TLS Secrets → TlsConfig: the certificate parsed with node:crypto, problems recorded
// as findings (lint judges expiry and SAN coverage; the model records what it saw).
import type { X509Certificate } from 'node:crypto';
import type { Document } from '../load/document.js';
import { findingAt, type Finding } from '../findings/finding.js';
import { field, str } from './objects.js';
import type { CertificateInfo, Origin, TlsConfig } from './types.js';

// node:crypto is loaded when the first Secret's certificate is read, not at every start-up
// eslint-disable-next-line @typescript-eslint/no-require-imports
const crypto = (): typeof import('node:crypto') => require('node:crypto');

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/** A Secret's value: data (base64) or stringData (plain), as the API server merges them. */
export function secretValue(secret: Document, name: string): { value?: string; problem?: string; path: (string | number)[] } {
  const plain = str(field(secret.obj, 'stringData', name));
  if (plain !== undefined) return { value: plain, path: ['stringData', name] };
  const encoded = field(secret.obj, 'data', name);
  if (encoded === undefined) return { path: ['data'] };
  if (typeof encoded !== 'string' || !BASE64.test(encoded)) return { problem: `data[${name}] is not valid base64`, path: ['data', name] };
  return { value: Buffer.from(encoded, 'base64').toString('utf8'), path: ['data', name] };
}

/** What the model records of a certificate; undefined when its validity dates cannot be read (a damaged certificate node:crypto still parses). */
export function certificateInfo(cert: X509Certificate): CertificateInfo | undefined {
  const validFrom = new Date(cert.validFrom);
  const validTo = new Date(cert.validTo);
  if (Number.isNaN(validFrom.getTime()) || Number.isNaN(validTo.getTime())) return undefined;
  const sans = (cert.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4).toLowerCase());
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1];
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    dnsNames: sans.length ? sans : cn ? [cn.toLowerCase()] : [],
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
    fingerprint256: cert.fingerprint256,
    selfSigned: cert.subject === cert.issuer,
  };
}

/** Does a certificate name (maybe "*.example.com") cover `host`? Wildcards cover one label. */
export function certCovers(names: readonly string[], host: string): boolean {
  return names.some((n) => n === host || (n.startsWith('*.') && host.startsWith('*.') ? n === host : n.startsWith('*.') && host.slice(host.indexOf('.')) === n.slice(1) && host.indexOf('.') > 0));
}

export function resolveTlsSecret(secret: Document | undefined, ref: { namespace: string; name: string }, ingress: Document, secretField: (string | number)[], origin: Origin): { tls: TlsConfig; findings: Finding[] } {
  const findings: Finding[] = [];
  const tls: TlsConfig = { secretNamespace: ref.namespace, secretName: ref.name, usable: false, origin };
  if (!secret) {
    findings.push(findingAt(ingress, { ruleId: 'tls-secret-not-found', path: secretField, message: `TLS Secret "${ref.namespace}/${ref.name}" is not in the input; a self-signed certificate will be served`, hint: 'Add the kubernetes.io/tls Secret, or fix secretName.' }));
    return { tls, findings };
  }
  const type = str(field(secret.obj, 'type'));
  if (type !== 'kubernetes.io/tls') {
    findings.push(findingAt(secret, { ruleId: 'tls-secret-invalid', path: ['type'], message: `Secret "${ref.namespace}/${ref.name}" is used for TLS but has type ${JSON.stringify(type ?? 'Opaque')}`, hint: 'Use type: kubernetes.io/tls.' }));
  }
  const crt = secretValue(secret, 'tls.crt');
  const key = secretValue(secret, 'tls.key');
  for (const [name, v] of [['tls.crt', crt], ['tls.key', key]] as const) {
    if (v.problem) findings.push(findingAt(secret, { ruleId: 'tls-secret-invalid', path: v.path, message: `Secret "${ref.namespace}/${ref.name}": ${v.problem}` }));
    else if (v.value === undefined) findings.push(findingAt(secret, { ruleId: 'tls-secret-invalid', path: v.path, message: `Secret "${ref.namespace}/${ref.name}" has no ${name}`, hint: 'A TLS Secret needs both tls.crt and tls.key.' }));
  }
  if (crt.value === undefined || key.value === undefined) return { tls, findings };
  let cert: X509Certificate;
  try {
    cert = new (crypto().X509Certificate)(crt.value);
  } catch {
    findings.push(findingAt(secret, { ruleId: 'tls-secret-invalid', path: crt.path, message: `Secret "${ref.namespace}/${ref.name}": tls.crt is not a PEM certificate` }));
    return { tls, findings };
  }
  const info = certificateInfo(cert);
  if (!info) {
    findings.push(findingAt(secret, { ruleId: 'tls-secret-invalid', path: crt.path, message: `Secret "${ref.namespace}/${ref.name}": the validity dates of the certificate in tls.crt cannot be read (a damaged certificate)` }));
    return { tls, findings };
  }
  tls.certificate = info;
  try {
    const privateKey = crypto().createPrivateKey(key.value);
    if (!cert.checkPrivateKey(privateKey)) {
      findings.push(findingAt(secret, { ruleId: 'tls-key-mismatch', path: key.path, message: `Secret "${ref.namespace}/${ref.name}": tls.key does not match the certificate in tls.crt` }));
      return { tls, findings };
    }
  } catch {
    // never echo the key material: say only what is wrong with it
    findings.push(findingAt(secret, { ruleId: 'tls-secret-invalid', path: key.path, message: `Secret "${ref.namespace}/${ref.name}": tls.key is not a PEM private key` }));
    return { tls, findings };
  }
  tls.usable = true;
  // not enumerable: key material never reaches JSON output or logs
  Object.defineProperty(tls, 'certPem', { value: crt.value, enumerable: false });
  Object.defineProperty(tls, 'keyPem', { value: key.value, enumerable: false });
  return { tls, findings };
}
