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
import type { GatewayModel, RouteModel } from '../../src/model/types.js';
import { ROOT } from '../helpers.js';

const DATA = join(ROOT, 'test/cases/gateway-conformance.ts');
const FIXTURES = join(ROOT, 'fixtures/gateway-api/conformance');
const OUT_OF_SCOPE = /Mirror|Timeout|Retry|SessionPersistence|BackendTLS/;

interface Seen {
  status: number;
  backend?: { namespace: string; service: string };
  location?: string;
  upstream?: { path: string; host: string; headers: Record<string, string>; method?: string };
  headers: Record<string, string>;
}

/** What the conformance harness checks, on one answer; [] when it passes. */
function check(c: any, seen: Seen): string[] {
  const e = c.expect;
  const why: string[] = [];
  const statuses: number[] = e.statuses ?? [200];
  if (!statuses.includes(seen.status)) why.push(`status ${seen.status}, expected ${statuses.join('/')}`);
  // routedTo: the Service the route sends to, where the pods that answer (backend) are another Service's
  const want = e.routedTo ?? e.backend;
  if (seen.status === 200 && want && !e.weights && (seen.backend?.service !== want.service || seen.backend?.namespace !== want.namespace)) why.push(`backend ${seen.backend?.namespace}/${seen.backend?.service}`);
  if (seen.status === 200 && e.upstream && seen.upstream) {
    const u = seen.upstream;
    if (e.upstream.path && u.path !== e.upstream.path) why.push(`upstream path ${u.path}`);
    if (e.upstream.host && u.host !== e.upstream.host) why.push(`upstream host ${u.host}`);
    for (const [k, v] of Object.entries(e.upstream.headers ?? {})) if (u.headers[k.toLowerCase()] !== v) why.push(`upstream ${k}: ${u.headers[k.toLowerCase()]}`);
    for (const k of e.upstream.absentHeaders ?? []) if (u.headers[k.toLowerCase()] !== undefined) why.push(`upstream ${k} present`);
  }
  if (e.redirect) {
    const m = /^(\w+):\/\/([^/:]+)(?::(\d+))?([^?]*)/.exec(seen.location ?? '');
    if (!m) why.push(`no Location (${seen.location})`);
    else {
      if (e.redirect.scheme && m[1] !== e.redirect.scheme) why.push(`redirect scheme ${m[1]}`);
      if (e.redirect.host && m[2] !== e.redirect.host) why.push(`redirect host ${m[2]}`);
      const wellKnown = (m[1] === 'http' && m[3] === '80') || (m[1] === 'https' && m[3] === '443');
      if (e.redirect.port ? m[3] !== e.redirect.port && !(wellKnown && !m[3]) : m[3] && !wellKnown) why.push(`redirect port ${m[3]}`);
      if (e.redirect.path && m[4] !== e.redirect.path) why.push(`redirect path ${m[4]}`);
    }
  }
  const h = seen.headers;
  for (const [k, v] of Object.entries(e.responseHeaders ?? {})) if (h[k.toLowerCase()] !== v) why.push(`response ${k}: ${h[k.toLowerCase()]}`);
  for (const [k, vs] of Object.entries(e.responseHeaderOneOf ?? {}) as [string, string[]][]) {
    const got = (h[k.toLowerCase()] ?? '').replace(/\s/g, '');
    if (!vs.some((v) => v.replace(/\s/g, '') === got)) why.push(`response ${k}: ${h[k.toLowerCase()]}`);
  }
  for (const k of e.absentResponseHeaders ?? []) if (h[k.toLowerCase()] !== undefined) why.push(`response ${k} present`);
  return why;
}

/** The listener port a case connects to: the data's, else the Host's port when a listener has it, else the scheme's, else the first listener of the protocol. */
function portOf(c: any, g: GatewayModel): number {
  if (typeof c.port === 'number') return c.port;
  const hp = /:(\d+)$/.exec(c.request.host ?? '');
  if (hp && g.listeners.some((l) => l.port === Number(hp[1]))) return Number(hp[1]);
  const dflt = c.scheme === 'https' ? 443 : 80;
  if (g.listeners.some((l) => l.port === dflt)) return dflt;
  return g.listeners.find((l) => l.protocol === (c.scheme === 'https' ? 'HTTPS' : 'HTTP'))?.port ?? dflt;
}

const headersOf = (c: any) => Object.fromEntries(Object.entries((c.request.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));

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
