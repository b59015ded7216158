// Routing through a real HAProxy: render a fixture folder with every backend sent to an
// echo server, start haproxy on loopback, send each row of a case table, and compare
// the backend (or status, or redirect) with what the model's Matcher says for that row.
import { loadInputs } from '../../src/load/index.js';
import { Matcher } from '../../src/model/match.js';
import { resolve, type ResolveOptions } from '../../src/model/resolve.js';
import type { RouteModel } from '../../src/model/types.js';
import { backendKey, modelBackends } from '../../src/engines/echo-upstreams.js';
import { renderHaproxy } from '../../src/emit/haproxy/render.js';
import { rawRequest, startEchoServers, type Echo } from './haproxy-echo.js';
import { removeBundle, startHaproxyOnFreePorts, type RunningHaproxy } from './haproxy-engine.js';

export interface RoutingRow {
  scheme: 'http' | 'https';
  /** the Host header as sent (may carry a port or odd case) */
  host: string;
  /** the request target as sent: path and query, not normalised */
  path: string;
  /** "ns/svc:port" for the backend reached, "308 <location>" ({httpsPort} stands for the HTTPS port), or a status */
  expect: string;
  /** the path and query the upstream must receive (default: exactly `path`) */
  upstreamPath?: string;
  /** a text the server certificate's subjectAltName must contain (https rows) */
  certNames?: string;
}

export interface RowResult {
  row: RoutingRow;
  expected: string;
  model: string;
  haproxy: string;
  /** differences beyond the outcome: upstream path, headers, certificate */
  problems: string[];
}

const backendName = backendKey;


export function modelOutcome(model: RouteModel, row: RoutingRow, httpsPort: number): string {
  const d = new Matcher(model, { httpsPort }).match({ scheme: row.scheme, host: row.host, target: row.path });
  if (d.status === 200) return backendName(d.backend);
  if (d.status === 308) return `308 ${d.location}`;
  return String(d.status);
}

export interface HaproxyRun {
  model: RouteModel;
  httpPort: number;
  httpsPort: number;
  /** sends one row and compares it with the table and the model */
  send(row: RoutingRow): Promise<RowResult>;
}

/** Renders `folders` for HAProxy with every backend sent to an echo server, runs haproxy, and calls `use`; everything is stopped afterwards. */
export async function withHaproxy<T>(folders: string[], options: Omit<ResolveOptions, 'upstreams'>, use: (run: HaproxyRun) => Promise<T>): Promise<T> {
  const { documents } = loadInputs(folders);
  const echo = await startEchoServers(modelBackends(resolve(documents, options)).map(backendKey));
  let dir: string | undefined;
  let haproxy: RunningHaproxy | undefined;
  try {
    const upstreams = new Map([...echo.ports].map(([name, port]) => [name, { host: '127.0.0.1', port }]));
    const model = resolve(documents, { ...options, upstreams });
    const started = await startHaproxyOnFreePorts(2, ([httpPort, httpsPort]) => renderHaproxy(model, { httpPort, httpsPort, listenAddress: '127.0.0.1', resolver: '127.0.0.1' }));
    ({ haproxy, dir } = started);
    const [httpPort, httpsPort] = started.ports;
    return await use({ model, httpPort, httpsPort, send: (row) => sendRow(row, model, httpPort, httpsPort) });
  } finally {
    await haproxy?.stop();
    await echo.close();
    if (dir) removeBundle(dir);
  }
}

async function sendRow(row: RoutingRow, model: RouteModel, httpPort: number, httpsPort: number): Promise<RowResult> {
  const expected = row.expect.replace('{httpsPort}', String(httpsPort));
  const tls = row.scheme === 'https';
  const res = await rawRequest({ port: tls ? httpsPort : httpPort, ...(tls ? { sni: row.host.replace(/:\d*$/, '').toLowerCase() } : {}), host: row.host, target: row.path });
  const problems: string[] = [];
  let outcome = String(res.status);
  if (res.status === 200 && res.headers.has('x-echo-backend')) {
    const e = JSON.parse(res.body) as Echo;
    outcome = e.backend;
    const wantPath = row.upstreamPath ?? row.path;
    if (e.url !== wantPath) problems.push(`upstream got path ${e.url}, not ${wantPath}`);
    if (e.headers.host !== row.host) problems.push(`upstream got Host ${String(e.headers.host)}, not ${row.host}`);
    if (e.headers['x-forwarded-proto'] !== row.scheme) problems.push(`X-Forwarded-Proto ${String(e.headers['x-forwarded-proto'])}`);
    if (!e.headers['x-forwarded-for']) problems.push('no X-Forwarded-For');
  } else if (res.status === 308) outcome = `308 ${res.headers.get('location')}`;
  if (row.certNames && !res.certNames?.includes(row.certNames)) problems.push(`certificate names ${res.certNames}, not ${row.certNames}`);
  return { row, expected, model: modelOutcome(model, row, httpsPort), haproxy: outcome, problems };
}

/** Every row through a real HAProxy running the render of `folders`. */
export async function routeThroughHaproxy(folders: string[], rows: readonly RoutingRow[], options: Omit<ResolveOptions, 'upstreams'> = {}): Promise<RowResult[]> {
  return withHaproxy(folders, options, async (run) => {
    const results: RowResult[] = [];
    for (const row of rows) results.push(await run.send(row));
    return results;
  });
}

/** One line per row that disagrees, for a readable assertion message. */
export function disagreements(results: readonly RowResult[]): string[] {
  return results
    .filter((r) => r.model !== r.expected || r.haproxy !== r.expected || r.problems.length)
    .map((r) => `${r.row.scheme}://${r.row.host}${r.row.path}: table ${r.expected}, model ${r.model}, haproxy ${r.haproxy}${r.problems.length ? ` (${r.problems.join('; ')})` : ''}`);
}
