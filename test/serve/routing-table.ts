// Runs a routing table against serve: for each row, the backend serve reaches (through its
// echo backend) must equal the Matcher's answer — what `explain` says — and the row's expectation.
// Rows take the shape of the shared routing cases, so the shared table can be hooked in here.
import * as assert from 'uvu/assert';
import { Matcher } from '../../src/model/match.js';
import type { RouteModel } from '../../src/model/types.js';
import type { LocalProxy } from '../../src/serve/server.js';
import { outcome } from '../helpers.js';
import { call, echoed, withProxy, type Reply } from './helpers.js';

export interface RoutingRow {
  scheme: 'http' | 'https';
  /** the Host header as sent */
  host: string;
  /** the request target as sent */
  path: string;
  /** "ns/svc:port", "308 <location with the HTTPS port 443>", or a status ("400", "404", "503") */
  expected: string;
}

/** What the client saw, in `outcome()` terms. */
function observed(r: Reply): string {
  if (r.status === 200) return echoed(r);
  if (r.status === 308) return `308 ${r.headers.location}`;
  return String(r.status);
}

/** The Matcher's answer with the proxy's real HTTPS port (for redirect locations). */
function explained(model: RouteModel, proxy: LocalProxy, row: RoutingRow): string {
  const d = new Matcher(model, { httpsPort: proxy.httpsPort }).match({ scheme: row.scheme, host: row.host, target: row.path });
  if (d.status === 200) return `${d.backend.namespace}/${d.backend.service}:${d.backend.port}`;
  if (d.status === 308) return `308 ${d.location}`;
  return String(d.status);
}

export async function checkRows(model: RouteModel, rows: readonly RoutingRow[]): Promise<void> {
  await withProxy(model, {}, async (proxy) => {
    const failures: string[] = [];
    for (const row of rows) {
      const label = `${row.scheme}://${row.host}${row.path}`;
      const fromModel = outcome(model, `${row.scheme}://${row.host}${row.path}`);
      if (fromModel !== row.expected) failures.push(`${label}: the model says ${fromModel}, the row expects ${row.expected}`);
      const served = observed(await call(proxy, { scheme: row.scheme, host: row.host, path: row.path }));
      const explain = explained(model, proxy, row);
      if (served !== explain) failures.push(`${label}: serve answered ${served}, explain says ${explain}`);
    }
    assert.equal(failures, [], failures.join('\n'));
  });
}
