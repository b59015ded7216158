// The generated certificate every emitter uses: valid DER, self-signed, matching its key,
// for the names asked; a fresh key each time.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { certificateKey, selfSignedCertificate, serialFrom } from '../../src/emit/self-signed.js';

test('serials are positive and minimally encoded, whatever the random bytes', () => {
  for (const first of [0x00, 0x01, 0x7f, 0x80, 0xff]) {
    const s = serialFrom(Buffer.from([first, 0x05, 0x80, 0x00]));
    assert.ok(s[0] >= 0x01 && s[0] <= 0x7f, `first byte ${s[0]} from ${first}`);
    assert.equal([...s.subarray(1)], [0x05, 0x80, 0x00]);
  }
});

test('many generated certificates all parse (a bad serial broke 1 render in 256)', () => {
  for (let i = 0; i < 300; i++) new X509Certificate(selfSignedCertificate('ingressctl default certificate', i % 2 ? ['ingress.local'] : []).certPem);
});

test('parses, is self-signed, matches its key, and names the host', () => {
  const now = new Date('2030-06-01T00:00:00Z');
  const s = selfSignedCertificate('*.wild.example.com', ['*.wild.example.com'], now);
  const cert = new X509Certificate(s.certPem);
  assert.is(cert.subject, 'CN=*.wild.example.com');
  assert.is(cert.issuer, cert.subject);
  assert.is(cert.subjectAltName, 'DNS:*.wild.example.com');
  assert.ok(cert.verify(cert.publicKey), 'signature');
  assert.ok(cert.checkPrivateKey(createPrivateKey(s.keyPem)));
  assert.is(new Date(cert.validFrom).toISOString(), '2030-05-31T00:00:00.000Z');
});

test('a fresh key and serial every time: a key derived from the input would be known to anyone', () => {
  const a = selfSignedCertificate('a.test', ['a.test']);
  const b = selfSignedCertificate('a.test', ['a.test']);
  assert.is.not(a.keyPem, b.keyPem);
  assert.is.not(new X509Certificate(a.certPem).serialNumber, new X509Certificate(b.certPem).serialNumber);
});

test('certificates of one render share its key, each with its own serial, and each parses', () => {
  const key = certificateKey();
  const certs = ['a.test', 'b.test', `${'c'.repeat(120)}.test`].map((h) => selfSignedCertificate(h, [h], undefined, key));
  assert.equal(new Set(certs.map((c) => c.keyPem)).size, 1);
  assert.equal(new Set(certs.map((c) => new X509Certificate(c.certPem).serialNumber)).size, 3);
  for (const c of certs) assert.ok(new X509Certificate(c.certPem).checkPrivateKey(createPrivateKey(c.keyPem)));
});

test('long names: the common name is cut to 64 characters, the SAN keeps the whole name; dates after 2049', () => {
  const host = `${'a'.repeat(60)}.${'b'.repeat(60)}.example.com`;
  const s = selfSignedCertificate(host, [host], new Date('2060-01-01T00:00:00Z'));
  const cert = new X509Certificate(s.certPem);
  assert.is(cert.subject, `CN=${host.slice(0, 64)}`);
  assert.is(cert.subjectAltName, `DNS:${host}`);
  assert.ok(new Date(cert.validTo).getUTCFullYear() >= 2060);
});

test('no names at all: a fallback certificate without subjectAltName', () => {
  const cert = new X509Certificate(selfSignedCertificate('ingressctl fallback certificate').certPem);
  assert.is(cert.subjectAltName, undefined);
});

test.run();
