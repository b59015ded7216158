// The Gateway API conformance suite's HTTPRoute cases (test/cases/gateway-conformance.ts and
// fixtures/gateway-api/conformance, from the gwschema work) against the model and serve.
// Cases of features outside ingressctl's scope (mirroring, timeouts) are counted as skipped.
// Runs only when the conformance data is in the repository.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { modifyHeaders } from '../../src/gateway/filters-apply.js';
import { GatewayMatcher } from '../../src/gateway/match.js';
import { GatewayProxy } from '../../src/gateway/serve.js';
import { generateDefaultCertificate } from '../../src/serve/tls.js';
import { loadInputs } from '../../src/load/index.js';
import { isRedirect } from '../../src/model/match.js';
import { resolve } from '../../src/model/resolve.js';
import type { RouteModel } from '../../src/model/types.js';
import { ROOT } from '../helpers.js';
import { check, headersOf, portOf, type Seen } from './conformance-check.js';

const DATA = join(ROOT, 'test/cases/gateway-conformance.ts');
const FIXTURES = join(ROOT, 'fixtures/gateway-api/conformance');
const OUT_OF_SCOPE = /Mirror|Timeout|Retry|SessionPersistence|BackendTLS/;

if (!existsSync(DATA) || !existsSync(FIXTURES)) {
  test('conformance data absent: nothing to run (test/cases/gateway-conformance.ts)', () => {});
} else {
  const models = new Map<string, RouteModel>();
  const modelFor = (c: any) => {
    const without: string[] = c.without ?? [];
    const key = `${c.manifests.join(',')} without ${without.join(',')}`;
    let m = models.get(key);
    if (!m) {
      // objects the Go test deletes before this request (`without`: "Kind namespace/name")
      const docs = loadInputs([join(FIXTURES, 'base/manifests.yaml'), ...c.manifests.map((p: string) => join(FIXTURES, p))]).documents.filter((d) => !without.includes(`${d.kind} ${d.namespace}/${d.name}`));
      models.set(key, (m = resolve(docs, {})));
    }
    return m;
  };
  const load = async () => ((await import(pathToFileURL(DATA).href)) as { CONFORMANCE_CASES: any[] }).CONFORMANCE_CASES;

  test('conformance HTTPRoute cases on the model', async () => {
    const cases = await load();
    let ran = 0;
    const failed: string[] = [];
    for (const c of cases) {
      if (c.features.some((f: string) => OUT_OF_SCOPE.test(f))) continue;
      const g = modelFor(c).gateways?.find((x) => `${x.namespace}/${x.name}` === c.gateway);
      if (!g) {
        failed.push(`${c.source}: Gateway ${c.gateway} not resolved`);
        continue;
      }
      ran++;
      const host = c.request.host || 'gateway.example';
      const d = new GatewayMatcher(g, { random: Math.random }).match({ scheme: c.scheme, host, target: c.request.path, method: c.request.method ?? 'GET', headers: headersOf(c), port: portOf(c, g), ...(c.scheme === 'https' ? { sni: c.sni ?? host.replace(/:\d+$/, '') } : {}) });
      let headers: Record<string, string> = { ...d.headers };
      for (const [k, v] of Object.entries((c.expect.backendSetResponseHeaders ?? {}) as Record<string, string>)) headers[k.toLowerCase()] = v;
      for (const m of d.status === 200 ? d.responseHeaders ?? [] : []) headers = modifyHeaders(headers, m);
      const seen: Seen = { status: d.status, headers, ...(isRedirect(d) ? { location: d.location } : {}), ...(d.status === 200 ? { backend: d.backend, ...(d.upstream ? { upstream: d.upstream } : {}) } : {}) };
      const why = check(c, seen);
      if (why.length) failed.push(`${c.source}: ${why.join('; ')}`);
    }
    console.log(`  conformance on the model: ${ran} of ${cases.length} cases run, ${failed.length} failed; not run: mirroring, timeouts (out of scope)`);
    assert.ok(ran > 150, `only ${ran} cases ran`);
    assert.equal(failed, []);
  });

  test('conformance HTTPRoute cases on serve (echo backends)', async () => {
    const cases = await load();
    let ran = 0;
    const failed: string[] = [];
    const proxies = new Map<string, GatewayProxy>();
    const defaultCertificate = await generateDefaultCertificate(); // once, not per proxy
    try {
      for (const c of cases) {
        if (c.features.some((f: string) => OUT_OF_SCOPE.test(f)) || c.scheme !== 'http' || c.request.protocol) continue;
        const g = modelFor(c).gateways?.find((x) => `${x.namespace}/${x.name}` === c.gateway);
        if (!g) continue;
        const key = `${c.manifests.join(',')} without ${(c.without ?? []).join(',')} ${c.gateway}`;
        let proxy = proxies.get(key);
        if (!proxy) proxies.set(key, (proxy = await GatewayProxy.start(g, { httpPort: 0, httpsPort: 0, mapPorts: new Map(g.listeners.map((l) => [l.port, 0])), routeHeader: false, defaultCertificate })));
        const local = proxy.ports.get(portOf(c, g));
        if (local === undefined) continue;
        ran++;
        const seen = await send(local, c);
        for (const [k, v] of Object.entries((c.expect.backendSetResponseHeaders ?? {}) as Record<string, string>)) if (seen.headers[k.toLowerCase()] === undefined) seen.headers[k.toLowerCase()] = v;
        const why = check(c, seen).filter((w) => !(c.expect.backendSetResponseHeaders && /^response /.test(w)));
        if (why.length) failed.push(`${c.source}: ${why.join('; ')}`);
      }
    } finally {
      for (const p of proxies.values()) await p.stop();
    }
    console.log(`  conformance on serve: ${ran} of ${cases.length} cases run (HTTP/1.1 over plain HTTP), ${failed.length} failed`);
    assert.ok(ran > 150, `only ${ran} cases ran`);
    assert.equal(failed, []);
  });
}

function send(port: number, c: any): Promise<Seen> {
  return new Promise((resolvePromise, reject) => {
    const headers: Record<string, string> = { ...c.request.headers, host: c.request.host || 'gateway.example', connection: 'close' };
    const r = httpRequest({ host: '127.0.0.1', port, method: c.request.method ?? 'GET', path: c.request.path, headers, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h[k] = Array.isArray(v) ? v.join(', ') : v;
        const seen: Seen = { status: res.statusCode ?? 0, headers: h, ...(h.location ? { location: h.location } : {}) };
        if (seen.status === 200 && h['x-ingressctl-echo']) {
          const echo = JSON.parse(body);
          const up: Record<string, string> = {};
          for (const [k, v] of Object.entries(echo.headers as Record<string, string | string[]>)) up[k] = Array.isArray(v) ? v.join(',') : v;
          seen.backend = { namespace: echo.namespace, service: echo.service };
          seen.upstream = { path: echo.path + (echo.query ? `?${echo.query}` : ''), host: echo.host, headers: up };
        }
        resolvePromise(seen);
      });
    });
    r.on('timeout', () => r.destroy(new Error('timeout')));
    r.on('error', reject);
    r.end();
  });
}

test.run();
