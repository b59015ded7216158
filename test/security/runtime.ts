// Runtime injection checks: a model rendered for a real engine (nginx, HAProxy) or given to
// serve, every backend answered by a local echo server, requests sent over 127.0.0.1 and
// the raw answer kept (every header line as sent, repeated ones separately) together with
// what the echo server received.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBundle } from '../../src/emit/bundle.js';
import { emitters } from '../../src/emit/index.js';
import type { Finding } from '../../src/findings/finding.js';
import type { GatewayModel, RouteModel } from '../../src/model/types.js';
import { GatewayProxy } from '../../src/gateway/serve.js';
import { gatewayBackends, withLocalBackends } from '../../src/gateway/real-engine.js';
import { renderGatewayNginx } from '../../src/gateway/emit-nginx.js';
import { renderGatewayHaproxy } from '../../src/gateway/emit-haproxy.js';
import { findBinary, stopChild } from '../../src/engines/real-engine.js';
import { modelBackends, startEchoUpstreams, type EchoReply } from '../../src/engines/echo-upstreams.js';
import { withLocalUpstreams } from '../../src/engines/local-upstreams.js';
import { freePort, waitForPort } from '../../src/engines/ports.js';
import { LocalProxy } from '../../src/serve/server.js';

export type RuntimeTarget = 'nginx' | 'haproxy' | 'serve';
export const RUNTIME_TARGETS: RuntimeTarget[] = ['nginx', 'haproxy', 'serve'];

export interface RawAnswer {
  status: number;
  /** header lines as received: [lower-case name, value] */
  headers: [string, string][];
  /** what the echo server received, when the request reached one */
  echo?: EchoReply;
}

export interface Running {
  target: RuntimeTarget;
  findings: Finding[];
  send(scheme: 'http' | 'https', host: string, target: string, headers?: Record<string, string>, method?: string): Promise<RawAnswer>;
  close(): Promise<void>;
}

export const available = (t: RuntimeTarget) => t === 'serve' || findBinary(t) !== undefined;

const ARGS: Record<'nginx' | 'haproxy', (dir: string) => string[]> = {
  nginx: (dir) => ['-p', dir + '/', '-c', 'nginx.conf', '-g', 'daemon off;'],
  haproxy: () => ['-db', '-f', 'haproxy.cfg'],
};

export async function startRuntime(target: RuntimeTarget, model: RouteModel): Promise<Running> {
  const echoes = await startEchoUpstreams(modelBackends(model));
  const local = withLocalUpstreams(model, echoes.ports);
  let child: ChildProcess | undefined;
  let proxy: LocalProxy | undefined;
  let dir: string | undefined;
  const close = async () => {
    await stopChild(child);
    await proxy?.stop(500);
    await echoes.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    let ports: { http: number; https: number };
    let findings: Finding[] = [];
    if (target === 'serve') {
      proxy = await LocalProxy.start(local, { httpPort: 0, httpsPort: 0 });
      ports = { http: proxy.httpPort, https: proxy.httpsPort };
    } else {
      ports = { http: await freePort(), https: await freePort() };
      const result = emitters[target]!(local, { httpPort: ports.http, httpsPort: ports.https, listenAddress: '127.0.0.1', resolver: '127.0.0.1' });
      findings = result.findings;
      dir = mkdtempSync(join(tmpdir(), `ingressctl-runtime-${target}-`));
      chmodSync(dir, 0o755); // nginx workers run unprivileged when nginx starts as root
      const bundle = join(dir, 'bundle');
      writeBundle(bundle, result.files);
      let stderr = '';
      child = spawn(findBinary(target)!, ARGS[target](bundle), { cwd: bundle, stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr!.on('data', (c) => (stderr += c));
      await Promise.race([
        // a config of thousands of servers takes nginx seconds to read on a busy machine
        Promise.all([waitForPort(ports.http, 120_000), waitForPort(ports.https, 120_000)]),
        new Promise((_, reject) => child!.once('exit', (code) => reject(new Error(`${target} exited with ${code}: ${stderr}`)))),
      ]);
    }
    return { target, findings, send: (scheme, host, path, headers = {}, method = 'GET') => rawRequest(scheme === 'https' ? ports.https : ports.http, scheme, host, path, headers, method), close };
  } catch (err) {
    await close();
    throw err;
  }
}

function rawRequest(port: number, scheme: 'http' | 'https', host: string, path: string, headers: Record<string, string>, method: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port, path, method, headers: { ...headers, host, connection: 'close' }, agent: false as const, timeout: 5000, ...(scheme === 'https' ? { servername: host, rejectUnauthorized: false } : {}) };
    const req = (scheme === 'https' ? httpsRequest : httpRequest)(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const lines: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) lines.push([res.rawHeaders[i].toLowerCase(), res.rawHeaders[i + 1]]);
        const body = Buffer.concat(chunks).toString('utf8');
        let echo: EchoReply | undefined;
        if (res.headers['x-echo-backend'] && res.statusCode === 200) echo = JSON.parse(body) as EchoReply;
        resolve({ status: res.statusCode ?? 0, headers: lines, ...(echo ? { echo } : {}) });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within 5 s: ${scheme}://${host}${path}`)));
    req.on('error', reject);
    req.end();
  });
}

