// Generated certificates must always be valid DER: a serial with a leading 0 byte is not
// (found by the injection fuzz: one render in 256 failed with "illegal padding").
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { X509Certificate } from 'node:crypto';
import { selfSignedCertificate, serialFrom } from '../../src/emit/self-signed.js';
import { selfSignedCertificate as envoyFallback } from '../../src/emit/envoy/self-signed.js';

test('serials are positive and minimally encoded, whatever the random bytes', () => {
  for (const first of [0x00, 0x01, 0x7f, 0x80, 0xff]) {
    const s = serialFrom(Buffer.from([first, 0x05, 0x80, 0x00]));
    assert.ok(s[0] >= 0x01 && s[0] <= 0x7f, `first byte ${s[0]} from ${first}`);
    assert.equal([...s.subarray(1)], [0x05, 0x80, 0x00]);
  }
});

test('many generated certificates all parse (nginx default and Envoy fallback)', () => {
  for (let i = 0; i < 300; i++) {
    new X509Certificate(selfSignedCertificate('ingressctl default certificate').certPem);
    new X509Certificate(envoyFallback().certPem);
  }
});

test.run();
