// A self-signed certificate for a TLS host whose Secret is missing or unusable (as
// ingress-nginx serves its fake certificate), and for the fallback served when SNI names
// no host. node:crypto makes the key and signs; it cannot build a certificate, so the
// few DER structures of an X.509 v3 certificate are written here.
// The key is fresh on every call: a key derived from the input would be known to anyone.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

const OID = {
  commonName: '2.5.4.3',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
}

const seq = (...c: Buffer[]) => der(0x30, ...c);
const set = (...c: Buffer[]) => der(0x31, ...c);
const utf8 = (s: string) => der(0x0c, Buffer.from(s, 'utf8'));
const octets = (b: Buffer) => der(0x04, b);
const bits = (b: Buffer) => der(0x03, Buffer.from([0]), b);
const explicit = (n: number, c: Buffer) => der(0xa0 + n, c);

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

function integer(b: Buffer): Buffer {
  return der(0x02, b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}

/** UTCTime until 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return d.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(iso.slice(2))) : der(0x18, Buffer.from(iso));
}

const name = (cn: string) => seq(set(seq(oid(OID.commonName), utf8(cn))));
const extension = (id: string, value: Buffer, critical = false) =>
  seq(oid(id), ...(critical ? [der(0x01, Buffer.from([0xff]))] : []), octets(value));

export interface SelfSigned {
  certPem: string;
  keyPem: string;
}

/** A P-256 certificate for `dnsNames` (wildcards allowed), valid from yesterday for `days`. */
export function selfSignedCertificate(commonName: string, dnsNames: readonly string[], days = 365, now = new Date()): SelfSigned {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  serial[0] |= 0x01;
  const algorithm = seq(oid(OID.ecdsaWithSha256));
  const from = new Date(now.getTime() - 86_400_000);
  const to = new Date(now.getTime() + days * 86_400_000);
  const extensions = [
    extension(OID.basicConstraints, seq(), true),
    extension(OID.keyUsage, der(0x03, Buffer.from([7, 0x80])), true), // digitalSignature
    extension(OID.extKeyUsage, seq(oid(OID.serverAuth))),
    ...(dnsNames.length ? [extension(OID.subjectAltName, seq(...dnsNames.map((n) => der(0x82, Buffer.from(n, 'ascii')))))] : []),
  ];
  // X.509 caps the common name at 64 characters; the names that matter are in subjectAltName
  const cn = commonName.length <= 64 ? commonName : commonName.slice(0, 64);
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    algorithm,
    name(cn),
    seq(time(from), time(to)),
    name(cn),
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, seq(...extensions)),
  );
  const signature = sign('sha256', tbs, privateKey);
  const cert = seq(tbs, algorithm, bits(signature));
  return { certPem: pem('CERTIFICATE', cert), keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

function pem(label: string, body: Buffer): string {
  const lines = body.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
