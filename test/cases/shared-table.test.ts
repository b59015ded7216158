// The shared routing table (test/cases/routing-cases.ts) on the targets that need no
// external binary: Envoy's emitted route configuration (evaluated with Envoy's documented
// matching) and the local proxy (real HTTP(S) over 127.0.0.1). nginx runs it in
// test/e2e/nginx-routing.test.ts, HAProxy in test/e2e/haproxy-routing.test.ts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cases, routingFixture } from './routing-cases.js';
import { modelOfFixture, routingMismatches } from '../envoy/routing.js';
import { checkRows } from '../serve/routing-table.js';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';

const rows = cases.map((c) => ({ scheme: c.scheme, host: c.host, path: c.path, expected: c.expect }));
const model = () => modelOfFixture(join(ROOT, routingFixture));

/**
 * Rows Envoy cannot route as the model does, each reported by `render --target envoy` as a
 * target-approximate finding: its path normalisation resolves ".." above the root instead
 * of refusing it, and reads a raw backslash as a path character.
 */
const ENVOY_APPROXIMATE = ['http://paths.example.com/foo\\bar', 'http://paths.example.com/../foo'];

test(`envoy: every row of the shared table (${rows.length}) routes as the model says, but the known approximations`, () => {
  const mismatches = routingMismatches(model(), rows);
  for (const m of mismatches) assert.is(m.model, m.row.expected, `the model disagrees with the row ${m.row.path}`);
  assert.equal(mismatches.map((m) => `${m.row.scheme}://${m.row.host}${m.row.path}`).sort(), [...ENVOY_APPROXIMATE].sort());
});

test(`serve: every row of the shared table (${rows.length}) is answered as explain says`, async () => {
  await checkRows(model(), rows);
});

test.run();
