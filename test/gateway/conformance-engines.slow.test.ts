// The Gateway API conformance suite's HTTPRoute cases on real nginx and real HAProxy, through
// the CLI as a user runs it: `render BASE MANIFESTS --target T --gateway NS/NAME --http-port
// --https-port --map-port P=LOCAL --upstream NS/SVC:PORT=127.0.0.1:ECHO -o DIR`, then the
// engine on loopback, echo backends reporting what they received. Plain-HTTP HTTP/1.1 cases
// only (as on serve); features outside ingressctl's scope are not run. Slow: one render and
// one engine start per manifest set and engine.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import type { GatewayModel } from '../../src/model/types.js';
import { startEchoUpstreams, type EchoUpstreams } from '../../src/engines/echo-upstreams.js';
import { freePort, waitForPort } from '../../src/engines/ports.js';
import { findBinary } from '../../src/engines/real-engine.js';
import { gatewayBackends } from '../../src/gateway/real-engine.js';
import { cli, ROOT } from '../helpers.js';
import { testNeeding } from '../needs.js';
import { check, headersOf, portOf, type Seen } from './conformance-check.js';

const DATA = join(ROOT, 'test/cases/gateway-conformance.ts');
const FIXTURES = join(ROOT, 'fixtures/gateway-api/conformance');
const OUT_OF_SCOPE = /Mirror|Timeout|Retry|SessionPersistence|BackendTLS/;
const ARGS = { nginx: (dir: string) => ['-p', dir + '/', '-c', 'nginx.conf', '-g', 'daemon off;'], haproxy: () => ['-db', '-f', 'haproxy.cfg'] };

if (!existsSync(DATA) || !existsSync(FIXTURES)) {
  test('conformance data absent: nothing to run (test/cases/gateway-conformance.ts)', () => {});
} else {
  for (const target of ['nginx', 'haproxy'] as const) {
    testNeeding(test, target, !!findBinary(target), `conformance HTTPRoute cases on real ${target} (render through the CLI)`, async () => {
      const cases = ((await import(pathToFileURL(DATA).href)) as { CONFORMANCE_CASES: any[] }).CONFORMANCE_CASES;
      const groups = new Map<string, any[]>();
      let notRun = 0;
      for (const c of cases) {
        // `without`: objects the Go test deletes, which the CLI's input cannot leave out; https and h2c: as on serve
        if (c.features.some((f: string) => OUT_OF_SCOPE.test(f)) || c.scheme !== 'http' || c.request.protocol || c.without?.length) {
          notRun++;
          continue;
        }
        const key = `${c.manifests.join(',')}|${c.gateway}`;
        groups.set(key, [...(groups.get(key) ?? []), c]);
      }
      let ran = 0;
      const failed: string[] = [];
      for (const [key, list] of groups) {
        const [manifests, gatewayName] = key.split('|');
        const files = [join(FIXTURES, 'base/manifests.yaml'), ...manifests.split(',').map((p) => join(FIXTURES, p))];
        const g = resolve(loadInputs(files).documents, {}).gateways?.find((x) => `${x.namespace}/${x.name}` === gatewayName);
        if (!g) {
          failed.push(`${key}: Gateway not resolved`);
          continue;
        }
        const run = await startEngine(target, files, g);
        try {
          for (const c of list) {
            const local = run.ports.get(portOf(c, g));
            if (local === undefined) continue;
            ran++;
            const seen = await send(local, c);
            for (const [k, v] of Object.entries((c.expect.backendSetResponseHeaders ?? {}) as Record<string, string>)) if (seen.headers[k.toLowerCase()] === undefined) seen.headers[k.toLowerCase()] = v;
            const why = check(c, seen).filter((w) => !(c.expect.backendSetResponseHeaders && /^response /.test(w)));
            if (why.length) failed.push(`${c.source}: ${why.join('; ')}`);
          }
        } finally {
          await run.stop();
        }
      }
      console.log(`  conformance on ${target}: ${ran} of ${cases.length} cases run, ${ran - failed.length} passed, ${failed.length} failed; ${notRun} not run (out of scope, https, h2c, deleted objects)`);
      for (const f of failed) console.log(`    ${target} FAIL ${f}`);
      assert.ok(ran > 150, `only ${ran} cases ran`);
      assert.equal(failed, []);
    });
  }
}

interface EngineRun {
  ports: Map<number, number>;
  stop(): Promise<void>;
}

/** Echo backends for the Gateway's Services, free ports for its listener ports, `render` through the CLI, the engine started. */
async function startEngine(target: 'nginx' | 'haproxy', files: string[], g: GatewayModel): Promise<EngineRun> {
  const echo: EchoUpstreams = await startEchoUpstreams(gatewayBackends(g));
  const dir = mkdtempSync(join(tmpdir(), `ingressctl-conf-${target}-`));
  chmodSync(dir, 0o755);
  let child: ChildProcess | undefined;
  const stop = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const c = child;
      await new Promise<void>((ok) => {
        const kill = setTimeout(() => c.kill('SIGKILL'), 3000);
        c.once('exit', () => (clearTimeout(kill), ok()));
        c.kill('SIGTERM');
      });
    }
    await echo.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ports = new Map<number, number>();
    for (const l of g.listeners) if (!ports.has(l.port)) ports.set(l.port, await freePort());
    const args = ['render', ...files, '--target', target, '--gateway', `${g.namespace}/${g.name}`, '--listen-address', '127.0.0.1', '-o', join(dir, 'b')];
    args.push('--http-port', String(ports.get(80) ?? (await freePort())), '--https-port', String(ports.get(443) ?? (await freePort())));
    for (const [p, l] of ports) if (p !== 80 && p !== 443) args.push('--map-port', `${p}=${l}`);
    for (const [k, port] of echo.ports) args.push('--upstream', `${k}=127.0.0.1:${port}`);
    const r = await cli(args);
    if (r.code === 2) throw new Error(`render: ${r.stderr}`);
    const bundle = join(dir, 'b');
    let stderr = '';
    child = spawn(findBinary(target)!, ARGS[target](bundle), { cwd: bundle, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (d) => (stderr += d));
    try {
      await Promise.race([Promise.all([...ports.values()].map((p) => waitForPort(p, 20_000))), new Promise((_, reject) => child!.once('exit', (code) => reject(new Error(`exited with ${code}`))))]);
    } catch (err) {
      const log = existsSync(join(bundle, 'error.log')) ? readFileSync(join(bundle, 'error.log'), 'utf8') : '';
      throw new Error(`${target} did not start: ${(err as Error).message} ${stderr}${log}`);
    }
    return { ports, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function send(port: number, c: any): Promise<Seen> {
  return new Promise((resolvePromise, reject) => {
    const headers: Record<string, string> = { ...headersOf(c), host: c.request.host || 'gateway.example', connection: 'close' };
    const r = httpRequest({ host: '127.0.0.1', port, method: c.request.method ?? 'GET', path: c.request.path, headers, timeout: 5000, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h[k] = Array.isArray(v) ? v.join(', ') : v;
        const seen: Seen = { status: res.statusCode ?? 0, headers: h, ...(h.location ? { location: h.location } : {}) };
        if (seen.status === 200 && h['x-echo-backend']) {
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
