// A self-signed certificate for hosts whose TLS Secret is missing or unusable (and as the
// default certificate), as ingress-nginx serves its "fake certificate": one module for
// every emitter. node:crypto makes keys and signatures but not certificates, and the
// maintained certificate libraries are asynchronous (WebCrypto) or RSA-only and slow in
// pure JS, while emitters are synchronous and the injection fuzz renders thousands of
// times; so the few DER structures of one fixed X.509 v3 shape are written here, and every
// result's shape is parsed back by X509Certificate before it is used. (serve, which makes
// one certificate at start, uses the `selfsigned` library.) The key is fresh on every
// render (each bundle has one generated certificate, made only when its file is read):
// certificate files differ between renders, the configuration that names them does not.
import { X509Certificate, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

export interface SelfSigned {
  certPem: string;
  keyPem: string;
}

/** The length forms der() wrote for the certificate being built (see `checkedShapes`). */
let forms = '';

function der(tag: number, body: Buffer): Buffer {
  const n = body.length;
  forms += n < 0x80 ? 's' : n < 0x100 ? 'm' : 'l';
  const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
}
const seq = (...items: Buffer[]) => der(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => der(0x31, Buffer.concat(items));
const explicit = (n: number, inner: Buffer) => der(0xa0 + n, inner);

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const v of rest) {
    const chunk = [v & 0x7f];
    for (let x = v >> 7; x > 0; x >>= 7) chunk.unshift((x & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 4.1.2.5). */
function time(t: Date): Buffer {
  const iso = t.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return t.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(iso.slice(2))) : der(0x18, Buffer.from(iso));
}

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

/**
 * A certificate serial from random bytes: positive (top bit clear) and minimally encoded
 * (first byte not 0), as DER requires; a leading 0 byte made 1 render in 256 fail.
 */
export function serialFrom(random: Buffer): Buffer {
  const serial = Buffer.from(random);
  serial[0] = (serial[0] & 0x7f) | 0x01;
  return serial;
}

/** A fresh P-256 key, exported once for all the certificates it signs. */
export interface CertificateKey {
  privateKey: KeyObject;
  spki: Buffer;
  pem: string;
}

export function certificateKey(): CertificateKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, spki: publicKey.export({ type: 'spki', format: 'der' }), pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/**
 * Certificates whose DER length forms are the same have the same structure, whatever the
 * bytes of names, serial and signature: one of each is parsed back, not every one.
 */
const checkedShapes = new Set<string>();

export function selfSignedCertificate(commonName: string, dnsNames: readonly string[] = [], now = new Date(), key: CertificateKey = certificateKey()): SelfSigned {
  forms = '';
  const serial = serialFrom(randomBytes(16));
  // X.520 bounds a common name at 64 characters; the subjectAltName carries the whole host
  const name = seq(set(seq(oid('2.5.4.3'), der(0x0c, Buffer.from(commonName.slice(0, 64))))));
  const extensions: Buffer[] = [seq(oid('2.5.29.19'), der(0x04, seq()))]; // basicConstraints: not a CA
  if (dnsNames.length) extensions.push(seq(oid('2.5.29.17'), der(0x04, seq(...dnsNames.map((n) => der(0x82, Buffer.from(n)))))));
  const tbs = seq(
    explicit(0, der(0x02, Buffer.from([2]))), // version 3
    der(0x02, serial),
    ECDSA_SHA256,
    name,
    seq(time(new Date(now.getTime() - 86_400_000)), time(new Date(now.getTime() + 10 * 365 * 86_400_000))),
    name,
    key.spki,
    explicit(3, seq(...extensions)),
  );
  const signature = sign('sha256', tbs, key.privateKey);
  const cert = seq(tbs, ECDSA_SHA256, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const certPem = `-----BEGIN CERTIFICATE-----\n${cert.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;
  if (!checkedShapes.has(forms)) {
    new X509Certificate(certPem); // fails loudly here, not in the proxy, if the encoding is ever wrong
    checkedShapes.add(forms);
  }
  return { certPem, keyPem: key.pem };
}
