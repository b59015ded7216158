import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';
import { serveCli, sleep } from './helpers.js';

const HOST = 'reload.example.com';

async function keyPair() {
  const p = await generate([{ name: 'commonName', value: HOST }], { keySize: 2048, algorithm: 'sha256' });
  return { cert: p.cert, key: p.private, fingerprint256: new X509Certificate(p.cert).fingerprint256 };
}

/** Version `v` of the manifests: a stable route, a route of its own (/v<v>), a TLS Secret. */
function manifests(v: number, pair: { cert: string; key: string }): string {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const path = (p: string, svc: string) => `          - path: ${p}\n            pathType: Prefix\n            backend:\n              service:\n                name: ${svc}\n                port:\n                  number: 80\n`;
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: reload
  annotations:
    nginx.ingress.kubernetes.io/ssl-redirect: "false"
spec:
  tls:
    - hosts: [${HOST}]
      secretName: reload-tls
  rules:
    - host: ${HOST}
      http:
        paths:
${path('/stable', 'stable')}${path(`/v${v}`, `svc-${v}`)}---
apiVersion: v1
kind: Secret
metadata:
  name: reload-tls
type: kubernetes.io/tls
data:
  tls.crt: ${b64(pair.cert)}
  tls.key: ${b64(pair.key)}
`;
}

/** GET over a keep-alive agent; resolves with the status and echoed service, never rejects. */
function get(port: number, path: string, agent: Agent | false): Promise<{ status: number; service?: string }> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent, headers: { host: HOST } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        let service: string | undefined;
        try {
          service = JSON.parse(body).service;
        } catch {}
        resolve({ status: res.statusCode ?? 0, service });
      });
      res.on('error', () => resolve({ status: -1 }));
    });
    req.setTimeout(2000, () => req.destroy());
    req.on('error', () => resolve({ status: -1 }));
    req.end();
  });
}

function certificateOf(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = httpsRequest({ host: '127.0.0.1', port, path: '/stable', servername: HOST, headers: { host: HOST }, rejectUnauthorized: false, agent: false }, (res) => {
      resolve((res.socket as TLSSocket).getPeerCertificate().fingerprint256);
      res.resume();
    });
    req.setTimeout(2000, () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

/** Polls until `check` holds; returns the milliseconds it took (or Infinity after `limitMs`). */
async function within(limitMs: number, check: () => Promise<boolean>): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < limitMs) {
    if (await check()) return Date.now() - t0;
    await sleep(5);
  }
  return Infinity;
}

// Correctness only: every change goes live (bounded wait) with no failed request. How fast
// (the 250 ms target) is measured by the reload-latency benchmark, not by a timed test.
test('reload under load: 20 rewrites (routes, TLS, two broken edits), no failed request, each change goes live', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-reload-'));
  const file = join(dir, 'routes.yaml');
  const certs = [await keyPair(), await keyPair()];
  writeFileSync(file, manifests(0, certs[0]));
  const cli = serveCli([dir, '--quiet']);
  const agent = new Agent({ keepAlive: true, maxSockets: 2 });
  let running = true;
  let requests = 0;
  const failures: string[] = [];
  try {
    const { httpPort, httpsPort } = await cli.ready;
    // two clients, each sending requests back to back over keep-alive connections
    const load = [0, 1].map(async () => {
      while (running && requests < 100_000) {
        const r = await get(httpPort, '/stable', agent);
        requests++;
        if (r.status !== 200 || r.service !== 'stable') failures.push(`/stable answered ${r.status} ${r.service}`);
      }
    });
    const slow: string[] = [];
    let live = 0;
    let cert = 0;
    for (let i = 1; i <= 20; i++) {
      if (i === 7 || i === 14) {
        const before = cli.stderr().length;
        writeFileSync(file, i === 7 ? manifests(i, certs[cert]).replace('pathType: Prefix', 'pathType: Sometimes') : manifests(i, certs[cert]).replace('  rules:', '  rules: [\n'));
        const refused = await within(1000, async () => cli.stderr().slice(before).includes('reload refused'));
        assert.ok(refused < Infinity, `broken edit ${i} was not reported: ${cli.stderr().slice(before)}`);
        assert.match(cli.stderr().slice(before), /routes\.yaml:\d+:\d+: error/);
        assert.is((await get(httpPort, `/v${live}`, false)).service, `svc-${live}`, 'the last good configuration still answers');
        continue;
      }
      if (i % 5 === 0) cert = 1 - cert;
      writeFileSync(file, manifests(i, certs[cert]));
      const ms = await within(5000, async () => (await get(httpPort, `/v${i}`, false)).service === `svc-${i}`);
      if (ms === Infinity) slow.push(`rewrite ${i} never went live`);
      assert.is((await get(httpPort, `/v${live}`, false)).status, 404, `the route of version ${live} is gone`);
      assert.is(await certificateOf(httpsPort), certs[cert].fingerprint256, 'the certificate changed with the routes');
      live = i;
    }
    running = false;
    await Promise.all(load);
    assert.equal(slow, []);
    assert.equal(failures.slice(0, 5), [], `${failures.length} of ${requests} requests failed`);
    assert.ok(requests > 50, `only ${requests} requests were sent`);
  } finally {
    running = false;
    agent.destroy();
    const code = await cli.stop();
    rmSync(dir, { recursive: true, force: true });
    assert.is(code, 0);
  }
});

test.run();
