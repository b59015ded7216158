// self-signed.ts: a certificate node:crypto and OpenSSL accept, for the names asked.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { selfSignedCertificate } from '../../src/emit/haproxy/self-signed.js';

test('parses, is self-signed, matches its key, and names the host', () => {
  const now = new Date('2030-06-01T00:00:00Z');
  const s = selfSignedCertificate('*.wild.example.com', ['*.wild.example.com'], 365, now);
  const cert = new X509Certificate(s.certPem);
  assert.is(cert.subject, 'CN=*.wild.example.com');
  assert.is(cert.issuer, cert.subject);
  assert.is(cert.subjectAltName, 'DNS:*.wild.example.com');
  assert.ok(cert.verify(cert.publicKey), 'signature');
  assert.ok(cert.checkPrivateKey(createPrivateKey(s.keyPem)));
  assert.is(new Date(cert.validFrom).toISOString(), '2030-05-31T00:00:00.000Z');
  assert.is(new Date(cert.validTo).toISOString(), '2031-06-01T00:00:00.000Z');
  assert.match(s.keyPem, /^-----BEGIN PRIVATE KEY-----\n/);
});

test('a fresh key every time: a key derived from the input would be known to anyone', () => {
  const a = selfSignedCertificate('a.test', ['a.test']);
  const b = selfSignedCertificate('a.test', ['a.test']);
  assert.is.not(a.keyPem, b.keyPem);
  assert.is.not(new X509Certificate(a.certPem).serialNumber, new X509Certificate(b.certPem).serialNumber);
});

test('long names: the common name is cut to 64 characters, the SAN keeps the whole name; dates after 2049', () => {
  const host = `${'a'.repeat(60)}.${'b'.repeat(60)}.example.com`;
  const s = selfSignedCertificate(host, [host], 365, new Date('2060-01-01T00:00:00Z'));
  const cert = new X509Certificate(s.certPem);
  assert.is(cert.subject, `CN=${host.slice(0, 64)}`);
  assert.is(cert.subjectAltName, `DNS:${host}`);
  assert.is(new Date(cert.validTo).getUTCFullYear(), 2060);
});

test('no names at all: a fallback certificate without subjectAltName', () => {
  const cert = new X509Certificate(selfSignedCertificate('ingressctl fallback certificate', []).certPem);
  assert.is(cert.subjectAltName, undefined);
  assert.is(cert.subject, 'CN=ingressctl fallback certificate');
});

test.run();
