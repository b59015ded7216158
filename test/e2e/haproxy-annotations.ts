// The annotation fixture (test/envoy/fixtures/annotations) on a real HAProxy: every
// backend is an echo server (HTTPS, gRPC and gRPCS ones speak their protocol), sticky-svc
// gets two endpoints of its own, and each request can be compared with the Matcher.
import { loadInputs } from '../../src/load/index.js';
import { parseText } from '../../src/load/parse.js';
import { renderHaproxy } from '../../src/emit/haproxy/render.js';
import { selfSignedCertificate } from '../../src/emit/self-signed.js';
import type { EmitResult } from '../../src/emit/types.js';
import { Matcher, type Decision } from '../../src/model/match.js';
import { resolve } from '../../src/model/resolve.js';
import type { RouteModel } from '../../src/model/types.js';
import { rawRequest, startEchoServers, type Echo, type EchoProtocol, type RawResponse } from './haproxy-echo.js';
import { removeBundle, startHaproxyOnFreePorts, type RunningHaproxy } from './haproxy-engine.js';

export const ANNOTATIONS_FIXTURE = 'test/envoy/fixtures/annotations';
export const STICKY = ['sticky-a', 'sticky-b'];
const PROTOCOLS = new Map<string, EchoProtocol>([
  ['default/https-svc:80', 'https'],
  ['default/grpc-svc:80', 'h2c'],
  ['default/grpcs-svc:80', 'h2'],
]);

export interface Request {
  scheme?: 'http' | 'https';
  host: string;
  target: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Answer extends RawResponse {
  /** what the echo backend received, when the request reached one */
  echo?: Echo;
}

export interface AnnotatedHaproxy {
  model: RouteModel;
  result: EmitResult;
  httpPort: number;
  httpsPort: number;
  send(r: Request): Promise<Answer>;
  /** the Matcher's decision for the same request, from 127.0.0.1 */
  decide(r: Request, random?: () => number): Decision;
}

function endpointsYaml(ports: readonly number[]): string {
  return `apiVersion: v1
kind: Endpoints
metadata: {name: sticky-svc, namespace: default}
subsets:
${ports.map((p) => `  - addresses: [{ip: 127.0.0.1}]\n    ports: [{name: web, port: ${p}}]`).join('\n')}
`;
}

/** Starts everything; `stop` ends it all (also after a failed start). */
export async function startAnnotatedHaproxy(): Promise<AnnotatedHaproxy & { stop(): Promise<void> }> {
  const base = loadInputs([ANNOTATIONS_FIXTURE]).documents.filter((d) => d.kind !== 'Endpoints');
  const names = new Set<string>();
  for (const v of resolve(base).hosts) {
    if (v.defaultBackend) names.add(`default/${v.defaultBackend.backend.service}:${v.defaultBackend.backend.port}`);
    for (const r of v.routes) {
      // a backend with nowhere to go stays so (default-backend is tested on it)
      if (r.backend.upstream.kind !== 'unresolved') names.add(`${r.backend.namespace}/${r.backend.service}:${r.backend.port}`);
      if (r.canary) names.add(`${r.canary.backend.namespace}/${r.canary.backend.service}:${r.canary.backend.port}`);
      if (r.policy.fallbackBackend) names.add(`default/${r.policy.fallbackBackend.service}:${r.policy.fallbackBackend.port}`);
    }
  }
  names.delete('default/sticky-svc:80');
  const { certPem, keyPem } = selfSignedCertificate('echo', ['localhost']);
  const echo = await startEchoServers([...[...names].sort(), ...STICKY], PROTOCOLS, { cert: certPem, key: keyPem });
  let dir: string | undefined;
  let haproxy: RunningHaproxy | undefined;
  const stop = async () => {
    await haproxy?.stop();
    await echo.close();
    if (dir) removeBundle(dir);
  };
  try {
    const endpoints = parseText('endpoints.yaml', endpointsYaml(STICKY.map((n) => echo.ports.get(n)!))).documents;
    for (const d of endpoints) d.namespace = 'default';
    const upstreams = new Map([...names].map((n) => [n, { host: '127.0.0.1', port: echo.ports.get(n)! }]));
    const model = resolve([...base, ...endpoints], { upstreams });
    const started = await startHaproxyOnFreePorts(2, ([httpPort, httpsPort]) => renderHaproxy(model, { httpPort, httpsPort, listenAddress: '127.0.0.1', resolver: '127.0.0.1' }));
    ({ haproxy, dir } = started);
    const [httpPort, httpsPort] = started.ports;
    const matcher = (random?: () => number) => new Matcher(model, { httpsPort, ...(random ? { random } : {}) });
    return {
      model,
      result: started.result,
      httpPort,
      httpsPort,
      stop,
      send: async (r) => {
        const tls = r.scheme === 'https';
        const headers = Object.entries(r.headers ?? {});
        if (r.body !== undefined) headers.push(['Content-Length', String(Buffer.byteLength(r.body))]);
        const res = await rawRequest({ port: tls ? httpsPort : httpPort, ...(tls ? { sni: r.host.replace(/:\d*$/, '') } : {}), host: r.host, target: r.target, method: r.method ?? 'GET', headers, ...(r.body !== undefined ? { body: r.body } : {}) });
        return res.headers.has('x-echo-backend') ? { ...res, echo: JSON.parse(res.body) as Echo } : res;
      },
      decide: (r, random) => {
        const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
        return matcher(random).match({ scheme: r.scheme ?? 'http', host: r.host, target: r.target, method: r.method ?? 'GET', headers, clientIp: '127.0.0.1' });
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** "backend" for an echo answer, else "status" or "status location". */
export function outcomeOf(a: Answer): string {
  if (a.echo) return a.echo.backend;
  const location = a.headers.get('location');
  return location ? `${a.status} ${location}` : String(a.status);
}

/** The same form for a Matcher decision. */
export function decisionOutcome(d: Decision): string {
  if (d.status === 200) return `${d.backend.namespace}/${d.backend.service}:${d.backend.port}`;
  if ('location' in d) return `${d.status} ${d.location}`;
  return String(d.status);
}