/** The attributes of one Set-Cookie line: name=value, then [attribute name, value]. */
export function cookieAttributes(line: string): { name: string; attributes: [string, string][] } {
  const [first, ...rest] = line.split(';');
  return { name: first.split('=')[0].trim(), attributes: rest.map((a) => { const i = a.indexOf('='); return i === -1 ? [a.trim(), ''] : [a.slice(0, i).trim(), a.slice(i + 1)]; }) };
}

/** A request header whose value must never show up elsewhere: hostile values name it as a variable in every engine's syntax. */
export const PROBE_HEADER = 'x-probe';
export const PROBE_VALUE = 'zzexpandedzz';
/** The Host the checks send: `$host` expanded shows as this name. */
export const PROBE_HOST = 'probe.example.com';

/**
 * What an answer must never show: a header line the request injected (named X-Injected), a cookie attribute
 * other than those the targets write, the probe header's value (a variable expanded) in
 * any response header or in any header the upstream received, or the Host where only a
 * literal value belongs (`hostFree`: response header names whose values never hold it).
 */
export function answerProblems(a: RawAnswer, hostFree: readonly string[] = ['set-cookie']): string[] {
  const problems: string[] = [];
  const allowed = new Set(['path', 'max-age', 'secure', 'httponly']);
  for (const [name, value] of a.headers) {
    // (a percent-encoded "%0d%0aX-Injected" in a Location is the URL as configured: only a header of that name is one)
    if (/injected/i.test(name)) problems.push(`an injected header: ${name}: ${value}`);
    if (value.includes(PROBE_VALUE)) problems.push(`a variable expanded into ${name}: ${value}`);
    if (hostFree.includes(name) && value.toLowerCase().includes(PROBE_HOST)) problems.push(`$host expanded into ${name}: ${value}`);
    if (name === 'set-cookie') {
      for (const [attr] of cookieAttributes(value).attributes) if (!allowed.has(attr.toLowerCase())) problems.push(`a cookie attribute added: ${JSON.stringify(attr)} in ${value}`);
    }
  }
  for (const [name, value] of Object.entries(a.echo?.headers ?? {})) {
    const v = Array.isArray(value) ? value.join(', ') : value ?? '';
    if (/injected/i.test(name)) problems.push(`an injected upstream header: ${name}: ${v}`);
    if (name !== PROBE_HEADER && v.includes(PROBE_VALUE)) problems.push(`a variable expanded into the upstream header ${name}: ${v}`);
  }
  return problems;
}

/** A Gateway of `model` on a real engine or serve: its one HTTP listener port (80) on a free local port, every backendRef to a local echo server (answering with `upstreamHeaders` too). */
export async function startGatewayRuntime(target: RuntimeTarget, model: RouteModel, gateway: GatewayModel, upstreamHeaders?: Record<string, string>): Promise<Running> {
  const echoes = await startEchoUpstreams(gatewayBackends(gateway), { headers: upstreamHeaders });
  const g = withLocalBackends(gateway, echoes.ports);
  let child: ChildProcess | undefined;
  let proxy: GatewayProxy | undefined;
  let dir: string | undefined;
  const close = async () => {
    await stopChild(child);
    await proxy?.stop();
    await echoes.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    let port: number;
    let findings: Finding[] = [];
    if (target === 'serve') {
      proxy = await GatewayProxy.start(g, { httpPort: 0, httpsPort: 0, mapPorts: new Map(), routeHeader: false });
      port = proxy.ports.get(80)!;
    } else {
      port = await freePort();
      const options = { httpPort: port, httpsPort: await freePort(), mapPorts: new Map<number, number>(), listenAddress: '127.0.0.1' };
      const result = target === 'nginx' ? renderGatewayNginx(model, g, options) : renderGatewayHaproxy(model, g, options);
      findings = result.findings;
      dir = mkdtempSync(join(tmpdir(), `ingressctl-runtime-gw-${target}-`));
      chmodSync(dir, 0o755);
      const bundle = join(dir, 'bundle');
      writeBundle(bundle, result.files);
      let stderr = '';
      child = spawn(findBinary(target)!, ARGS[target](bundle), { cwd: bundle, stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr!.on('data', (c) => (stderr += c));
      await Promise.race([waitForPort(port, 20_000), new Promise((_, reject) => child!.once('exit', (code) => reject(new Error(`${target} exited with ${code}: ${stderr}`))))]);
    }
    return { target, findings, send: (scheme, host, path, headers = {}, method = 'GET') => rawRequest(port, scheme, host, path, headers, method), close };
  } catch (err) {
    await close();
    throw err;
  }
}
