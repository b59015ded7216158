// The Gateway API routing table on real nginx: `render --gateway --target nginx` of the
// fixture, every listener port on a free local port, echo servers as backends.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer as createH2cServer, type Http2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { renderGatewayNginx } from '../../src/gateway/emit-nginx.js';
import { writeBundle as writeFiles } from '../../src/emit/bundle.js';
import { join } from 'node:path';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import type { Backend, GatewayModel } from '../../src/model/types.js';
import { backendKey, startEchoUpstreams, type EchoUpstreams } from '../../src/engines/echo-upstreams.js';
import { NGINX, nginxCheck, removeScratch, scratch, startNginxOnFreePorts, type Running } from '../e2e/nginx-engine.js';
import { testNeeding } from '../needs.js';
import { gatewayCases, gatewayFixture, gatewayName, type GatewayCase } from '../cases/gateway-cases.js';

/** Rows nginx does not route as the model does, each reported by render (target-unsupported at its line). */
const REPORTED: [RegExp, RegExp][] = [[/^gRPC|GRPCRoute/, /GRPCRoute/]];

function gatewayBackends(g: GatewayModel): Backend[] {
  const all = new Map<string, Backend>();
  for (const l of g.listeners) for (const v of l.hosts) for (const r of v.routes) for (const b of r.backends ?? []) if (b.backend) all.set(backendKey(b.backend), b.backend);
  return [...all.values()];
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function send(c: GatewayCase, port: number): Promise<Answer> {
  const https = c.scheme === 'https';
  const name = c.host.replace(/:\d+$/, '').toLowerCase();
  return new Promise((resolvePromise, reject) => {
    const r = (https ? httpsRequest : httpRequest)(
      { host: '127.0.0.1', port, method: c.method ?? 'GET', path: c.path, headers: { ...c.headers, host: c.host, connection: 'close' }, timeout: 5000, agent: false, ...(https ? { servername: c.sni ?? name, rejectUnauthorized: false } : {}) },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body }));
      },
    );
    r.on('timeout', () => r.destroy(new Error('timeout')));
    r.on('error', reject);
    r.end();
  });
}

/** Echo servers over h2c answering as startEchoUpstreams does (x-echo-backend, the JSON of what they received). */
async function h2cEcho(backends: readonly Backend[]): Promise<EchoUpstreams> {
  const servers: Http2Server[] = [];
  const ports = new Map<string, number>();
  for (const b of backends) {
    const server = createH2cServer((req, res) => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', 'x-echo-backend': backendKey(b) });
        res.end(JSON.stringify({ namespace: b.namespace, service: b.service, port: b.port, method: req.method, host: req.headers[':authority'] ?? req.headers.host ?? '', path: q === -1 ? url : url.slice(0, q), query: q === -1 ? '' : url.slice(q + 1), headers: req.headers }));
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    servers.push(server);
    ports.set(backendKey(b), (server.address() as AddressInfo).port);
  }
  return { ports, close: async () => void (await Promise.all(servers.map((s) => new Promise<void>((ok) => s.close(() => ok()))))) };
}

const outcome = (a: Answer) => {
  if (a.status === 200 && a.headers['x-echo-backend']) return a.headers['x-echo-backend'];
  if (a.headers.location) return `${a.status} ${a.headers.location}`;
  return String(a.status);
};

testNeeding(test, 'nginx', !!NGINX, 'nginx: the Gateway routing table', async () => {
  const first = resolve(loadInputs([gatewayFixture]).documents, { gatewayClass: 'ingressctl' });
  let echo: EchoUpstreams | undefined;
  let grpcEcho: EchoUpstreams | undefined;
  let proxy: Running | undefined;
  let dir: string | undefined;
  try {
    const all = gatewayBackends(first.gateways!.find((g) => `${g.namespace}/${g.name}` === gatewayName)!);
    echo = await startEchoUpstreams(all.filter((b) => b.protocol !== 'grpc'));
    // gRPC backends speak HTTP/2 without TLS (h2c): their echo servers too
    grpcEcho = await h2cEcho(all.filter((b) => b.protocol === 'grpc'));
    const upstreams = new Map([...echo.ports, ...grpcEcho.ports].map(([k, port]) => [k, { host: '127.0.0.1', port }]));
    const model = resolve(loadInputs([gatewayFixture]).documents, { gatewayClass: 'ingressctl', upstreams });
    const gateway = model.gateways!.find((g) => `${g.namespace}/${g.name}` === gatewayName)!;
    dir = scratch();
    const bundle = join(dir, 'b');
    let local = new Map<number, number>();
    let result!: ReturnType<typeof renderGatewayNginx>;
    ({ nginx: proxy } = await startNginxOnFreePorts(3, bundle, ([p80, p443, p8080]) => {
      local = new Map([[80, p80], [443, p443], [8080, p8080]]);
      result = renderGatewayNginx(model, gateway, { httpPort: p80, httpsPort: p443, mapPorts: new Map([[8080, p8080]]), listenAddress: '127.0.0.1' });
      writeFiles(bundle, result.files);
      const check = nginxCheck(bundle);
      assert.ok(check.ok, check.output);
    }));
    const failed: string[] = [];
    let ran = 0;
    for (const c of gatewayCases) {
      const port = local.get(c.port);
      if (port === undefined) continue;
      const reported = REPORTED.find(([row]) => row.test(c.rule) || (c.grpc && row.test('gRPC')));
      if (reported) {
        if (!result.findings.some((f) => f.ruleId === 'target-unsupported' && reported[1].test(f.message))) failed.push(`${c.rule}: not reported`);
        continue;
      }
      ran++;
      if (c.expect.startsWith('split')) {
        const seen = new Set<string>();
        for (let i = 0; i < 40 && seen.size < 2; i++) seen.add(outcome(await send(c, port)));
        const want = c.expect.split(' ').slice(1).map((w) => w.replace(/:\d+$/, ''));
        if ([...seen].sort().join() !== [...want].sort().join()) failed.push(`${c.rule}: saw ${[...seen].join(', ')}`);
        continue;
      }
      const a = await send(c, port);
      const why: string[] = [];
      if (outcome(a) !== c.expect) why.push(`got ${outcome(a)}`);
      if (c.upstream && a.status === 200 && a.headers['x-echo-backend']) {
        const e = JSON.parse(a.body);
        if (c.upstream.path !== undefined && e.path + (e.query ? `?${e.query}` : '') !== c.upstream.path) why.push(`upstream path ${e.path}?${e.query}`);
        if (c.upstream.host !== undefined && e.host !== c.upstream.host) why.push(`upstream host ${e.host}`);
        for (const [k, v] of Object.entries(c.upstream.headers ?? {})) if ((e.headers[k] ?? null) !== v) why.push(`upstream ${k}: ${e.headers[k]}`);
      }
      for (const [k, v] of Object.entries(c.responseHeaders ?? {})) if ((a.headers[k] ?? null) !== v) why.push(`response ${k}: ${a.headers[k]}`);
      if (why.length) failed.push(`${c.rule}: ${why.join('; ')}`);
    }
    console.log(`  nginx gateway table: ${ran} rows sent, ${failed.length} failed`);
    assert.equal(failed, []);
  } finally {
    await proxy?.stop();
    await echo?.close();
    await grpcEcho?.close();
    if (dir) removeScratch(dir);
  }
});

test.run();
