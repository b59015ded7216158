// `ingressctl test --gateway --engine nginx|haproxy`: the Gateway rendered for the real
// proxy with every listener port on a free loopback port and every backendRef sent to a
// local echo server; a request goes to the local port of its listener port.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBundle } from '../emit/bundle.js';
import type { EmitResult } from '../emit/types.js';
import { observedFrom, sendTo } from '../engines/client.js';
import { backendKey, startEchoUpstreams } from '../engines/echo-upstreams.js';
import { freePort, waitForPort } from '../engines/ports.js';
import { findBinary } from '../engines/real-engine.js';
import type { Backend, GatewayModel, RouteModel } from '../model/types.js';
import type { Engine, Observed } from '../spec/types.js';
import { renderGatewayHaproxy } from './emit-haproxy.js';
import { renderGatewayNginx } from './emit-nginx.js';
import { requestPort } from './spec-engines.js';

/** how many requests a weights expectation samples, and how far a share may stray (as serve) */
const SAMPLES = 400;
const TOLERANCE = 0.1;

const ARGS = { nginx: (dir: string) => ['-p', dir + '/', '-c', 'nginx.conf', '-g', 'daemon off;'], haproxy: () => ['-db', '-f', 'haproxy.cfg'] };

/** Every backend the Gateway's routes can send to. */
export function gatewayBackends(g: GatewayModel): Backend[] {
  const all = new Map<string, Backend>();
  for (const l of g.listeners) for (const v of l.hosts) for (const r of v.routes) for (const b of r.backends ?? []) if (b.backend) all.set(backendKey(b.backend), b.backend);
  return [...all.values()].sort((a, b) => backendKey(a).localeCompare(backendKey(b)));
}

/** A copy of the Gateway whose backends go to local ports (unresolved ones keep answering as the model says). */
export function withLocalBackends(g: GatewayModel, ports: ReadonlyMap<string, number>): GatewayModel {
  const map = (b: Backend): Backend => {
    const port = ports.get(backendKey(b));
    if (port === undefined || b.upstream.kind === 'unresolved') return b;
    return { ...b, upstream: { kind: 'endpoints', endpoints: [{ ip: '127.0.0.1', port }], source: 'override' } };
  };
  return {
    ...g,
    listeners: g.listeners.map((l) => ({
      ...l,
      hosts: l.hosts.map((v) => ({ ...v, routes: v.routes.map((r) => ({ ...r, ...(r.backends ? { backends: r.backends.map((w) => (w.backend ? { ...w, backend: map(w.backend) } : w)) } : {}) })) })),
    })),
  };
}

export async function startGatewayEngine(target: 'nginx' | 'haproxy', model: RouteModel, gateway: GatewayModel): Promise<Engine | { skip: string }> {
  const binary = findBinary(target);
  if (!binary) return { skip: `${target} is not installed` };
  const echoes = await startEchoUpstreams(gatewayBackends(gateway));
  const dir = mkdtempSync(join(tmpdir(), `ingressctl-gw-${target}-`));
  chmodSync(dir, 0o755); // nginx workers run unprivileged when nginx starts as root
  let child: ChildProcess | undefined;
  const cleanup = async () => {
    await stopChild(child);
    await echoes.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // a free local port for every listener port
    const local = new Map<number, number>();
    for (const l of gateway.listeners) if (!local.has(l.port)) local.set(l.port, await freePort());
    const g = withLocalBackends(gateway, echoes.ports);
    const options = { httpPort: local.get(80) ?? 0, httpsPort: local.get(443) ?? 0, mapPorts: local, listenAddress: '127.0.0.1' };
    const result: EmitResult = target === 'nginx' ? renderGatewayNginx(model, g, { ...options, resolver: '127.0.0.1' }) : renderGatewayHaproxy(model, g, options);
    const bundle = join(dir, 'bundle');
    writeBundle(bundle, result.files);
    let stderr = '';
    child = spawn(binary, ARGS[target](bundle), { cwd: bundle, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (c) => (stderr += c));
    try {
      await Promise.race([Promise.all([...local.values()].map((p) => waitForPort(p))), new Promise((_, reject) => child!.once('exit', (code) => reject(new Error(`exited with ${code}`))))]);
    } catch (err) {
      const log = existsSync(join(bundle, 'error.log')) ? readFileSync(join(bundle, 'error.log'), 'utf8') : '';
      throw new Error(`${target} did not start: ${(err as Error).message}\n${stderr}${log}`.trim());
    }
    return {
      name: target,
      checks: new Set(['backend', 'status', 'location', 'path', 'host', 'headers', 'weights']),
      async send(request) {
        const port = local.get(requestPort(request));
        if (port === undefined) throw new Error(`Gateway ${gateway.namespace}/${gateway.name} has no listener on port ${requestPort(request)}`);
        const first = await once(port, request);
        if (first.status !== 200 && first.status !== 500) return first;
        // a weighted split: sampled as serve samples it (src/gateway/spec-engines.ts)
        const counts = new Map<string, number>();
        for (let i = 0; i < SAMPLES; i++) {
          const o = i === 0 ? first : await once(port, request);
          const k = o.status === 200 && o.backend ? `${o.backend.namespace}/${o.backend.service}:${o.backend.port}` : String(o.status);
          counts.set(k, (counts.get(k) ?? 0) + 1);
          if (i === 20 && counts.size === 1) break; // no split: every answer the same
        }
        if (counts.size > 1) {
          const total = [...counts.values()].reduce((a, b) => a + b, 0);
          first.weights = Object.fromEntries([...counts].map(([k, n]) => [k, n / total]));
          first.weightTolerance = TOLERANCE;
        }
        return first;
      },
      close: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

async function once(port: number, request: Parameters<Engine['send']>[0]): Promise<Observed> {
  return observedFrom(await sendTo({ http: port, https: port }, request));
}

function stopChild(child: ChildProcess | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => (clearTimeout(kill), resolve()));
    child.kill('SIGTERM');
  });
}
