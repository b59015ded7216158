import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ingress, modelOf, outcome } from '../helpers.js';
import { Matcher } from '../../src/model/match.js';

const secret = readFileSync(join(ROOT, 'fixtures/cafe/cafe-secret.yaml'), 'utf8');
const tlsIngress = (annotations?: Record<string, string>) => ingress('cafe', 'cafe.example.com', [['/tea', 'Prefix', 'tea']], { tls: 'cafe-secret', annotations });

test('plain HTTP to a TLS host redirects to HTTPS with 308', () => {
  const m = modelOf(tlsIngress() + '---\n' + secret);
  assert.is(outcome(m, 'http://cafe.example.com/tea?x=1'), '308 https://cafe.example.com/tea?x=1');
  assert.is(outcome(m, 'https://cafe.example.com/tea'), 'default/tea:80');
});
test('the redirect names the HTTPS port when it is not 443', () => {
  const m = modelOf(tlsIngress() + '---\n' + secret);
  const d = new Matcher(m, { httpsPort: 8443 }).match({ scheme: 'http', host: 'cafe.example.com:8080', target: '/tea' });
  assert.is(d.status, 308);
  assert.is((d as any).location, 'https://cafe.example.com:8443/tea');
});
test('ssl-redirect: "false" serves plain HTTP', () => {
  const m = modelOf(tlsIngress({ 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' }) + '---\n' + secret);
  assert.is(outcome(m, 'http://cafe.example.com/tea'), 'default/tea:80');
});
test('the certificate is parsed: SANs and validity recorded, key never enumerable', () => {
  const m = modelOf(tlsIngress() + '---\n' + secret);
  const tls = m.hosts[0].tls!;
  assert.ok(tls.usable);
  assert.equal(tls.certificate!.dnsNames, ['cafe.example.com']);
  assert.ok(Date.parse(tls.certificate!.validTo) > Date.parse('2100-01-01'));
  assert.ok(tls.keyPem!.includes('PRIVATE KEY'));
  assert.not.match(JSON.stringify(tls), /PRIVATE KEY/);
});
test('a missing TLS Secret leaves the host on a self-signed certificate with a warning', () => {
  const m = modelOf(tlsIngress());
  assert.is(m.hosts[0].tls!.usable, false);
  assert.ok(m.findings.some((f) => f.ruleId === 'tls-secret-not-found' && f.severity === 'warning'));
});
test('a Secret whose key does not match its certificate is unusable', () => {
  const other = secret.replace(/tls\.key: .*/, 'tls.key: ' + Buffer.from(require('node:crypto').generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' })).toString('base64'));
  const m = modelOf(tlsIngress() + '---\n' + other);
  assert.is(m.hosts[0].tls!.usable, false);
  assert.ok(m.findings.some((f) => f.ruleId === 'tls-key-mismatch'));
});


/** The cafe certificate with four characters of its body replaced: node:crypto still parses it, its validity dates are unreadable. */
function damagedSecret(): string {
  const encoded = /tls\.crt: (\S+)/.exec(secret)![1];
  const lines = Buffer.from(encoded, 'base64').toString('utf8').split('\n');
  lines[2] = `${lines[2].slice(0, 48)}ABCD${lines[2].slice(52)}`;
  return secret.replace(encoded, Buffer.from(lines.join('\n')).toString('base64'));
}
test('a damaged certificate whose dates cannot be read is reported at its field, not an internal error', () => {
  const m = modelOf(tlsIngress() + '---\n' + damagedSecret());
  assert.is(m.hosts[0].tls!.usable, false);
  const f = m.findings.find((x) => x.ruleId === 'tls-secret-invalid');
  assert.ok(f && /validity dates/.test(f.message) && f.severity === 'error', JSON.stringify(m.findings));
});

test.run();
