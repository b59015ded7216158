import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:http2';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { ROOT, ingress, modelOf } from '../helpers.js';
import { call, defaultCertificate, echoed, withProxy } from './helpers.js';

const cafeSecret = readFileSync(join(ROOT, 'fixtures/cafe/cafe-secret.yaml'), 'utf8');

async function certFor(dnsName: string) {
  const p = await generate([{ name: 'commonName', value: dnsName }], { keyType: 'ec', algorithm: 'sha256', extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: dnsName }] }] });
  return { cert: p.cert, key: p.private, fingerprint256: new X509Certificate(p.cert).fingerprint256 };
}

function secret(name: string, pair: { cert: string; key: string }): string {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return `---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${b64(pair.cert)}\n  tls.key: ${b64(pair.key)}\n`;
}

async function fixture() {
  const wild = await certFor('*.wild.example.com');
  const yaml =
    ingress('cafe', 'cafe.example.com', [['/', 'Prefix', 'cafe']], { tls: 'cafe-secret' }) +
    '---\n' + cafeSecret +
    ingress('wild', '*.wild.example.com', [['/', 'Prefix', 'wild']], { tls: 'wild-tls' }) +
    secret('wild-tls', wild) +
    ingress('open', 'open.example.com', [['/', 'Prefix', 'open']]);
  const model = modelOf(yaml);
  const cafeFp = model.hosts.find((h) => h.host === 'cafe.example.com')!.tls!.certificate!.fingerprint256;
  const defaultFp = new X509Certificate((await defaultCertificate()).cert).fingerprint256;
  return { yaml, model, wild, cafeFp, defaultFp };
}

test('SNI picks the certificate of the host (exact and wildcard)', async () => {
  const { model, wild, cafeFp, defaultFp } = await fixture();
  assert.is.not(cafeFp, defaultFp);
  await withProxy(model, {}, async (p) => {
    const cafe = await call(p, { scheme: 'https', host: 'cafe.example.com', path: '/' });
    assert.is(cafe.fingerprint256, cafeFp);
    assert.is(echoed(cafe), 'default/cafe:80');
    const w = await call(p, { scheme: 'https', host: 'a.wild.example.com', path: '/' });
    assert.is(w.fingerprint256, wild.fingerprint256);
    assert.is(echoed(w), 'default/wild:80');
  });
});

test('unknown SNI, no SNI and hosts without TLS get the default certificate', async () => {
  const { model, defaultFp } = await fixture();
  await withProxy(model, {}, async (p) => {
    assert.is((await call(p, { scheme: 'https', host: 'nobody.example.org', path: '/' })).fingerprint256, defaultFp);
    assert.is((await call(p, { scheme: 'https', host: 'open.example.com', path: '/' })).fingerprint256, defaultFp);
    const noSni = await call(p, { scheme: 'https', host: 'cafe.example.com', path: '/', servername: null });
    assert.is(noSni.fingerprint256, defaultFp);
    assert.is(noSni.status, 200, 'routing still follows the Host header');
  });
});

test('plain HTTP to a TLS host is redirected (308) to the HTTPS port', async () => {
  const { model, cafeFp } = await fixture();
  await withProxy(model, {}, async (p) => {
    const r = await call(p, { host: 'cafe.example.com', path: '/menu?x=1' });
    assert.is(r.status, 308);
    assert.is(r.headers.location, `https://cafe.example.com:${p.httpsPort}/menu?x=1`);
    const followed = await call(p, { scheme: 'https', host: `cafe.example.com:${p.httpsPort}`, path: '/menu?x=1' });
    assert.is(followed.status, 200);
    assert.is(followed.fingerprint256, cafeFp);
    assert.is((await call(p, { host: 'open.example.com', path: '/' })).status, 200, 'hosts without TLS are served on HTTP');
  });
});

test('HTTPS speaks HTTP/2 when the client offers it (ALPN)', async () => {
  const { model } = await fixture();
  await withProxy(model, {}, async (p) => {
    const session = connect(`https://127.0.0.1:${p.httpsPort}`, { servername: 'cafe.example.com', rejectUnauthorized: false });
    try {
      const { status, body, alpn } = await new Promise<{ status: number; body: string; alpn: string | undefined }>((resolve, reject) => {
        const s = session.request({ ':path': '/h2?y=2', ':authority': 'cafe.example.com' });
        let body = '';
        let status = 0;
        s.on('response', (h) => (status = Number(h[':status'])));
        s.on('data', (d) => (body += d));
        s.on('end', () => resolve({ status, body, alpn: session.alpnProtocol }));
        s.on('error', reject);
        s.setTimeout(5000, () => reject(new Error('no answer')));
      });
      assert.is(alpn, 'h2');
      assert.is(status, 200);
      const j = JSON.parse(body);
      assert.is(j.service, 'cafe');
      assert.is(j.path, '/h2');
      assert.is(j.query, 'y=2');
    } finally {
      session.destroy();
    }
    const h1 = await call(p, { scheme: 'https', host: 'cafe.example.com', path: '/' });
    assert.is(h1.alpn, false, 'a client without ALPN gets HTTP/1.1');
  });
});

test('certificates swap together with the routes', async () => {
  const { yaml, model, cafeFp } = await fixture();
  const replacement = await certFor('cafe.example.com');
  await withProxy(model, {}, async (p) => {
    assert.is((await call(p, { scheme: 'https', host: 'cafe.example.com', path: '/' })).fingerprint256, cafeFp);
    p.swap(modelOf(yaml.replace(cafeSecret, secret('cafe-secret', replacement).replace(/^---\n/, ''))));
    assert.is((await call(p, { scheme: 'https', host: 'cafe.example.com', path: '/' })).fingerprint256, replacement.fingerprint256);
  });
});

test.run();
